"""Who is reading: a learner's known words (marked known, notebook cards reviewed well),
the band mastered in their latest test, and their known share per band, as a
coverage.Reader; a visitor's from their test result in the session or the default level."""

from yingdu.aids.service import current_lexicon
from yingdu.lexicon import BANDS, LEVELS

from . import coverage, service
from .pool import band_sizes

WELL_REVIEWED_DAYS = 21  # a card whose FSRS stability reached this counts as known
REVIEW_STATE = 2  # fsrs.State.Review


def known_lemmas(user) -> set[str]:
    from yingdu.learners.models import KnownWord
    from yingdu.notebook.models import Card

    known = set(KnownWord.objects.filter(user=user).values_list("lemma", flat=True))
    reviewed = Card.objects.filter(
        user=user, state=REVIEW_STATE, stability__gte=WELL_REVIEWED_DAYS
    ).values_list("lemma", flat=True)
    return known | set(reviewed)


def learner(user) -> coverage.Reader:
    result = service.latest_result(user) or {}
    mastered = BANDS.index(result["mastered"]) if result.get("mastered") else -1
    known = known_lemmas(user)
    lexicon = current_lexicon()
    counts = dict.fromkeys(BANDS, 0)
    if lexicon is not None:
        for lemma in known:
            counts[lexicon.band_of(lemma)] += 1
        sizes = band_sizes(lexicon)
    else:
        sizes = {}
    shares = tuple(
        1.0
        if rank <= mastered
        else min(1.0, counts[band] / sizes[band])
        if sizes.get(band)
        else 0.0
        for rank, band in enumerate(BANDS)
    )
    return coverage.Reader(mastered, frozenset(known), shares)


def for_request(request) -> coverage.Reader:
    """The reader of this request, worked out once per request."""
    cached = getattr(request, "_yingdu_reader", None)
    if cached is None:
        if request.user.is_authenticated:
            cached = learner(request.user)
        else:
            result = service.result_for(request) or {}
            cached = coverage.level_reader(result.get("band") or default_level())
        request._yingdu_reader = cached
    return cached


def default_level() -> str:
    from yingdu.aids.templatetags.aids import DEFAULT_LEVEL

    return LEVELS[DEFAULT_LEVEL]
