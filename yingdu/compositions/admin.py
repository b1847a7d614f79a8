"""Admin for compositions."""

from django.contrib import admin

from yingdu.core.admin import ItemAdmin

from .models import Composition


@admin.register(Composition)
class CompositionAdmin(ItemAdmin):
    list_display = ["title", "author_name", "grade", "language", "length", "status", "view_count"]
    list_filter = ["grade", "language", *ItemAdmin.list_filter]
    search_fields = ["title", "slug", "author_name", "body"]
    readonly_fields = [*ItemAdmin.readonly_fields, "length"]
