"""The pre-teach list of an item for a class: the words of the text the most students do not
know, with how many students, the band and a Chinese gloss.

A student does not know a word of the text when they looked it up while reading one of the
class's assignments of the item, or have it in their notebook (and have not yet reviewed it
well), or when it is above the band their latest vocabulary test says they mastered and
they have not marked it known. A student without a test counts as having mastered the
stage before their class's grade (a 初二 class: 小学 words). 小学 words are listed only when
a student looked one up or keeps it in the notebook. A handful of queries per class,
whatever its size.
"""

from __future__ import annotations

from yingdu.lexicon import BAND_LABELS, BANDS
from yingdu.notebook.schedule import well_reviewed

from .models import Assignment, AssignmentProgress, Membership

MAX_WORDS = 60
# The stage a class's students are assumed to have mastered without a test, by the first
# letter of the grade code (yingdu.grades: p… 小学, j… 初中, s… 高中, college).
MASTERED_BEFORE_STAGE = {
    "p": -1,
    "j": BANDS.index("primary"),
    "s": BANDS.index("junior"),
    "c": BANDS.index("senior"),
}


def text_lemmas(item) -> dict[str, list[int]]:
    """{lemma: [count, band rank]} of an annotated item (empty before annotation)."""
    reading = getattr(item, "reading", None) or {}
    return (reading.get("profile") or {}).get("lemmas") or {}


def assumed_mastered(grade: str) -> int:
    return MASTERED_BEFORE_STAGE.get((grade or "p")[0], -1)


def mastered_ranks(student_ids, default: int) -> dict[int, int]:
    from yingdu.placement.models import PlacementTest

    ranks = dict.fromkeys(student_ids, default)
    seen = set()
    tests = (
        PlacementTest.objects.filter(user_id__in=student_ids, finished_at__isnull=False)
        .order_by("user_id", "-finished_at")
        .values_list("user_id", "result")
    )
    for user_id, result in tests:
        if user_id in seen:
            continue
        seen.add(user_id)
        band = (result or {}).get("mastered")
        ranks[user_id] = BANDS.index(band) if band in BANDS else -1
    return ranks


def word_sets(student_ids, lemmas, above) -> tuple[dict, dict]:
    """({student: lemmas known}, {student: lemmas in the notebook, not yet known}). Known
    words are read only among `above`, the lemmas above the lowest mastered band of the
    class: below it knowing a word changes nothing (and most of a text's lemmas are there,
    each known by nearly every student: thousands of rows read for nothing)."""
    from yingdu.learners.models import KnownWord
    from yingdu.notebook.models import Card

    known: dict[int, set] = {s: set() for s in student_ids}
    learning: dict[int, set] = {s: set() for s in student_ids}
    for user_id, lemma in KnownWord.objects.filter(
        user_id__in=student_ids, lemma__in=above
    ).values_list("user_id", "lemma"):
        known[user_id].add(lemma)
    cards = Card.objects.filter(user_id__in=student_ids, lemma__in=lemmas)
    for user_id, lemma, state, stability in cards.values_list(
        "user_id", "lemma", "state", "stability"
    ):
        if well_reviewed(state, stability):
            known[user_id].add(lemma)
        else:
            learning[user_id].add(lemma)
    return known, learning


def looked_up(school_class, kind_key: str, item_id: int) -> dict[int, set]:
    rows = AssignmentProgress.objects.filter(
        assignment__school_class=school_class,
        assignment__item_kind=kind_key,
        assignment__item_id=item_id,
    ).values_list("student_id", "lookups")
    lookups: dict[int, set] = {}
    for student_id, lemmas in rows:
        lookups.setdefault(student_id, set()).update(lemmas or ())
    return lookups


def unknown_sets(school_class, item) -> dict[int, set]:
    """{student of the class: lemmas of the text they do not know}."""
    from yingdu.core import kinds

    lemmas = text_lemmas(item)
    student_ids = list(
        Membership.objects.filter(school_class=school_class).values_list("student_id", flat=True)
    )
    if not lemmas or not student_ids:
        return {}
    ranks = mastered_ranks(student_ids, assumed_mastered(school_class.grade))
    lowest = min(max(rank, 0) for rank in ranks.values())
    above = [lemma for lemma, (_count, rank) in lemmas.items() if rank > lowest]
    known, learning = word_sets(student_ids, list(lemmas), above)
    kind = kinds.kind_of(item)
    lookups = looked_up(school_class, kind.key if kind else "", item.pk)
    unknown = {}
    for student in student_ids:
        flagged = learning[student] | lookups.get(student, set())
        floor, knows = max(ranks[student], 0), known[student]
        unknown[student] = {
            lemma
            for lemma, (_count, rank) in lemmas.items()
            if lemma in flagged or (rank > floor and lemma not in knows)
        }
    return unknown


def unknown_counts(school_class, item) -> dict[str, int]:
    """{lemma of the text: students of the class who do not know it}."""
    counts: dict[str, int] = {}
    for lemmas in unknown_sets(school_class, item).values():
        for lemma in lemmas:
            counts[lemma] = counts.get(lemma, 0) + 1
    return counts


def coverages(school_class, item) -> dict[int, float]:
    """{student: share of the text's words they know} by the same rule as the list."""
    lemmas = text_lemmas(item)
    words = sum(count for count, _rank in lemmas.values())
    if not words:
        return {}
    return {
        student: 1 - sum(lemmas[lemma][0] for lemma in unknown) / words
        for student, unknown in unknown_sets(school_class, item).items()
    }


def pre_teach(school_class, item, limit: int = MAX_WORDS) -> list[dict]:
    """[{lemma, students, band, gloss}], most students first, then the text's most frequent."""
    from yingdu.aids.service import current_lexicon

    counts = unknown_counts(school_class, item)
    lemmas = text_lemmas(item)
    order = sorted(counts, key=lambda lemma: (-counts[lemma], -lemmas[lemma][0], lemma))
    lexicon = current_lexicon()
    rows = []
    for lemma in order[:limit]:
        rank = lemmas[lemma][1]
        entry = lexicon.lookup(lemma) if lexicon is not None else None
        gloss = entry.gloss_for("")[1] if entry is not None else ""
        rows.append(
            {
                "lemma": lemma,
                "students": counts[lemma],
                "band": BANDS[rank] if 0 <= rank < len(BANDS) else BANDS[-1],
                "gloss": gloss,
            }
        )
    return rows


def band_label(band: str) -> str:
    return BAND_LABELS.get(band, band)


def assignments_of_item(school_class, kind_key: str, item_id: int):
    return Assignment.objects.filter(school_class=school_class, item_kind=kind_key, item_id=item_id)
