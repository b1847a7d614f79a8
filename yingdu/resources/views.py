"""The resource library: faceted list, item page, downloads, upload, review, edit.

Who may do what (every view checks): anyone browses, previews and downloads published
resources (`RESOURCE_DOWNLOAD_NEEDS_LOGIN` asks visitors to sign in first); teachers
upload, see their own pending uploads, follow the background reading of their documents
(text for search, previews: jobs.py), run it again or delete an upload; editors review,
publish, reject and edit. Public pages use the anonymous page cache; downloads never do
(they are counted).
"""

import errno
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from yingdu.accounts.models import TeacherRequest
from yingdu.accounts.roles import (
    TEACHER,
    editor_required,
    grant,
    is_editor,
    role_name,
    teacher_required,
)
from yingdu.core.pagecache import cached_page
from yingdu.core.viewcount import record_view
from yingdu.jobs.models import Job

from . import facets, jobs
from .forms import RejectForm, ResourceForm, UploadForm, upload_max_bytes
from .models import Resource, ResourceFile, ResourceStatus
from .services import create_resource, set_tags
from .uploads import FORM_OVERHEAD, SizeLimitHandler, buffer_chunked_body, is_chunked

log = logging.getLogger(__name__)
PER_PAGE = 20
PROCESSING_NOTE = _lazy(
    "The files are stored. Their text (for search) and previews are being made in the "
    "background; this page shows when they are ready."
)
REFRESH_SECONDS = 3  # the uploader's page, while the documents are read
RELATED_COUNT = 6


def can_see_unpublished(user, resource) -> bool:
    return is_editor(user) or (user.is_authenticated and resource.uploader_id == user.pk)


def visible_resource(request, slug) -> Resource:
    resources = Resource.objects.select_related("edition", "text_job")
    resource = get_object_or_404(resources, slug=slug)
    if not resource.is_published and not can_see_unpublished(request.user, resource):
        raise Http404("No such resource")
    return resource


def page_of(request, queryset, count: int):
    paginator = Paginator(queryset, PER_PAGE)
    paginator.count = count  # known from the facet counts: no COUNT(*) query
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = paginator.page(min(max(number, 1), paginator.num_pages))
    page.object_list = facets.rows(page.object_list)
    return page


@cached_page
def index(request):
    edition_list = facets.editions()
    selection, sort = facets.read_selection(request.GET, edition_list)
    counts, total = facets.facet_counts(facets.combinations(), selection)
    page = page_of(request, facets.listing(selection, sort), total)
    return render(request, "resources/list.html", {
        "page": page, "items": page.object_list, "total": total,
        "facet_rows": facets.facet_rows(selection, sort, counts, edition_list),
        "sort": sort,
        "sort_links": facets.sort_links(selection, edition_list),
        "role": role_name(request.user),
    })  # fmt: skip


def related_resources(resource, count: int = RELATED_COUNT) -> list[Resource]:
    """Same grade and type first, then same grade, newest first."""
    base = Resource.objects.published().exclude(pk=resource.pk).select_related("edition")
    related = list(base.filter(grade=resource.grade, type=resource.type)[:count])
    if len(related) < count:
        seen = [r.pk for r in related]
        more = base.filter(grade=resource.grade).exclude(pk__in=seen)
        related += list(more[: count - len(related)])
    return related


@cached_page
def detail(request, slug):
    resource = visible_resource(request, slug)
    files = list(resource.files.all())
    response = render(request, "resources/detail.html", {
        "item": resource, "files": files,
        "preview": next((f for f in files if f.preview), None),
        "related": related_resources(resource) if resource.is_published else [],
        "is_editor": is_editor(request.user),
        "reject_form": RejectForm(),
        **processing_context(request.user, resource),
    })  # fmt: skip
    if resource.is_published:
        record_view(Resource, resource.pk)
        response.viewed = (Resource, resource.pk)
    return response


def processing_context(user, resource) -> dict:
    """What the uploader and the editors see of the background reading of the documents
    (visitors see none of it): its state, its error, the job page (the uploader's only),
    and whether they may run it again or delete the resource."""
    if not can_see_unpublished(user, resource):
        return {}
    own = user.is_authenticated and resource.uploader_id == user.pk
    job = resource.text_job if resource.text_job_id else None
    return {
        "show_processing": True,
        "processing_job": job if own and job and job.started_by_id == user.pk else None,
        "processing_refresh": REFRESH_SECONDS if resource.processing else None,
        "may_delete": may_delete(user, resource),
    }


def may_delete(user, resource) -> bool:
    """The uploader deletes their own upload while no visitor can see it, or when its
    documents could not be read; a published resource is taken down by the editors."""
    own = user.is_authenticated and resource.uploader_id == user.pk
    return own and (not resource.is_published or bool(resource.processing_error))


def file_of(request, slug, pk) -> ResourceFile:
    item = get_object_or_404(
        ResourceFile.objects.select_related("resource"), pk=pk, resource__slug=slug
    )
    if not item.resource.is_published and not can_see_unpublished(request.user, item.resource):
        raise Http404("No such file")
    return item


@never_cache
def download(request, slug, pk):
    item = file_of(request, slug, pk)
    resource = item.resource
    needs_login = settings.RESOURCE_DOWNLOAD_NEEDS_LOGIN
    if needs_login and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if resource.is_published and request.method == "GET":
        Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


def preview(request, slug, pk):
    item = file_of(request, slug, pk)
    if not item.preview:
        raise Http404("No preview")
    response = FileResponse(item.preview.open("rb"), content_type="image/png")
    public = item.resource.is_published
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    return response


@csrf_exempt  # CSRF is checked in _upload, after the size limit is in place
@teacher_required
def upload(request):
    if request.method == "POST":
        limit = upload_max_bytes()
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit + FORM_OVERHEAD:
            return too_large(request)  # refused before a byte of the body is read
        if is_chunked(request) and not buffer_chunked_body(request, limit + FORM_OVERHEAD):
            return too_large(request)
        request.upload_handlers.insert(0, SizeLimitHandler(request, limit))
    return _upload(request)


def too_large(request):
    limit_mb = round(upload_max_bytes() / (1024 * 1024), 1)
    return render(request, "resources/too_large.html", {"limit_mb": f"{limit_mb:g}"}, status=413)


@csrf_protect
def _upload(request):
    if request.method == "POST":
        request.FILES  # noqa: B018  (parse the body now, through SizeLimitHandler)
    if getattr(request, "upload_too_large", False):
        return too_large(request)
    if getattr(request, "upload_interrupted", False):
        return render(request, "resources/interrupted.html", status=400)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            resource = create_resource(form, request.user)
        except OSError as error:  # nothing is kept: create_resource removed what it wrote
            return upload_page(request, form, storage_refused(form, error))
        if resource.is_published:
            messages.success(request, _("The resource is published."))
        else:
            messages.success(
                request, _("Thank you! The resource will appear once an editor has reviewed it.")
            )
        if resource.processing:
            messages.info(request, PROCESSING_NOTE)
        return redirect(resource)
    return upload_page(request, form, status)


def upload_page(request, form, status: int = 200):
    return render(request, "resources/upload.html", {
        "form": form, "limit_mb": f"{round(upload_max_bytes() / (1024 * 1024), 1):g}",
        "duplicates": getattr(form, "duplicates", []),
    }, status=status)  # fmt: skip


# A full volume or an exhausted quota: the teacher can do nothing but try later.
STORAGE_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def storage_refused(form, error: OSError) -> int:
    """Tell the uploader that the file store refused the upload (nothing was kept) and log
    it for the operator; the status to answer with: 507 for a full store, else 503."""
    full = error.errno in STORAGE_FULL_ERRNOS
    log.error("upload not stored: the media store refused a write (%s)", error)
    if full:
        message = _(
            "The server's storage is full, so the upload was not saved (nothing of it was "
            "kept). Please tell the site's administrator and try again later."
        )
    else:
        message = _(
            "The server could not store the files, so the upload was not saved (nothing of "
            "it was kept). Please try again later."
        )
    form.add_error(None, message)
    return 507 if full else 503


@require_POST
@teacher_required
def process_again(request, slug):
    """重新处理: read a resource's documents again after a failure (uploader or editor)."""
    resource = get_object_or_404(Resource.objects.select_related("text_job"), slug=slug)
    if not can_see_unpublished(request.user, resource):
        raise Http404("No such resource")
    if resource.processing_error:
        jobs.process_again(resource)
        messages.info(request, PROCESSING_NOTE)
    return redirect(resource)


@require_POST
@teacher_required
def delete(request, slug):
    """The uploader deletes their own upload (files, previews and job with it)."""
    resource = get_object_or_404(Resource, slug=slug)
    if not may_delete(request.user, resource):
        raise Http404("No such resource")
    title = resource.title
    with transaction.atomic():
        if resource.text_job_id:
            Job.objects.filter(pk=resource.text_job_id).delete()
        resource.delete()  # each file's post_delete removes it from storage on commit
    messages.success(request, _("Deleted: %(title)s") % {"title": title})
    return redirect("resources:mine")


@teacher_required
def mine(request):
    items = Resource.objects.filter(uploader=request.user).select_related("edition", "text_job")
    return render(request, "resources/mine.html", {"items": items.order_by("-created_at")})


@editor_required
def review(request):
    pending = (
        Resource.objects.filter(status=ResourceStatus.PENDING)
        .select_related("edition", "uploader", "text_job")
        .prefetch_related("files")
        .order_by("created_at")
    )
    teachers = TeacherRequest.objects.filter(state=TeacherRequest.State.PENDING)
    return render(request, "resources/review.html", {
        "pending": pending, "reject_form": RejectForm(),
        "teacher_requests": teachers.select_related("user"),
    })  # fmt: skip


@require_POST
@editor_required
def publish(request, slug):
    resource = get_object_or_404(Resource, slug=slug)
    resource.publish(request.user)
    messages.success(request, _("Published: %(title)s") % {"title": resource.title})
    return redirect("resources:review")


@require_POST
@editor_required
def reject(request, slug):
    resource = get_object_or_404(Resource, slug=slug)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason for the rejection."))
        return redirect("resources:review")
    resource.reject(request.user, form.cleaned_data["reason"])
    messages.success(request, _("Rejected: %(title)s") % {"title": resource.title})
    return redirect("resources:review")


@editor_required
def edit(request, slug):
    resource = get_object_or_404(Resource, slug=slug)
    form = ResourceForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        form.save()
        set_tags(resource, form.cleaned_data["tags_text"])
        messages.success(request, _("Saved."))
        return redirect(resource)
    return render(request, "resources/edit.html", {"form": form, "item": resource})


@require_POST
@editor_required
def decide_teacher(request, pk):
    item = get_object_or_404(TeacherRequest, pk=pk, state=TeacherRequest.State.PENDING)
    if request.POST.get("decision") == "grant":
        grant(item.user, TEACHER)
        item.state = TeacherRequest.State.GRANTED
    else:
        item.state = TeacherRequest.State.DECLINED
    item.decided_by, item.decided_at = request.user, timezone.now()
    item.save()
    return redirect("resources:review")
