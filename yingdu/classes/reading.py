"""Recording a student's reading of an assigned item: the item page opens it (a context hook
of core.listing that returns at once for anonymous readers, before any query), and
static/yingdu/classes.js sends the time on page and the words looked up when the page is
hidden (navigator.sendBeacon to `beacon`); 我读完了 marks it done (`done`)."""

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from yingdu.core import kinds

from . import service

MAX_BEACON_ASSIGNMENTS = 20


def reading_context(request, item) -> dict:
    if not request.user.is_authenticated:
        return {}
    kind = kinds.kind_of(item)
    if kind is None or not kind.english:
        return {}
    assignments = service.assignments_for_item(request.user, kind.key, item.pk)
    if not assignments:
        return {}
    done = service.record_open(request.user, assignments)
    for assignment in assignments:
        assignment.done = assignment.pk in done
    return {"class_assignments": assignments}


@require_POST
def beacon(request):
    """Time on page (seconds) and looked-up lemmas for the listed assignments; 204."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    try:
        ids = [int(x) for x in request.POST.get("assignments", "").split(",") if x]
        seconds = int(request.POST.get("seconds") or 0)
    except ValueError:
        return HttpResponseBadRequest("bad numbers")
    lookups = [w for w in request.POST.get("lookups", "").split(",") if w]
    for assignment_id in ids[:MAX_BEACON_ASSIGNMENTS]:
        assignment = service.student_assignment(request.user, assignment_id)
        if assignment is not None:
            service.record_reading(request.user, assignment, seconds, lookups)
    return HttpResponse(status=204)


@require_POST
def done(request, assignment_id: int):
    """我读完了: the assignment is done; back to the page it was pressed on."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    assignment = service.student_assignment(request.user, assignment_id)
    if assignment is None:
        raise Http404("no such assignment of yours")
    service.mark_done(request.user, assignment)
    back = request.POST.get("next") or assignment.item_url
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = assignment.item_url
    return redirect(back)
