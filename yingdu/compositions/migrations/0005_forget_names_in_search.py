"""Search entries of compositions written before authors' privacy began with the author's
full name: drop it from their text and terms, and add the grade filter term that
compositions now carry. Backwards there is nothing to undo (names are not put back)."""

from django.db import migrations

from yingdu.search.analysis import index_terms

# before and after search migration 0003 (one spelling per kind)
KIND_SPELLINGS = ("composition", "compositions")


def forget_names(apps, schema_editor):
    Composition = apps.get_model("compositions", "Composition")
    SearchEntry = apps.get_model("search", "SearchEntry")
    rows = {pk: (name, grade) for pk, name, grade in
            Composition.objects.values_list("pk", "author_name", "grade")}  # fmt: skip
    for entry in SearchEntry.objects.filter(kind__in=KIND_SPELLINGS, object_id__in=rows):
        name, grade = rows[entry.object_id]
        terms = [t for t in entry.terms.split() if not t.startswith("_grade_")]
        if name and name in entry.text:  # re-analysed only where the name was indexed
            entry.text = " ".join(entry.text.replace(name, " ").split())
            filters = [t for t in terms if t.startswith("_")]
            terms = [*index_terms(f"{entry.title} {entry.text}").split(), *filters]
        entry.grade = grade
        entry.terms = " ".join([*terms, f"_grade_{grade}"])
        entry.save(update_fields=["text", "grade", "terms"])

class Migration(migrations.Migration):
    dependencies = [
        ("compositions", "0004_author_privacy"),
        ("search", "0002_contentless_fts"),
    ]

    operations = [migrations.RunPython(forget_names, migrations.RunPython.noop)]
