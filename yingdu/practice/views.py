"""生成练习: one page, for teachers and editors only. GET shows the form (for an English item
named by ?kind=&item=, or a box to paste a text); POST makes the worksheet and, by the button
pressed, previews it, 换一套 (the next seed), downloads HTML (made at once), queues the PDF /
DOCX file as a background job (the job's page offers it when ready: practice/jobs.py), or,
once the library's facets are filled in, queues the job that saves it to the resource library
as an 英语试题 (the job's page links to the resource when it is saved)."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from yingdu.accounts.roles import teacher_required
from yingdu.aids.service import current_lexicon
from yingdu.worksheets import layout
from yingdu.worksheets import render as renderer
from yingdu.worksheets.generate import WorksheetError, generate
from yingdu.worksheets.render_html import worksheet_html

from . import jobs
from .forms import LibraryForm, WorksheetForm
from .service import item_text, pool_texts, source_item

DOWNLOADS = ("html",)  # made in the request; PDF and DOCX are jobs (jobs.FORMATS)


@never_cache
@teacher_required
def new(request):
    if request.method != "POST":
        initial = {"kind": request.GET.get("kind", ""), "item": request.GET.get("item")}
        source = source_item(initial["kind"], initial["item"])
        context = {"form": WorksheetForm(initial=initial), "library": LibraryForm(),
                   "source": source}  # fmt: skip
        return render(request, "practice/new.html", context)
    data = request.POST.copy()
    action = data.get("action", "preview")
    if action == "another":
        data["seed"] = str(int(data.get("seed") or 0) + 1 if data.get("seed", "").isdigit() else 1)
    form = WorksheetForm(data)
    library = LibraryForm(data if action == "save" else None)
    context = {"form": form, "library": library, "source": None}
    worksheet = _worksheet(form, context)
    if worksheet is not None:
        if action in jobs.FORMATS:
            job = jobs.start_render(worksheet, action, request.user)
            return redirect("jobs:job", pk=job.pk)
        if action in DOWNLOADS:
            response = _download(worksheet, action, form)
            if response is not None:
                return response
        elif action == "save" and library.is_valid():
            facets = jobs.facet_values(library.cleaned_data)
            job = jobs.start_save(worksheet, facets, request.user)
            return redirect("jobs:job", pk=job.pk)
        context["preview"] = mark_safe(worksheet_html(worksheet, interactive=False))  # noqa: S308
    return render(request, "practice/new.html", context)


def _worksheet(form, context) -> dict | None:
    """The worksheet the form asks for, or None (the form then carries the error)."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    source = source_item(data["kind"], data["item"]) if data["kind"] else None
    context["source"] = source
    text = item_text(source) if source else data["text"]
    if not text.strip():
        form.add_error("text", _("Paste an English text, or start from an English article."))
        return None
    lexicon = current_lexicon()
    if lexicon is None:
        form.add_error(None, _("The lexicon is not built yet; ask the site operator."))
        return None
    title = data["title"] or (source.title if source else "") or _("English exercises")
    try:
        return generate(
            text, data["level"], types=data["types"], seed=data["seed"] or 0, title=title,
            source=_("Yingdu: %(title)s") % {"title": source.title} if source else "",
            pool=pool_texts(exclude=source), blanks=data["blanks"], lexicon=lexicon,
        )  # fmt: skip
    except WorksheetError as error:
        form.add_error(None, str(error))
        return None


def _download(worksheet: dict, fmt: str, form) -> HttpResponse | None:
    try:
        data = renderer.render(worksheet, fmt)
    except renderer.RenderError as error:
        form.add_error(None, str(error))
        return None
    response = HttpResponse(data, content_type=renderer.CONTENT_TYPES[fmt])
    name = f"{layout.file_stem(worksheet)}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
