"""我的词汇: the words a learner knows. Mark every word up to a band known in one step, paste a
list, see and remove known words. For any signed-in account; never cached."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from yingdu.aids.service import current_lexicon
from yingdu.core.pagination import paginate
from yingdu.lexicon import BAND_LABELS, LEVELS

from . import known
from .models import KnownWord

PER_PAGE = 100
UNKNOWN_SHOWN = 50  # unknown words of a pasted list named in the message


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def vocabulary(request):
    if request.method == "POST":
        _act(request)
        return redirect("learners:vocabulary")
    query = request.GET.get("q", "").strip().lower()
    rows = KnownWord.objects.filter(user=request.user).order_by("lemma")
    if query:
        rows = rows.filter(lemma__startswith=query)
    context = {
        "count": KnownWord.objects.filter(user=request.user).count(),
        "bands": [(code, BAND_LABELS[code]) for code in LEVELS],
        "page": paginate(request, rows, PER_PAGE),
        "query": query,
    }
    return render(request, "learners/vocabulary.html", context)


def _act(request) -> None:
    action = request.POST.get("action")
    if action == "remove":
        removed = known.remove_known(request.user, request.POST.getlist("lemma"))
        messages.success(request, _("%(n)s words removed.") % {"n": removed})
        return
    lexicon = current_lexicon()
    if lexicon is None:
        messages.error(request, _("The lexicon is not built yet; please try again later."))
        return
    if action == "band" and request.POST.get("band") in LEVELS:
        band = request.POST["band"]
        added = known.add_known(request.user, known.band_lemmas(band, lexicon))
        label = BAND_LABELS[band]
        messages.success(
            request,
            _("Every %(band)s word is marked known (%(n)s new).") % {"band": label, "n": added},
        )
    elif action == "paste":
        lemmas, unknown = known.resolve(
            known.split_word_list(request.POST.get("words", "")), lexicon
        )
        added = known.add_known(request.user, lemmas)
        messages.success(request, _("%(n)s words marked known.") % {"n": added})
        if unknown:
            shown = "、".join(unknown[:UNKNOWN_SHOWN]) + (
                "…" if len(unknown) > UNKNOWN_SHOWN else ""
            )
            text = ngettext(
                "%(n)s word is not in the lexicon and was not added: %(words)s",
                "%(n)s words are not in the lexicon and were not added: %(words)s",
                len(unknown),
            )
            messages.error(request, text % {"n": len(unknown), "words": shown})
    else:
        messages.error(request, _("Unknown action."))
