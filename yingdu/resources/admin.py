"""Admin for teaching resources (review, edit, delete) and the textbook-edition list.

Files arrive only through the site's upload form, where their content is checked; the admin
shows them read-only.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Edition, Resource, ResourceFile, ResourceStatus


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    extra = 0
    fields = ["original_name", "kind", "size", "sha256", "file", "preview"]
    readonly_fields = ["kind", "size", "sha256", "file", "preview"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.action(description=_("Publish selected resources"))
def publish(modeladmin, request, queryset):
    for resource in queryset:  # save() each so the page cache is refreshed
        resource.publish(request.user)


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = [
        "title", "type", "grade", "volume", "edition", "status", "text_state", "uploader",
        "download_count", "created_at",
    ]  # fmt: skip
    list_filter = ["status", "text_state", "type", "grade", "volume", "edition"]
    search_fields = ["title", "slug", "description", "unit"]
    autocomplete_fields = ["tags"]
    readonly_fields = [
        "uploader", "reviewed_by", "reviewed_at", "download_count", "view_count", "size",
        "text_state", "text_error", "created_at", "updated_at",
    ]  # fmt: skip
    fields = [
        "title", "slug", "type", "grade", "volume", "edition", "unit", "description", "tags",
        "status", "reject_reason", "published_at", *readonly_fields,
    ]  # fmt: skip
    inlines = [ResourceFileInline]
    actions = [publish]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # uploads go through /resources/upload/, where files are checked

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("edition", "uploader")

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and obj.status != ResourceStatus.PENDING:
            obj.reviewed_by = request.user
        super().save_model(request, obj, form, change)
