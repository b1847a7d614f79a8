"""Admin for compositions."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from yingdu.core.admin import PUBLISHING_FIELDS, ItemAdmin

from .models import Composition


@admin.register(Composition)
class CompositionAdmin(ItemAdmin):
    list_display = ["title", "public_author", "grade", "language", "length", "status", "view_count"]
    list_filter = ["grade", "language", *ItemAdmin.list_filter]
    search_fields = ["title", "slug", "author_name", "display_name", "body"]
    readonly_fields = [*ItemAdmin.readonly_fields, "length", "public_author"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "language", "grade", "body", "tags"]}),
        (
            _("Author (personal data of a minor: see docs/privacy.md)"),
            {
                "fields": [
                    "author_name",
                    "display_name",
                    "public_author",
                    "author_under_14",
                    "consent_at",
                    "guardian_consent_at",
                ],  # fmt: skip
                "description": _(
                    "The public sees only the display name, or the surname's initial. "
                    "The full name is shown only with consent recorded (for authors under "
                    "14, the guardian's consent too)."
                ),
            },
        ),
        (None, {"fields": PUBLISHING_FIELDS}),
    ]

    @admin.display(description=_("shown as"))
    def public_author(self, obj):
        return obj.public_author
