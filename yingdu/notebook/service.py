"""What the notebook does, for its pages, its API and its tests: add a word with its
sentence and source, find the cards due today, review one (once per idempotency key),
count a learner's day and streak. Every function takes `now` (default
django.utils.timezone.now) so tests can move the clock.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import DateTimeField, Exists, OuterRef, Q
from django.utils import timezone, translation

from yingdu.aids.service import current_lexicon
from yingdu.core import kinds
from yingdu.core.quickcommit import quick_commit

from . import schedule, sentences
from .models import SENTENCE_MAX_CHARS, Card, Day, Goal, ReviewLog, Sentence

PAGE_SIZE = 50
STREAK_WINDOW_DAYS = 400  # a streak is counted over this many days at most


class NotebookError(ValueError):
    """Bad input, with a message for the learner (Chinese, then English)."""


class NotInLexicon(NotebookError):
    pass


class SourceMissing(NotebookError):
    """The item named as the sentence's source is not a published item."""


class DirectionOff(NotebookError):
    """A review in a card direction the learner has not turned on."""


class NoLexicon(RuntimeError):
    pass


def lookup(word: str):
    """The lexicon entry of a word or phrase; NotInLexicon when there is none."""
    word = sentences.clean(word)
    if not word or len(word) > 100:
        raise NotebookError("请提供一个单词 (give one word of at most 100 characters)")
    lexicon = current_lexicon()
    if lexicon is None:
        raise NoLexicon("词库尚未构建 (the lexicon is not built yet): run `yingdu lexicon build`")
    entry = lexicon.lookup(word)
    if entry is None:
        raise NotInLexicon(f"“{word}” 不在词库中 (not in the lexicon)")
    return entry, lexicon


def source_fields(kind_key: str, item_id: int) -> dict:
    """The stored description of a published item of a registered kind."""
    kind = kinds.get(kind_key)
    item = kind.published().filter(pk=item_id).first() if kind else None
    if item is None:
        raise SourceMissing(f"来源不存在 (no published {kind_key!r} item {item_id})")
    with translation.override(settings.LANGUAGE_CODE):
        url = item.get_absolute_url()
    return {"source_kind": kind.key, "source_id": item.pk, "source_url": url,
            "source_title": item.title[:300]}  # fmt: skip


def sentence_fields(context: str, entry, lexicon, form: str = "") -> dict | None:
    """The example sentence to keep: None when there is none, or when the word is not in it
    (the card is still added: the word matters more than a context sent by mistake)."""
    text = sentences.clean(context)
    if not text:
        return None
    span = sentences.locate(text, entry.lemma, form, lexicon.lemma_of)
    if span is None:
        return None
    text, (start, end) = sentences.window(text, span, SENTENCE_MAX_CHARS)
    return {"text": text, "start": start, "end": end}


def add_word(user, word, context="", source=None, form="", now=None) -> tuple[Card, bool]:
    """Add a word (any form) to the learner's notebook with the sentence it was met in and
    its source item ((kind key, id) or None). The same lemma again adds the sentence to
    the same card (a sentence already there is not added twice). Returns (card, created)."""
    now = now or timezone.now()
    entry, lexicon = lookup(word)
    sentence = sentence_fields(context, entry, lexicon, form or word)
    where = source_fields(*source) if source else {}
    pos, gloss = entry.gloss_for("")
    defaults = {"pos": pos[:20], "gloss": gloss[:300], "band": entry.band,
                "ipa": entry.ipa[:100], "created_at": now, "due": now}  # fmt: skip
    with quick_commit():  # the embedded mode's durability (core/quickcommit.py)
        card, created = Card.objects.get_or_create(user=user, lemma=entry.lemma, defaults=defaults)
        if created:
            count_day(user, now, new_words=1)
        if created and goal_of(user).spelling:
            schedule.start(card, "spell", now)
            card.save(update_fields=[schedule.field("spell", f) for f in schedule.FIELDS])
        if sentence:
            insert_sentence(Sentence(card=card, **sentence, **where, created_at=now))
    return card, created


def insert_sentence(sentence: Sentence) -> None:
    """One INSERT … ON CONFLICT DO NOTHING (PostgreSQL, SQLite ≥ 3.24): a sentence that
    the card has already stays as it is."""
    fields = [f for f in Sentence._meta.concrete_fields if not f.primary_key]
    params = [f.get_db_prep_save(getattr(sentence, f.attname), connection) for f in fields]
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    execute(
        f"INSERT INTO {table(Sentence)} ({names}) VALUES ({', '.join(['%s'] * len(fields))}) "
        "ON CONFLICT DO NOTHING",
        params,
    )


def user_cards(user):
    return Card.objects.filter(user=user)


def end_of_today(now=None) -> dt.datetime:
    """Cards due before the next local midnight are due today."""
    local = timezone.localtime(now or timezone.now())
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + dt.timedelta(days=1)


def directions(user) -> tuple[str, ...]:
    return schedule.DIRECTIONS if goal_of(user).spelling else ("word",)


def due_count(user, now=None) -> int:
    cutoff = connection.ops.adapt_datetimefield_value(end_of_today(now))
    total = 0
    for direction in directions(user):
        due, user_id = columns(Card, schedule.field(direction, "due"), "user")
        sql = f"SELECT COUNT(*) FROM {table(Card)} WHERE {user_id} = %s AND {due} < %s"
        total += fetch(sql, [user.pk, cutoff])[0][0]
    return total


def next_due(user, now=None) -> tuple[Card, str] | None:
    """The card and direction due soonest today, or None when nothing is due."""
    return next_due_and_count(user, now)[0]


def next_due_and_count(user, now=None) -> tuple[tuple[Card, str] | None, int]:
    """next_due() and due_count() in one query per direction: the soonest card carries
    the count of its direction's due cards."""
    cutoff = end_of_today(now)
    found, total = [], 0
    for direction in directions(user):
        due = schedule.field(direction, "due")
        card = soonest_due(user.pk, due, cutoff)
        if card:
            found.append((getattr(card, due), card.pk, card, direction))
            total += card.due_total
    if not found:
        return None, 0
    _due, _pk, card, direction = min(found, key=lambda entry: entry[:2])
    return (card, direction), total


def soonest_due(user_id: int, due: str, cutoff: dt.datetime) -> Card | None:
    """The learner's card whose `due` field is soonest before `cutoff`, with `due_total`:
    how many are due by then (a subquery the (user, due, id) index answers)."""
    due_column, user_column, card_id = columns(Card, due, "user", "id")
    mine = f"{user_column} = %s AND {due_column} < %s"
    sql = (f"SELECT *, (SELECT COUNT(*) FROM {table(Card)} WHERE {mine}) AS due_total "
           f"FROM {table(Card)} WHERE {mine} ORDER BY {due_column}, {card_id} LIMIT 1")  # fmt: skip
    limit = connection.ops.adapt_datetimefield_value(cutoff)
    return next(iter(Card.objects.raw(sql, [user_id, limit, user_id, limit])), None)


def review(user, card_id, rating, direction="word", key="", now=None) -> tuple[ReviewLog, bool]:
    """Rate one of the learner's cards. A request repeated with the same `key` is answered
    with the first one's log and reviews nothing (returns (log, False)). Card.DoesNotExist
    for a card that is not the learner's; NotebookError for a bad rating or direction."""
    now = now or timezone.now()
    if rating not in schedule.RATINGS:
        raise NotebookError("评分必须是 1–4 (rating must be 1, 2, 3 or 4)")
    if direction not in directions(user):
        raise DirectionOff(f"未开启的卡片类型 (card type {direction!r} is not turned on)")
    key = (key or "")[:64]
    try:
        with quick_commit():
            card = Card.objects.select_for_update().get(user=user, pk=card_id)
            if key:
                done = ReviewLog.objects.filter(user=user, key=key).first()
                if done:
                    return done, False
            if getattr(card, schedule.field(direction, "state")) is None:
                schedule.start(card, direction, now)
            schedule.review(card, direction, rating, now)
            card.save()
            log = ReviewLog.objects.create(
                user=user, card=card, lemma=card.lemma, direction=direction, rating=rating,
                reviewed_at=now, state=getattr(card, schedule.field(direction, "state")),
                due=getattr(card, schedule.field(direction, "due")), key=key,
            )  # fmt: skip
            count_day(user, now, reviews=1)
            return log, True
    except IntegrityError:
        if not key:
            raise
        return ReviewLog.objects.get(user=user, key=key), False


def goal_of(user) -> Goal:
    """The learner's goal (the defaults, unsaved, until they set one); cached per user."""
    cached = getattr(user, "_notebook_goal", None)
    if cached is None:
        try:  # read with the user by the sign-in backend (accounts/backends.py), else a query
            cached = user.notebook_goal
        except Goal.DoesNotExist:
            cached = Goal(user=user)
        user._notebook_goal = cached
    return cached


def save_goal(user, reviews_per_day: int, new_words_per_day: int, spelling: bool, now=None):
    goal = Goal.objects.filter(user=user).first() or Goal(user=user)
    goal.reviews_per_day, goal.new_words_per_day = reviews_per_day, new_words_per_day
    turned_on = spelling and not goal.spelling
    goal.spelling = spelling
    with transaction.atomic():
        goal.save()
        if turned_on:  # cards without a spelling schedule start one, due now
            now = now or timezone.now()
            user_cards(user).filter(spell_state__isnull=True).update(
                spell_due=now, spell_state=1, spell_step=0
            )
    user._notebook_goal = goal
    return goal


def count_day(user, now, reviews: int = 0, new_words: int = 0) -> None:
    """Add to the learner's study day of `now` (local date), creating it if need be."""
    day = timezone.localdate(now)
    day_column, user_column, reviewed, added = columns(Day, "day", "user", "reviews", "new_words")
    update = (f"UPDATE {table(Day)} SET {reviewed} = {reviewed} + %s, {added} = {added} + %s "
              f"WHERE {user_column} = %s AND {day_column} = %s")  # fmt: skip
    params = [reviews, new_words, user.pk, connection.ops.adapt_datefield_value(day)]
    if execute(update, params):
        return
    try:
        with transaction.atomic():
            Day.objects.create(user=user, day=day, reviews=reviews, new_words=new_words)
    except IntegrityError:  # another request created it meanwhile
        execute(update, params)


def per_day(user, days: int, now=None) -> dict[str, dict[dt.date, int]]:
    """Reviews and new words per local day over the last `days` days (today included)."""
    today = timezone.localdate(now or timezone.now())
    rows = Day.objects.filter(user=user, day__gt=today - dt.timedelta(days=days), day__lte=today)
    found = list(rows.values_list("day", "reviews", "new_words"))
    return {
        "reviews": {day: n for day, n, _new in found if n},
        "new_words": {day: n for day, _n, n in found if n},
    }


def today_counts(user, now=None) -> dict[str, int]:
    today = timezone.localdate(now or timezone.now())
    row = Day.objects.filter(user=user, day=today).values("reviews", "new_words").first()
    return row or {"reviews": 0, "new_words": 0}


def streak(user, now=None) -> int:
    """Days in a row, up to today, on which the learner reviewed or added a word (打卡);
    a streak not yet continued today still counts until the day ends."""
    return today_and_streak(user, now)[1]


def today_and_streak(user, now=None) -> tuple[dict[str, int], int]:
    """today_counts() and streak() from one query (the review page shows both)."""
    today = timezone.localdate(now or timezone.now())
    since = today - dt.timedelta(days=STREAK_WINDOW_DAYS)
    day, reviews, new_words, user_id = columns(Day, "day", "reviews", "new_words", "user")
    adapt = connection.ops.adapt_datefield_value
    found = {
        day: (reviews, new)
        for day, reviews, new in fetch(
            f"SELECT {day}, {reviews}, {new_words} FROM {table(Day)} "
            f"WHERE {user_id} = %s AND {day} > %s AND {day} <= %s",
            [user.pk, adapt(since), adapt(today)],
        )
    }
    reviews, new_words = found.get(today, (0, 0))
    day = today if today in found else today - dt.timedelta(days=1)
    length = 0
    while day in found:
        length += 1
        day -= dt.timedelta(days=1)
    return {"reviews": reviews, "new_words": new_words}, length


# The few hottest reads (the review page, the notebook page, the due list) are written in
# SQL: the ORM spends up to a millisecond building each, the database some microseconds.


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def columns(model, *fields: str) -> list[str]:
    return [connection.ops.quote_name(model._meta.get_field(f).column) for f in fields]


def execute(sql: str, params: list) -> int:
    """Run one INSERT, UPDATE or DELETE: the number of rows it changed."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def fetch(sql: str, params: list) -> list[tuple]:
    """Rows of plain column values (integers, text, dates) of one SELECT."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# What the notebook page and the API show of a card and of each of its sentences.
ROW_FIELDS = ("id", "lemma", "pos", "gloss", "band", "ipa", "created_at", "due", "state",
              "last_review")  # fmt: skip
ROW_DATETIMES = tuple(
    name for name in ROW_FIELDS if isinstance(Card._meta.get_field(name), DateTimeField)
)
SENTENCE_FIELDS = ("text", "start", "end", "source_kind", "source_id", "source_url",
                   "source_title")  # fmt: skip


def card_rows(cards):
    """The cards as dicts of ROW_FIELDS: a page of them costs a fraction of model instances."""
    return cards.values(*ROW_FIELDS)


def card_list(user, band: str = "", q: str = "", source: str = "", due: bool = False):
    """The learner's cards as ROW_FIELDS dicts, to count and slice (what Paginator needs):
    newest first, or with `due` those due today, soonest first. Unfiltered lists, the ones
    learners open all day, are read in SQL (AllCards); filtered ones through the ORM."""
    if not (band or q or source):
        return AllCards(user.pk, end_of_today() if due else None)
    cards = filtered_cards(user, band=band, q=q, source=source)
    if due:
        cards = cards.filter(due__lt=end_of_today()).order_by("due", "id")
    return card_rows(cards)


class AllCards:
    """All of a learner's cards (with `due_before`, those due before it, soonest first),
    counted and sliced in SQL, in the order and shape of card_rows(filtered_cards(…))."""

    def __init__(self, user_id: int, due_before: dt.datetime | None = None):
        user, due, created_at, card_id = columns(Card, "user", "due", "created_at", "id")
        self.where, self.params = f"{user} = %s", [user_id]
        self.order = f"{created_at} DESC, {card_id} DESC"
        if due_before is not None:
            self.where += f" AND {due} < %s"
            self.params.append(connection.ops.adapt_datetimefield_value(due_before))
            self.order = f"{due}, {card_id}"

    def count(self) -> int:
        return fetch(f"SELECT COUNT(*) FROM {table(Card)} WHERE {self.where}", self.params)[0][0]

    def __getitem__(self, page: slice) -> list[dict]:
        start, stop = page.start or 0, page.stop
        found = fetch(
            f"SELECT {', '.join(columns(Card, *ROW_FIELDS))} FROM {table(Card)} "
            f"WHERE {self.where} ORDER BY {self.order} LIMIT %s OFFSET %s",
            [*self.params, stop - start, start],
        )
        rows = [dict(zip(ROW_FIELDS, row, strict=True)) for row in found]
        if settings.USE_TZ:  # aware datetimes, as the ORM gives them (SQLite's come naive)
            for row in rows:
                for name in ROW_DATETIMES:
                    if row[name] is not None and row[name].tzinfo is None:
                        row[name] = row[name].replace(tzinfo=connection.timezone)
        return rows


def with_sentences(rows: list[dict]) -> list[dict]:
    """Each card row with "sentences": dicts of SENTENCE_FIELDS, oldest first, all read in
    one query (a fraction of what prefetch_related costs per card)."""
    by_id = {}
    for row in rows:
        row["sentences"] = []
        by_id[row["id"]] = row
    if not by_id:
        return rows
    card_id, *fields = columns(Sentence, "card", *SENTENCE_FIELDS)
    created_at, sentence_id = columns(Sentence, "created_at", "id")
    found = fetch(
        f"SELECT {card_id}, {', '.join(fields)} FROM {table(Sentence)} "
        f"WHERE {card_id} IN ({', '.join(['%s'] * len(by_id))}) "
        f"ORDER BY {created_at}, {sentence_id}",
        list(by_id),
    )
    for card, *values in found:
        by_id[card]["sentences"].append(dict(zip(SENTENCE_FIELDS, values, strict=True)))
    return rows


def sentences_of(card) -> list[dict]:
    """The card's sentences as dicts of SENTENCE_FIELDS, oldest first."""
    return with_sentences([{"id": card.pk}])[0]["sentences"]


def filtered_cards(user, band: str = "", q: str = "", source: str = ""):
    """The learner's cards, newest first, narrowed by band, source kind and a search of the
    word and its gloss."""
    cards = user_cards(user).order_by("-created_at", "-id")
    if band:
        cards = cards.filter(band=band)
    if source:
        cards = cards.filter(
            Exists(Sentence.objects.filter(card=OuterRef("pk"), source_kind=source))
        )
    q = sentences.clean(q)
    if q:
        cards = cards.filter(Q(lemma__icontains=q) | Q(gloss__icontains=q))
    return cards
