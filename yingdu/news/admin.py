"""Admin for news articles."""

from django.contrib import admin

from yingdu.core.admin import PUBLISHING_FIELDS, ItemAdmin

from .models import NewsArticle


@admin.register(NewsArticle)
class NewsArticleAdmin(ItemAdmin):
    list_display = ["title", "section", "dateline_place", "status", "published_at", "view_count"]
    list_filter = ["section", *ItemAdmin.list_filter]
    search_fields = ["title", "slug", "body", "dateline_place", "source"]
    fields = [
        "section",
        "title",
        "slug",
        "dateline_place",
        "dateline_date",
        "source",
        "summary",
        "body",
        "tags",
        *PUBLISHING_FIELDS,
    ]
