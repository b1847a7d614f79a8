"""How hard a text is for a reader level: running words, words above level, grade, reading time.

Definitions (documented in docs/lexicon.md):

* running words: every word token (contraction pieces included), numbers excluded;
* above level: a non-proper word whose band ranks above the reader's level;
* grade from the share of running words above level: ≤2% 容易, ≤5% 适中, ≤10% 较难, else 很难;
* reading minutes: words / WPM[level] × (1 + 2 × share above level).

:class:`Tally` counts a text chunk after chunk for one level and collects its Word Bank (the
first use of every lemma above level); :func:`per_level` derives every level's figures from
one annotation at the lowest level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress, count
from operator import itemgetter

from yingdu.lexicon.bands import BANDS, LEVELS, band_rank
from yingdu.lexicon.store import Lexicon

from .fastpath import Labelled
from .tokens import LEMMA, MWE
from .wordbank import FirstUse, context_flags, needs_context

GRADES = ((0.02, "容易"), (0.05, "适中"), (0.10, "较难"))
HARDEST = "很难"
WORDS_PER_MINUTE = {
    "primary": 60,
    "junior": 80,
    "senior": 100,
    "cet4": 120,
    "cet6": 140,
    "kaoyan": 160,
    "beyond": 180,
}
_FIRST = itemgetter(0)


def grade_for(ratio: float) -> str:
    """Difficulty label from the share of running words above level."""
    for limit, label in GRADES:
        if ratio <= limit:
            return label
    return HARDEST


def reading_minutes(words: int, level: str, ratio: float) -> float:
    """Estimated reading time in minutes, one decimal (0 for an empty text)."""
    if not words:
        return 0.0
    return max(0.1, round(words / WORDS_PER_MINUTE[level] * (1 + 2 * ratio), 1))


def share(part: int, whole: int) -> float:
    """``part / whole`` rounded as the annotations store it (0 for an empty whole)."""
    return round(part / whole, 4) if whole else 0.0


@dataclass(slots=True)
class Tally:
    """The counts and the Word Bank of a text for a reader at ``level``, chunk after chunk."""

    level: str
    # the lexicon the bank's glosses come from: only its entries whose gloss can depend on
    # the sentence get their neighbours noted (None: every entry)
    lexicon: Lexicon | None = None
    above_bands: frozenset[str] = field(init=False)
    words: int = 0  # running words
    above: int = 0  # running words above level
    lemmas: set[str] = field(default_factory=set)
    unlisted: set[str] = field(default_factory=set)  # lemmas of names and numbers (band None)
    above_lemmas: set[str] = field(default_factory=set)
    bank: dict[str, FirstUse] = field(default_factory=dict)  # lemma or phrase -> first use

    def __post_init__(self) -> None:
        self.above_bands = frozenset(BANDS[band_rank(self.level) + 1 :])  # ValueError if unknown

    def add(self, chunk: Labelled, distinct: set[str], mwes: list[dict], firsts: list[int],
            text: str = "", offset: int = 0):  # fmt: skip
        """Count one chunk of the text (``distinct``: the set of its lemmas); ``mwes`` are the
        expressions found so far, ``firsts`` the indices of the first tokens of those found in
        this chunk.  ``text`` (starting at ``offset``) is the chunk itself: when given, a Word
        Bank entry's neighbours stop at sentence ends (posguess.neighbours_of)."""
        lemmas = chunk.lemmas
        self.words += len(lemmas) - chunk.numbers
        self.lemmas |= distinct
        above = list(compress(count(), map(self.above_bands.__contains__, chunk.bands)))
        self.above += len(above)
        above.reverse()
        # first index of each above-level lemma in this chunk (C-level: later keys overwrite)
        first_above = dict(zip(map(lemmas.__getitem__, above), above, strict=True))
        new = [(i, None) for i in firsts]  # an expression goes before its first word
        new += [(i, lemma) for lemma, i in first_above.items() if lemma not in self.bank]
        self._bank(chunk, sorted(new, key=_FIRST), mwes, text, offset)

    def _bank(self, chunk: Labelled, new: list[tuple[int, str | None]], mwes, text, offset):
        """Note the first use of the words (index, lemma) and expressions (index, None) new
        to the Word Bank, in text order."""
        bank, lexicon, above_lemmas = self.bank, self.lexicon, self.above_lemmas
        flags = {} if lexicon is None else context_flags(lexicon)
        words = chunk.words
        for i, lemma in new:
            if lemma is None:
                self._bank_expression(mwes[chunk.tails[i][MWE - LEMMA]])
                continue
            needed = flags.get(lemma)
            if needed is None:
                needed = lexicon is None or needs_context(lemma, lexicon)
            if not needed:
                before = after = ""
            elif text:
                before, after = chunk.neighbours(i, text, offset)
            else:
                before = words[i - 1].lower() if i else ""
                after = words[i + 1].lower() if i + 1 < len(words) else ""
            bank[lemma] = (words[i], chunk.bands[i], before, after, False)  # a FirstUse
            above_lemmas.add(lemma)

    def _bank_expression(self, mwe: dict) -> None:
        if mwe["band"] in self.above_bands and mwe["phrase"] not in self.bank:
            self.bank[mwe["phrase"]] = (mwe["text"], mwe["band"], "", "", True)  # a FirstUse

    @property
    def above_ratio(self) -> float:
        """Share of running words above level (not rounded)."""
        return self.above / self.words if self.words else 0.0

    @property
    def distinct_lemmas(self) -> int:
        """Lemmas of the text, names and numbers left out."""
        return len(self.lemmas - self.unlisted)


def per_level(result) -> list[dict]:
    """Difficulty at every level from one annotation at the lowest level.

    ``result`` is a Result of annotating at ``LEVELS[0]``, so its Word Bank holds every word
    above any level.  The bands are per token, so each level's counts follow from them: the
    same numbers annotating at that level gives (tests/aids/test_per_level.py checks it).
    This is the ``difficulty`` list stored on items.
    """
    labelled = result.labelled
    pairs = list(zip(labelled.lemmas, labelled.bands, strict=True))
    banded = [(lemma, band) for lemma, band in pairs if band is not None]  # not names, numbers
    unlisted = {lemma for lemma, band in pairs if band is None}
    token_ranks = [band_rank(band) for _, band in banded]
    lemma_ranks = [
        rank
        for lemma, rank in {lemma: band_rank(band) for lemma, band in banded}.items()
        if lemma not in unlisted
    ]
    bank_ranks = [band_rank(entry["band"]) for entry in result.word_bank]
    words, distinct = result.words, result.distinct_lemmas
    levels = []
    for rank, level in enumerate(LEVELS):
        ratio = share(sum(r > rank for r in token_ranks), words)
        levels.append({
            "level": level,
            "words": words,
            "ratio": ratio,
            "distinct_ratio": share(sum(r > rank for r in lemma_ranks), distinct),
            "grade": grade_for(ratio),
            "minutes": reading_minutes(words, level, ratio),
            "bank": sum(r > rank for r in bank_ranks),
        })  # fmt: skip
    return levels
