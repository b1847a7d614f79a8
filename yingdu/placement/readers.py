"""Who is reading: a learner's known words (marked known, notebook cards reviewed well),
the band mastered in their latest test, and their known share per band, as a
coverage.Reader; a visitor's from their test result in the session or the default level."""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max

from yingdu.aids.service import current_lexicon, lexicon_stamp
from yingdu.lexicon import BANDS, LEVELS

from . import coverage, service
from .pool import band_sizes

WELL_REVIEWED_DAYS = 21  # a card whose FSRS stability reached this counts as known
REVIEW_STATE = 2  # fsrs.State.Review
CACHE_SECONDS = 3600


def known_lemmas(user) -> set[str]:
    from yingdu.learners.models import KnownWord
    from yingdu.notebook.models import Card

    known = set(KnownWord.objects.filter(user=user).values_list("lemma", flat=True))
    reviewed = Card.objects.filter(
        user=user, state=REVIEW_STATE, stability__gte=WELL_REVIEWED_DAYS
    ).values_list("lemma", flat=True)
    return known | set(reviewed)


def learner(user) -> coverage.Reader:
    """The learner as a reader, kept in the cache under a stamp of everything it follows
    from (known words, well-reviewed cards, latest test, lexicon): a change makes a new key,
    so nothing has to be invalidated and no item is touched."""
    key = f"placement:reader:{user.pk}:{stamp(user)}"
    reader = cache.get(key)
    if reader is None:
        reader = compute_learner(user)
        cache.set(key, reader, CACHE_SECONDS)
    return reader


def stamp(user) -> str:
    from yingdu.learners.known import version
    from yingdu.notebook.models import Card

    from .models import PlacementTest

    cards = Card.objects.filter(
        user=user, state=REVIEW_STATE, stability__gte=WELL_REVIEWED_DAYS
    ).aggregate(n=Count("id"), top=Max("last_review"))
    test = PlacementTest.objects.filter(user=user).aggregate(top=Max("finished_at"))["top"]
    parts = [version(user), cards["n"], cards["top"], test, lexicon_stamp()]
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def compute_learner(user) -> coverage.Reader:
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


def knows_for_request(request):
    """aids' READER_KNOWS: a signed-in learner's test of a known word (the same Reader as
    their coverage); None for visitors."""
    if not request.user.is_authenticated:
        return None
    return for_request(request).knows


def default_level() -> str:
    from yingdu.aids.templatetags.aids import DEFAULT_LEVEL

    return LEVELS[DEFAULT_LEVEL]
