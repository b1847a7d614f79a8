"""Admin: takedown requests, the takedown log (read-only), and the 撤下并删除 action that
`offer_take_down` adds to the admin of every content kind."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from yingdu.accounts.roles import is_editor
from yingdu.core.models import Item

from .forms import TakeDownForm
from .models import TakedownLog, TakedownRequest
from .service import take_down


@admin.register(TakedownRequest)
class TakedownRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "relation", "page_url", "status", "handled_at"]
    list_filter = ["status", "relation"]
    search_fields = ["page_url", "reason"]
    readonly_fields = ["created_at"]
    date_hierarchy = "created_at"


@admin.register(TakedownLog)
class TakedownLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "title", "editor_username", "files_removed"]
    list_filter = ["kind"]
    search_fields = ["title", "url", "reason", "sources"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # viewing only: the log is evidence


@admin.action(description=_("Take down and delete"), permissions=["delete"])
def take_down_selected(modeladmin, request, queryset):
    """Ask for a reason (and the request it answers), then take every selected item down."""
    if not is_editor(request.user):
        modeladmin.message_user(request, _("Only editors may take items down."), messages.ERROR)
        return None
    form = TakeDownForm(request.POST if "confirm" in request.POST else None)
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["reason"]
        answered = form.cleaned_data["takedown_request"]
        items = list(queryset)
        for item in items:
            take_down(item, request.user, reason, answered)
        message = ngettext(
            "%(n)d item taken down and logged.", "%(n)d items taken down and logged.", len(items)
        ) % {"n": len(items)}
        modeladmin.message_user(request, message, messages.SUCCESS)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Take down and delete"),
        "opts": modeladmin.model._meta,
        "items": queryset,
        "form": form,
        "action": "take_down_selected",
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/privacy/confirm_takedown.html", context)


def offer_take_down() -> None:
    """Add the action to the admin of every content kind (called once the admins exist)."""
    for model, model_admin in admin.site._registry.items():
        if issubclass(model, Item) and take_down_selected not in model_admin.actions:
            model_admin.actions = [*model_admin.actions, take_down_selected]
