"""Admin: the import records (read-only), and the "导入 / Import" page: a URL (page or
feed) is imported by a background job whose page shows its progress; pasted text, which
needs no network, is imported at once. Both run the same code as `yingdu import` and save
drafts."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from yingdu.importparse.sources import Task

from . import jobs
from .forms import PasteImportForm, UrlImportForm
from .models import ImportJob, ImportRecord
from .service import Importer

PASTED = "pasted text"
RECENT_JOBS = 10  # listed on the import page
REFRESH_SECONDS = 2  # how often a job page reloads while the job runs


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
        job = self.admin_site.admin_view(self.job_view)
        return [
            path("import/", view, name="imports_import"),
            path("import/jobs/<int:pk>/", job, name="imports_job"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not request.user.has_perm("imports.add_importrecord"):
            raise PermissionDenied
        url_form, paste_form = UrlImportForm(prefix="url"), PasteImportForm(prefix="paste")
        rows = None
        if request.method == "POST":
            if "url-url" in request.POST:
                url_form = UrlImportForm(request.POST, prefix="url")
                if url_form.is_valid():
                    data = url_form.cleaned_data
                    job = jobs.start(request.user, [data["url"]], data["kind"])
                    return redirect("admin:imports_job", job.pk)
            else:
                paste_form = PasteImportForm(request.POST, prefix="paste")
                if paste_form.is_valid():
                    data = paste_form.cleaned_data
                    outcomes = Importer(kind=data["kind"]).run(
                        [Task(PASTED, "text", text=data["text"])]
                    )
                    rows = [jobs.result_row(outcome) for outcome in outcomes]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import"),
            "opts": self.model._meta,
            "url_form": url_form,
            "paste_form": paste_form,
            "rows": rows,
            "counts": jobs.counts(rows) if rows is not None else None,
            "jobs": ImportJob.objects.filter(started_by=request.user)[:RECENT_JOBS],
        }
        return TemplateResponse(request, "imports/admin_import.html", context)

    def job_view(self, request, pk):
        """A job's state, progress and results: for the staff member who started it, and
        for superusers; anyone else gets a 404, as if there were no such job."""
        if not request.user.has_perm("imports.add_importrecord"):
            raise PermissionDenied
        job = ImportJob.objects.filter(pk=pk).first()
        if job is None or not (request.user.is_superuser or job.started_by_id == request.user.pk):
            raise Http404
        if request.method == "POST" and jobs.can_run_again(job):
            jobs.run_again(job)
            return redirect(reverse("admin:imports_job", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import job"),
            "opts": self.model._meta,
            "job": job,
            "rows": job.results,
            "counts": jobs.counts(job.results),
            "can_run_again": jobs.can_run_again(job),
            "refresh_seconds": REFRESH_SECONDS,
        }
        return TemplateResponse(request, "imports/admin_job.html", context)
