"""Who is reading: a learner's known words (marked known, notebook cards reviewed well),
the band mastered in their latest test, and their known share per band, as a
coverage.Reader; a visitor's from their test result in the session or the default level.

A learner's reader is cached; with a shared cache a page finds it without a database query
(version() and changed(): saves and deletes of the models it follows replace a token)."""

import contextlib
import functools
import hashlib
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction

from yingdu.aids.service import current_lexicon, lexicon_stamp
from yingdu.core.pagecache import cache_is_shared
from yingdu.lexicon import BANDS, LEVELS
from yingdu.notebook.schedule import REVIEW_STATE, WELL_REVIEWED_DAYS, well_reviewed

from . import coverage, service
from .pool import band_sizes

CACHE_SECONDS = 3600
RECENT_READERS = 32  # readers kept in each process (a few hundred KB each at most)
VERSION_SECONDS = 600  # a learner's version token in a shared cache (see version())


def known_lemmas(user) -> set[str]:
    from yingdu.learners.models import KnownWord
    from yingdu.notebook.models import Card

    known = set(KnownWord.objects.filter(user=user).values_list("lemma", flat=True))
    reviewed = Card.objects.filter(
        user=user, state=REVIEW_STATE, stability__gte=WELL_REVIEWED_DAYS
    ).values_list("lemma", flat=True)
    return known | set(reviewed)


def learner(user) -> coverage.Reader:
    """The learner as a reader, kept in the cache under their version (version()) and the
    lexicon's stamp: a change makes a new key, so nothing has to be invalidated and no item
    is touched. The last few are also kept in this process, which spares unpickling a set
    of thousands of words on each page."""
    key = f"{version_key(user)}:{version(user)}:{lexicon_stamp()}"
    reader = _recent.pop(key, None) or cache.get(key)
    if reader is None:
        reader = compute_learner(user)
        cache.set(key, reader, CACHE_SECONDS)
    _recent[key] = reader  # now the newest
    with contextlib.suppress(KeyError):  # another thread emptied it first
        while len(_recent) > RECENT_READERS:
            _recent.popitem(last=False)
    return reader


_recent: OrderedDict = OrderedDict()  # key -> Reader, oldest first


def version(user) -> str:
    """What the learner's reader follows from, as a short string. With a shared cache
    (Redis) it is a token kept there, replaced after every change (changed()), so a page
    asks the database nothing; it expires after VERSION_SECONDS, which bounds how long a
    change made behind the models' backs (raw SQL, a restore) goes unseen. With a
    per-process cache, where other processes would miss the change, it is stamp(): one
    query."""
    if not cache_is_shared():
        return stamp(user)
    key = version_key(user)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, VERSION_SECONDS)
        token = cache.get(key)
    return token


def stamp(user) -> str:
    """A digest of everything the reader follows from (known words, well-reviewed cards,
    finished tests): one query, its SQL written once (the ORM would spend more time
    compiling it than the database answering it)."""
    with connection.cursor() as cursor:
        uid, card = user.pk, (user.pk, REVIEW_STATE, WELL_REVIEWED_DAYS)
        cursor.execute(stamp_sql(), [uid, uid, *card, *card, uid])
        parts = cursor.fetchone()
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


@functools.cache
def stamp_sql() -> str:
    from yingdu.learners.models import KnownWord
    from yingdu.notebook.models import Card

    from .models import PlacementTest

    def column(model, name):
        return connection.ops.quote_name(model._meta.get_field(name).column)

    def of(model, aggregate, where=""):
        table = connection.ops.quote_name(model._meta.db_table)
        mine = f"{column(model, 'user')} = %s"
        return f"(SELECT {aggregate} FROM {table} WHERE {mine}{where})"

    reviewed = f" AND {column(Card, 'state')} = %s AND {column(Card, 'stability')} >= %s"
    parts = [
        of(KnownWord, "COUNT(*)"),
        of(KnownWord, f"MAX({column(KnownWord, 'id')})"),
        of(Card, "COUNT(*)", reviewed),
        of(Card, f"MAX({column(Card, 'last_review')})", reviewed),
        of(PlacementTest, f"MAX({column(PlacementTest, 'finished_at')})"),
    ]
    return f"SELECT {', '.join(parts)}"


def version_key(user) -> str:
    """Per account: the time it joined tells apart accounts that reuse an id (a database
    made anew, as for each test run, with the same cache)."""
    return f"placement:reader:{user.pk}:{user.date_joined.timestamp()}"


def changed(user) -> None:
    """The learner's known words, cards or tests changed: the next page builds their reader
    anew (with a shared cache; otherwise stamp() sees the change). The token is replaced
    now and again once the transaction commits, so a reader built from the data before the
    commit is never kept under the token that follows it."""
    if user is None or not cache_is_shared():
        return
    key = version_key(user)

    def replace():
        cache.set(key, uuid.uuid4().hex, VERSION_SECONDS)

    replace()
    transaction.on_commit(replace)


# The fields of a card that decide whether it counts as known (stamp_sql()).
CARD_FIELDS_READ = frozenset({"state", "stability", "last_review"})


def counts_as_known(card) -> bool:
    return well_reviewed(card.state, card.stability)


def card_save_changes_reader(card, created: bool, update_fields) -> bool:
    """Whether saving this card can change its learner's reader. Adding a word makes a card
    that counts only once reviewed well, and a save of other fields (the spelling schedule)
    changes nothing. So "add a word" replaces no token: two writes to the shared cache
    fewer, and the learner's next page does not rebuild the reader (10 ms for 2,000 cards,
    60 ms for 20,000, bench data)."""
    if update_fields is not None and not CARD_FIELDS_READ & set(update_fields):
        return False
    return not created or counts_as_known(card)


def forget_on_save(sender, instance, **kwargs) -> None:
    """post_save / post_delete of a known word, card or finished test (a test in progress
    changes nothing a reader follows from)."""
    if instance.user_id and (sender.__name__ != "PlacementTest" or instance.finished_at):
        with contextlib.suppress(ObjectDoesNotExist):  # the account itself is being deleted
            changed(instance.user)


def forget_on_card_save(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    """post_save of a notebook card: only a save that can change what the card counts for."""
    if card_save_changes_reader(instance, created, update_fields):
        forget_on_save(sender, instance)


def forget_on_bulk_change(sender, user, **kwargs) -> None:
    """learners.known.known_words_changed: known words added or removed in bulk."""
    changed(user)


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
