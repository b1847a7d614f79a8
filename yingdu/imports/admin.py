"""Admin: the import records (read-only), and the "导入 / Import" page with the URL and
pasted-text forms, which run the same code as `yingdu import` and save drafts."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from yingdu.importparse.sources import Task, plan

from .forms import PasteImportForm, UrlImportForm
from .models import ImportRecord
from .service import Importer, summarize

PASTED = "pasted text"


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    list_display = ["__str__", "content_type", "object_id", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["source"]
    readonly_fields = ["source", "content_hash", "content_type", "object_id", "created_at"]
    exclude = ["signature"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="imports_import"), *super().get_urls()]

    def import_view(self, request):
        if not request.user.has_perm("imports.add_importrecord"):
            raise PermissionDenied
        url_form, paste_form = UrlImportForm(prefix="url"), PasteImportForm(prefix="paste")
        outcomes = None
        if request.method == "POST":
            if "url-url" in request.POST:
                url_form = UrlImportForm(request.POST, prefix="url")
                if url_form.is_valid():
                    data = url_form.cleaned_data
                    outcomes = run(plan([data["url"]]), data["kind"])
            else:
                paste_form = PasteImportForm(request.POST, prefix="paste")
                if paste_form.is_valid():
                    data = paste_form.cleaned_data
                    outcomes = run([Task(PASTED, "text", text=data["text"])], data["kind"])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import"),
            "opts": self.model._meta,
            "url_form": url_form,
            "paste_form": paste_form,
            "outcomes": outcomes,
            "counts": summarize(outcomes) if outcomes is not None else None,
        }
        return TemplateResponse(request, "imports/admin_import.html", context)


def run(tasks, kind):
    return list(Importer(kind=kind).run(tasks))
