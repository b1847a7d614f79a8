"""词汇量测试 pages: start, one item a page (plain forms, so a phone needs nothing else), the
result (level, size, share per band; the level picker is set to the result; words not known
offered for the notebook). Never cached: each page belongs to one learner or visitor."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from yingdu.aids.service import current_lexicon
from yingdu.core import kinds
from yingdu.lexicon import BAND_LABELS, BANDS, LEVELS

from . import engine, profiles, readers, service


def _owner(request):
    if request.user.is_authenticated:
        return request.user, ""
    return None, service.visitor_key(request)


def _test_or_404(request, test_id):
    user, key = _owner(request)
    try:
        return service.get(test_id, user, key)
    except service.NotFound:
        raise Http404 from None


@never_cache
@require_http_methods(["GET", "POST"])
def start(request):
    if request.method == "POST":
        lexicon = current_lexicon()
        if lexicon is None:
            messages.error(request, _("The lexicon is not built yet; please try again later."))
            return redirect("placement:start")
        user, key = _owner(request)
        test = service.start(user, key, lexicon)
        return redirect("placement:item", test_id=test.id)
    context = {"result": _described(service.result_for(request)), "max_items": engine.MAX_ITEMS}
    return render(request, "placement/start.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def item(request, test_id):
    test = _test_or_404(request, test_id)
    if request.method == "POST" and not test.done:
        _answer(request, test)
        test.refresh_from_db()
    if test.done:
        return redirect("placement:result", test_id=test.id)
    shown = engine.public_item(test.state)
    context = {"test": test, "item": shown, "max_items": engine.MAX_ITEMS,
               "progress": round(100 * (shown["n"] - 1) / engine.MAX_ITEMS)}  # fmt: skip
    return render(request, "placement/item.html", context)


def _answer(request, test) -> None:
    raw = request.POST.get("answer", "")
    value = {"yes": True, "no": False}.get(raw)
    if value is None:
        value = int(raw) if raw.isdigit() and len(raw) < 3 else None
    number = request.POST.get("n", "")
    user, key = _owner(request)
    lexicon = current_lexicon()
    if value is None or not number.isdigit() or lexicon is None:
        messages.error(request, _("Please choose an answer."))
        return
    try:
        done = service.submit(test.id, user, key, value, lexicon, int(number))
    except (service.OutOfTurn, service.Finished):
        return  # a second click or the back button: show the waiting item
    except service.AnswerError:
        messages.error(request, _("Please choose an answer."))
        return
    service.remember(request, done)


@never_cache
def result(request, test_id):
    test = _test_or_404(request, test_id)
    if not test.done:
        return redirect("placement:item", test_id=test.id)
    context = {"test": test, "result": _described(test.result),
               "unknown": test.result.get("unknown", [])}  # fmt: skip
    return render(request, "placement/result.html", context)


@require_POST
def to_notebook(request, test_id):
    """Add the ticked words the reader did not know to the learner's notebook."""
    test = _test_or_404(request, test_id)
    if not request.user.is_authenticated:
        return redirect("placement:result", test_id=test.id)
    from yingdu.notebook import service as notebook

    offered = set(test.result.get("unknown", [])) if test.done else set()
    added = 0
    for word in request.POST.getlist("word"):
        if word in offered:
            try:
                added += notebook.add_word(request.user, word)[1]
            except (notebook.NotebookError, notebook.NoLexicon):
                continue
    messages.success(request, _("%(n)s words added to your notebook.") % {"n": added})
    return redirect("placement:result", test_id=test.id)


def _described(result: dict | None) -> dict | None:
    """The result with labels for the page: bands in order with their share in per cent."""
    if not result:
        return None
    shares = result.get("by_band", {})
    return {
        **result,
        "label": BAND_LABELS[result["band"]],
        "level_index": LEVELS.index(result["band"]),
        "bands": [(BAND_LABELS[band], round(100 * shares.get(band, 0))) for band in BANDS],
    }


SUGGESTED_PER_KIND = 8


@never_cache
def suggested(request):
    """适合你读: per kind of English content, the items nearest 95–98% coverage."""
    reader = readers.for_request(request)
    sections = []
    for kind in kinds.all_kinds():
        if kind.english:
            rows = profiles.ranked(reader, kind.key, SUGGESTED_PER_KIND)
            if rows:
                sections.append((kind.label, rows))
    context = {"sections": sections, "result": _described(service.result_for(request))}
    return render(request, "placement/suggested.html", context)
