"""Admin for 每日一词 with its example sentences inline."""

from django.contrib import admin

from yingdu.core.admin import PUBLISHING_FIELDS, ItemAdmin

from .models import DailyTerm, Example


class ExampleInline(admin.TabularInline):
    model = Example
    extra = 1


@admin.register(DailyTerm)
class DailyTermAdmin(ItemAdmin):
    list_display = ["date", "term_zh", "term_en", "status", "view_count"]
    list_filter = ["status", "date", "tags"]
    search_fields = ["term_zh", "term_en", "explanation", "slug"]
    date_hierarchy = "date"
    autocomplete_fields = ["tags", "related"]
    inlines = [ExampleInline]
    fields = [
        "date",
        "term_zh",
        "term_en",
        "title",
        "slug",
        "explanation",
        "related",
        "tags",
        *PUBLISHING_FIELDS,
    ]
