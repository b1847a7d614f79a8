"""The learner's pages: 我的生词本 (list, filters, search, delete), 复习 (FSRS review, one
card at a time) and 学习进度 (daily goal, streak, charts). Every page needs a signed-in
learner and shows only their own cards; none is cached (they are per learner)."""

import uuid

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yingdu.aids.service import current_lexicon
from yingdu.core import kinds
from yingdu.learners import known
from yingdu.lexicon import BAND_LABELS, BANDS

from . import charts, schedule, sentences, service
from .forms import GoalForm, ReviewForm


@login_required
def notebook(request):
    band = request.GET.get("band", "") if request.GET.get("band") in BANDS else ""
    source = kinds.canonical(request.GET.get("source")) or ""
    q = request.GET.get("q", "")[:100].strip()
    cards = service.card_list(request.user, band=band, q=q, source=source)
    page = Paginator(cards, service.PAGE_SIZE).get_page(request.GET.get("page"))
    cards = service.with_sentences(list(page.object_list))
    context = {
        "page": page, "cards": cards, "band": band, "source": source, "q": q,
        "bands": [(code, BAND_LABELS[code]) for code in BANDS],
        "sources": [(kind.key, kind.label) for kind in kinds.all_kinds() if kind.english],
        "band_labels": BAND_LABELS, "now": timezone.now(),
    }  # fmt: skip
    return render(request, "notebook/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, card_id: int):
    card = service.user_cards(request.user).filter(pk=card_id).first()
    if card is None:
        raise Http404(_("No such card in your notebook."))
    if request.method == "POST":
        card.delete()
        return redirect("notebook:list")
    return render(request, "notebook/delete.html", {"card": card})


@login_required
@require_http_methods(["GET", "POST"])
def review(request):
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                service.review(request.user, **form.cleaned_data)
            except service.Card.DoesNotExist:
                raise Http404(_("No such card in your notebook.")) from None
            except service.NotebookError:
                pass  # a card type turned off meanwhile: show the next card
        return redirect("notebook:review")
    now = timezone.now()
    due, due_count = service.next_due_and_count(request.user, now)
    today, streak = service.today_and_streak(request.user, now)
    context = {
        "due_count": due_count, "notebook_due": due_count,  # the header's, counted once
        "today": today, "goal": service.goal_of(request.user), "streak": streak,
        "ratings": RATING_BUTTONS,
    }  # fmt: skip
    if due:
        card, direction = due
        lines = service.sentences_of(card)
        context.update(card=card, direction=direction, key=uuid.uuid4().hex,
                       sentences=lines, front=front_parts(lines),
                       state=schedule.state_name(card, direction))  # fmt: skip
    return render(request, "notebook/review.html", context)


def front_parts(lines: list[dict]) -> tuple[str, str, str] | None:
    """(before, word, after) of the newest sentence, shown on the front of the card."""
    if not lines:
        return None
    newest = lines[-1]
    return sentences.parts(newest["text"], newest["start"], newest["end"])


RATING_BUTTONS = [(1, "again"), (2, "hard"), (3, "good"), (4, "easy")]


@login_required
@require_http_methods(["GET", "POST"])
def progress(request):
    goal = service.goal_of(request.user)
    if request.method == "POST":
        form = GoalForm(request.POST, instance=goal)
        if form.is_valid():
            service.save_goal(request.user, **form.cleaned_data)
            return redirect("notebook:progress")
    else:
        form = GoalForm(instance=goal)
    now = timezone.now()
    days = service.per_day(request.user, charts.DAYS, now)
    context = {
        "form": form, "goal": goal, "streak": service.streak(request.user, now),
        "today": service.today_counts(request.user, now),
        "reviews_chart": charts.reviews_per_day(days["reviews"], timezone.localdate(now)),
        "bands_chart": charts.words_per_band(_words_per_band(request.user)),
        "total": service.user_cards(request.user).count(),
    }  # fmt: skip
    return render(request, "notebook/progress.html", context)


def _words_per_band(user) -> dict[str, int]:
    """The learner's words per band: those marked known (我的词汇) and the notebook's cards
    of other lemmas."""
    counts = known.band_counts(user, current_lexicon())
    known_set = set(known.known_lemmas(user))
    for lemma, band in service.user_cards(user).values_list("lemma", "band"):
        if lemma not in known_set:
            counts[band] = counts.get(band, 0) + 1
    return counts
