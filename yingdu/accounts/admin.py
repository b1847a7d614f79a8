"""Teacher requests and API tokens in the admin (roles themselves are the groups on each user)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, TeacherRequest
from .roles import TEACHER, grant


@admin.action(description=_("Grant the teacher role"))
def grant_teacher(modeladmin, request, queryset):
    for item in queryset.select_related("user"):
        grant(item.user, TEACHER)
        item.state, item.decided_by, item.decided_at = (
            TeacherRequest.State.GRANTED,
            request.user,
            timezone.now(),
        )
        item.save()


@admin.register(TeacherRequest)
class TeacherRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "state", "created_at", "decided_by"]
    list_filter = ["state"]
    search_fields = ["user__username", "school"]
    readonly_fields = ["created_at", "decided_at", "decided_by"]
    actions = [grant_teacher]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Operators may list and revoke (delete) tokens; the stored digest is never shown."""

    list_display = ["prefix", "name", "user", "created_at", "last_used_at"]
    search_fields = ["user__username", "name", "prefix"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # tokens are made by their owner (settings page) or `yingdu users token`
