"""The words a placement test asks about (plain Python, no Django): per band of the lexicon,
real headwords with a short Chinese gloss and part of speech, and pronounceable pseudo-words
that are neither in the lexicon nor in wordfreq's English list."""

from __future__ import annotations

import random
import re
import weakref
from dataclasses import dataclass

from yingdu.lexicon import BANDS, LEVELS

# A curriculum band asks its list words (any other band source); 超纲 (no list) and a band
# with too few list words ask common words whose band is estimated from CEFR data.
UNLISTED = ("cefr-estimated", "derived", "none")
ESTIMATED = "cefr-estimated"
MIN_LISTED = 100
MIN_ZIPF = 2.0  # estimated-band words rarer than this are too obscure to ask about
WORD_SHAPE = re.compile(r"[a-z]{3,14}")
AWKWARD = re.compile(r"[aeiou]{3}|(.)\1\1")  # pseudo-words no English word looks like
GLOSS_MAX = 14  # characters of a choice option
_POOLS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Word:
    lemma: str
    pos: str
    gloss: str  # short Chinese gloss, '' when the lexicon has none


def short_gloss(glosses) -> tuple[str, str]:
    """(pos, first meaning) of a lexicon glosses tuple, cut to GLOSS_MAX characters."""
    for pos, text in glosses:
        first = re.split(r"[；;，,]", text)[0].strip()
        first = re.sub(r"[（(][^）)]*[）)]", "", first).strip()
        if first:
            return pos, first[:GLOSS_MAX]
    return "", ""


def _usable(lexicon, band, row, listed: bool) -> Word | None:
    lemma, source, glosses, zipf = row
    if not WORD_SHAPE.fullmatch(lemma):
        return None
    if listed and source in UNLISTED:
        return None
    if not listed and (source != ESTIMATED or zipf < MIN_ZIPF):
        return None
    if lexicon.lemma_of(lemma) != lemma or lexicon.band_of(lemma) != band:
        return None
    pos, gloss = short_gloss(glosses)
    return Word(lemma, pos, gloss)


def band_pool(lexicon) -> dict[str, tuple[Word, ...]]:
    """Band code -> the test words of that band (every band of BANDS), cached per lexicon."""
    pool = _POOLS.get(lexicon)
    if pool is None:
        pool = {}
        for band in BANDS:
            rows = lexicon.band_headwords(band)
            words = [_usable(lexicon, band, row, True) for row in rows] if band in LEVELS else []
            words = [w for w in words if w is not None]
            if len(words) < MIN_LISTED:
                words += [w for row in rows if (w := _usable(lexicon, band, row, False))]
            pool[band] = tuple(words)
        _POOLS[lexicon] = pool
    return pool


# Pseudo-words: English-looking syllables, sometimes with a common suffix.
ONSETS = ("b", "bl", "br", "c", "cl", "cr", "d", "dr", "f", "fl", "fr", "g", "gl", "gr", "h",
          "j", "k", "l", "m", "n", "p", "pl", "pr", "r", "s", "sk", "sl", "sn", "sp", "st",
          "t", "tr", "v", "w", "z")  # fmt: skip
NUCLEI = ("a", "e", "i", "o", "u", "ai", "ea", "oo", "ou", "oi")
CODAS = ("", "b", "d", "ft", "g", "l", "m", "mp", "n", "nd", "nt", "p", "rt", "sk", "st", "t")
SUFFIXES = ("", "", "", "er", "ment", "ous", "ize", "ity", "ful", "ly", "ish", "tion")


def _frequency_of():
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is optional
        return lambda word: 0.0
    return lambda word: zipf_frequency(word, "en")


_frequency = None


def is_pseudo_word(word: str, lexicon) -> bool:
    """True when neither the lexicon (any form of any lemma) nor wordfreq knows `word`."""
    global _frequency
    if _frequency is None:
        _frequency = _frequency_of()
    return lexicon.resolve(word) is None and _frequency(word) == 0.0


def pseudo_word(rng: random.Random, lexicon, avoid=()) -> str:
    """A pronounceable non-word, checked against the lexicon and wordfreq."""
    while True:
        syllables = rng.choice((1, 2, 2, 3))
        word = "".join(
            rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS) for _ in range(syllables)
        )
        word += rng.choice(SUFFIXES)
        if (
            4 <= len(word) <= 12
            and not AWKWARD.search(word)
            and word not in avoid
            and is_pseudo_word(word, lexicon)
        ):
            return word


_SIZES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def band_sizes(lexicon) -> dict[str, int]:
    """Band code -> how many lemmas the lexicon gives that band (what a reader would know)."""
    sizes = _SIZES.get(lexicon)
    if sizes is None:
        sizes = dict.fromkeys(BANDS, 0)
        for key, (lemma, _, _, band) in lexicon.surface.items():
            if key == lemma:
                sizes[band] += 1
        _SIZES[lexicon] = sizes
    return sizes
