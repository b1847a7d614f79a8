"""One search entry per published item: what the results page shows and filters on.

The engine-specific index lives beside it (migrations/0001): an FTS5 external-content table
kept in sync by triggers on SQLite, a `vector` tsvector column with a GIN index on
PostgreSQL. Only published items have an entry, so drafts can never be found.
"""

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=20, db_index=True)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    published_at = models.DateTimeField(db_index=True)
    text = models.TextField(help_text="original plain text, for snippets")
    terms = models.TextField(help_text="analysed terms (yingdu.search.analysis)")
    resource_type = models.CharField(max_length=20, blank=True, db_index=True)
    grade = models.CharField(max_length=10, blank=True, db_index=True)
    volume = models.CharField(max_length=10, blank=True, db_index=True)
    edition = models.CharField(max_length=50, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_item")
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.title}"
