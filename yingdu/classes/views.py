"""Class pages. Teachers (teacher_required): 我的班级 (list, create), a class's page (join
code and QR code, students, assignments, per-student report), its printable poster,
assigning, removing a student, archiving, an assignment's report, the CSV export and the
pre-teach list (as a worksheet or an Anki deck). Another teacher's class is a 404.
Students (any signed-in account): joining with a code, 我的作业 and doing an assignment
(reading: the item page; worksheet: filled in and graded here). Never cached."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from yingdu.accounts.ratelimit import client_ip
from yingdu.accounts.roles import teacher_required
from yingdu.lexicon import BAND_LABELS

from . import dashboard, joinlimit, preteach, qrcode, service, wordlists
from .forms import AssignForm, ClassForm, JoinForm
from .models import Assignment


def _own(request, class_id):
    school_class = service.teacher_class(request.user, class_id)
    if school_class is None:
        raise Http404("no such class of yours")
    return school_class


@never_cache
@teacher_required
@require_http_methods(["GET", "POST"])
def mine(request):
    form = ClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            school_class = service.create_class(
                request.user, form.cleaned_data["name"], form.cleaned_data["grade"]
            )
        except service.ClassError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("The class is created. Give your students its code."))
            return redirect("classes:detail", class_id=school_class.pk)
    classes = dashboard.classes_with_sizes(service.teacher_classes(request.user))
    archived = service.teacher_classes(request.user, archived=True)
    return render(
        request, "classes/mine.html", {"form": form, "classes": classes, "archived": archived}
    )


def join_url(request, school_class) -> str:
    return request.build_absolute_uri(reverse("classes:join")) + f"?code={school_class.join_code}"


@never_cache
@teacher_required
def detail(request, class_id: int):
    school_class = _own(request, class_id)
    show_all = request.GET.get("all") == "1"
    initial_due = timezone.localtime() + dt.timedelta(days=7)
    context = {
        "class": school_class,
        "qr": mark_safe(qrcode.svg(join_url(request, school_class))),  # noqa: S308 - our SVG
        "join_url": join_url(request, school_class),
        "students": dashboard.student_report(school_class),
        "assignments": dashboard.class_summary(
            school_class, None if show_all else dashboard.SHOWN_ASSIGNMENTS
        ),
        "all_shown": show_all,
        "assignment_total": school_class.assignments.count(),
        "assign_form": AssignForm(initial={"due": initial_due.strftime("%Y-%m-%dT%H:%M")}),
    }
    return render(request, "classes/detail.html", context)


@never_cache
@teacher_required
def poster(request, class_id: int):
    school_class = _own(request, class_id)
    url = join_url(request, school_class)
    return render(
        request,
        "classes/poster.html",
        {
            "class": school_class,
            "join_url": url,
            "qr": mark_safe(qrcode.svg(url, scale=8)),  # noqa: S308 - our SVG
        },
    )


@teacher_required
@require_POST
def remove(request, class_id: int):
    school_class = _own(request, class_id)
    if service.remove_student(school_class, request.POST.get("student")):
        messages.success(request, _("The student has left the class."))
    return redirect("classes:detail", class_id=school_class.pk)


@teacher_required
@require_POST
def archive(request, class_id: int):
    school_class = _own(request, class_id)
    if request.POST.get("action") == "restore":
        service.restore(school_class)
        messages.success(request, _("The class is open again."))
        return redirect("classes:detail", class_id=school_class.pk)
    service.archive(school_class)
    messages.success(request, _("The class is archived."))
    return redirect("classes:mine")


@never_cache
@teacher_required
@require_POST
def assign(request, class_id: int):
    school_class = _own(request, class_id)
    form = AssignForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            service.assign(
                school_class,
                data["url"],
                data["level"],
                data["due"],
                data["note"],
                worksheet_types=data["worksheet"],
            )
        except service.ClassError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The assignment is given to the class."))
            return redirect("classes:detail", class_id=school_class.pk)
    context = {
        "class": school_class,
        "assign_form": form,
        "qr": mark_safe(qrcode.svg(join_url(request, school_class))),  # noqa: S308 - our SVG
        "join_url": join_url(request, school_class),
        "students": dashboard.student_report(school_class),
        "assignments": dashboard.class_summary(school_class),
    }
    return render(request, "classes/detail.html", context, status=400)


@never_cache
@teacher_required
def report(request, class_id: int, assignment_id: int):
    school_class = _own(request, class_id)
    assignment = Assignment.objects.filter(pk=assignment_id, school_class=school_class).first()
    if assignment is None:
        raise Http404("no such assignment")
    context = {
        "class": school_class,
        "assignment": assignment,
        "report": dashboard.assignment_report(school_class, assignment),
    }
    return render(request, "classes/report.html", context)


@never_cache
@teacher_required
def export_csv(request, class_id: int):
    school_class = _own(request, class_id)
    response = HttpResponse(
        dashboard.class_csv(school_class), content_type="text/csv; charset=utf-8"
    )
    name = f"{school_class.name}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _words_item(request, school_class):
    """(item, url) of ?url= (or the form's url), or (None, url) with an error message."""
    url = (request.POST.get("url") or request.GET.get("url") or "").strip()
    if not url:
        return None, ""
    try:
        return service.item_at(url)[1], url
    except service.ClassError as error:
        messages.error(request, str(error))
        return None, url


@never_cache
@teacher_required
@require_http_methods(["GET", "POST"])
def words(request, class_id: int):
    """The pre-teach list; POST makes it a vocabulary worksheet (DOCX, PDF) or assigns it."""
    school_class = _own(request, class_id)
    item, url = _words_item(request, school_class)
    rows = preteach.pre_teach(school_class, item) if item is not None else []
    for row in rows:
        row["band_label"] = BAND_LABELS.get(row["band"], row["band"])
    if request.method == "POST" and item is not None:
        response = _worksheet_of_words(request, school_class, item, rows)
        if response is not None:
            return response
    assignments = (
        school_class.assignments.order_by("-due").values("item_url", "title").distinct()[:20]
    )
    context = {
        "class": school_class,
        "item": item,
        "url": url,
        "rows": rows,
        "recent": assignments,
        "students": len(service.members(school_class)),
    }
    return render(request, "classes/words.html", context)


def _worksheet_of_words(request, school_class, item, rows):
    worksheet = wordlists.vocab_worksheet(item, rows)
    if worksheet is None:
        messages.error(request, _("Too few words with a Chinese gloss for a worksheet."))
        return None
    action = request.POST.get("action")
    if action in ("docx", "pdf"):
        from yingdu.worksheets import layout
        from yingdu.worksheets.render import CONTENT_TYPES, RenderError, render

        try:
            data = render(worksheet, action)
        except RenderError as error:
            messages.error(request, str(error))
            return None
        response = HttpResponse(data, content_type=CONTENT_TYPES[action])
        name = f"{layout.file_stem(worksheet)}.{action}"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response
    if action == "assign":
        due = timezone.now() + dt.timedelta(days=wordlists.DUE_DAYS)
        wordlists.assign_worksheet(school_class, item, worksheet, due)
        messages.success(request, _("The vocabulary worksheet is given to the class."))
        return redirect("classes:detail", class_id=school_class.pk)
    return None


@teacher_required
def words_deck(request, class_id: int):
    school_class = _own(request, class_id)
    item, _url = _words_item(request, school_class)
    if item is None:
        raise Http404("no such item")
    data = wordlists.anki_deck(school_class, item, preteach.pre_teach(school_class, item))
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, "yingdu-preteach.apkg")
    return response


# -- students ----------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def join(request):
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        try:
            school_class, joined = service.join_limited(request.user, form.cleaned_data["code"], ip)
        except joinlimit.TooManyFailures as locked:
            message = _("Too many wrong class codes. Try again in %(minutes)d minutes.")
            form.add_error("code", message % {"minutes": locked.minutes})
            status = 429
        except service.ClassError as error:
            form.add_error("code", str(error))
        else:
            if joined:
                messages.success(request, _("You joined %(name)s.") % {"name": school_class.name})
            else:
                messages.info(
                    request, _("You are already in %(name)s.") % {"name": school_class.name}
                )
            return redirect("classes:my_assignments")
    classes = service.student_classes(request.user).select_related("teacher__profile")
    return render(request, "classes/join.html", {"form": form, "classes": classes}, status=status)


@never_cache
@login_required
def my_assignments(request):
    assignments = service.student_assignments(request.user)
    return render(
        request,
        "classes/my_assignments.html",
        {
            "open": [a for a in assignments if not a.done],
            "finished": [a for a in assignments if a.done],
            "has_classes": service.student_classes(request.user).exists(),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def work(request, assignment_id: int):
    """A reading assignment opens its item; a worksheet is filled in here and graded once."""
    assignment = service.student_assignment(request.user, assignment_id)
    if assignment is None:
        raise Http404("no such assignment of yours")
    if assignment.kind == Assignment.Kind.READING:
        return redirect(assignment.item_url)
    progress = service.progress_of(request.user, assignment)
    if request.method == "POST" and progress.answers is None:
        count = len(service.questions(assignment.worksheet))
        answers = [request.POST.get(f"a{n}", "") for n in range(count)]
        service.submit_worksheet(request.user, assignment, answers)
        messages.success(request, _("Your answers are saved."))
        return redirect("classes:work", assignment_id=assignment.pk)
    context = {"assignment": assignment, "progress": progress}
    if progress.answers is None:
        context["sheet"] = mark_safe(service.student_form_html(assignment.worksheet))  # noqa: S308
    else:
        context["results"] = service.graded_answers(assignment.worksheet, progress.answers)
        context["score"] = round((progress.score or 0) * 100)
    return render(request, "classes/work.html", context)
