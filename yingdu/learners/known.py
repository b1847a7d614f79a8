"""Known words of a learner: add (words, or every word up to a band), remove, list, and the
version stamp that lets the browser revalidate its copy cheaply (ETag)."""

import re

from django.db.models import Count, Max
from django.dispatch import Signal

from yingdu.lexicon import LEVELS

from .models import LEMMA_MAX, KnownWord

WORD_SEPARATORS = re.compile(r"[\s,，、;；]+")
# Sent (sender=KnownWord, user=…) after a learner's known words were added or removed in
# bulk, which fires no model signals; placement forgets its cached reader on it.
known_words_changed = Signal()


def split_word_list(text: str) -> list[str]:
    """Words of a pasted list: one a line, or separated by spaces or (Chinese) commas;
    each once, in order."""
    return list(dict.fromkeys(w for w in WORD_SEPARATORS.split(text or "") if w))


def resolve(words, lexicon) -> tuple[list[str], list[str]]:
    """(lemmas, unknown words): each word's lemma in the lexicon (went -> go), and the words
    the lexicon does not know."""
    lemmas, unknown = [], []
    for word in words:
        lemma = lexicon.lemma_of(word) if len(word) <= LEMMA_MAX else None
        (lemmas if lemma else unknown).append(lemma or word)
    return list(dict.fromkeys(lemmas)), unknown


def band_lemmas(band: str, lexicon) -> list[str]:
    """Every headword up to `band` (one of LEVELS); ValueError for another band."""
    if band not in LEVELS:
        raise ValueError(band)
    return lexicon.lemmas_up_to(band)


def band_counts(user, lexicon) -> dict[str, int]:
    """Known words per band (band code -> count), bands from the current lexicon."""
    counts: dict[str, int] = {}
    if lexicon is None:
        return counts
    for lemma in known_lemmas(user):
        band = lexicon.band_of(lemma)
        if band:
            counts[band] = counts.get(band, 0) + 1
    return counts


def add_known(user, lemmas) -> int:
    """Mark `lemmas` known; returns how many were new."""
    before = KnownWord.objects.filter(user=user).count()
    KnownWord.objects.bulk_create(
        [KnownWord(user=user, lemma=lemma) for lemma in lemmas],
        ignore_conflicts=True,
        batch_size=1000,
    )
    added = KnownWord.objects.filter(user=user).count() - before
    if added:
        known_words_changed.send(sender=KnownWord, user=user)
    return added


def remove_known(user, lemmas) -> int:
    removed = KnownWord.objects.filter(user=user, lemma__in=list(lemmas)).delete()[0]
    if removed:
        known_words_changed.send(sender=KnownWord, user=user)
    return removed


def known_lemmas(user) -> list[str]:
    rows = KnownWord.objects.filter(user=user).order_by("lemma")
    return list(rows.values_list("lemma", flat=True))


def version(user) -> str:
    """Changes whenever the set changes: ids only grow (AUTOINCREMENT on SQLite, sequences on
    PostgreSQL), so any addition raises the largest id and a removal alone lowers the count."""
    stats = KnownWord.objects.filter(user=user).aggregate(n=Count("id"), top=Max("id"))
    return f"{stats['n']}-{stats['top'] or 0}"


def export_known(user) -> list[dict]:
    rows = KnownWord.objects.filter(user=user).order_by("lemma")
    return [{"lemma": r.lemma, "added": r.added_at.isoformat()} for r in rows]


def delete_known(user) -> int:
    removed = KnownWord.objects.filter(user=user).delete()[0]
    known_words_changed.send(sender=KnownWord, user=user)
    return removed
