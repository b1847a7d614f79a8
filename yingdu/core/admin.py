"""Admin for tags, and the shared admin options of every content kind."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Status, Tag

# The publishing fields every content kind's form ends with.
PUBLISHING_FIELDS = ["status", "published_at", "view_count", "created_at", "updated_at"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.action(description=_("Publish selected items"))
def publish(modeladmin, request, queryset):
    for item in queryset:  # save() per item so that signals (cache, annotations) fire
        item.status = Status.PUBLISHED
        item.save()


@admin.action(description=_("Unpublish selected items"))
def unpublish(modeladmin, request, queryset):
    for item in queryset:
        item.status = Status.DRAFT
        item.save()


class ItemAdmin(admin.ModelAdmin):
    """Options every content kind shares: list columns, filters, search, publish actions."""

    list_display = ["title", "status", "published_at", "view_count"]
    list_filter = ["status", "published_at", "tags"]
    search_fields = ["title", "slug"]
    autocomplete_fields = ["tags"]
    date_hierarchy = "published_at"
    readonly_fields = ["view_count", "created_at", "updated_at"]
    actions = [publish, unpublish]
    prepopulated_fields: dict = {}
