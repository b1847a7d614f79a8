"""Lexicon quality measures, shared by bench/bench_lexicon.py and the shared-data tests.

The curriculum lists in YINGDU_LEXICON_DIR are the *yardstick* here: their bands and Chinese
meanings are read only to measure a built lexicon, never to build one.

* :func:`band_agreement` – share of list headwords whose lexicon band is the list's band;
* :func:`glossed_share` – share of Word Bank entries with a Chinese gloss when the corpus is
  annotated at a level (the first ``CORPUS_CHARS`` characters of each book, Gutenberg
  header and footer stripped);
* :func:`headwords_glossed` – share of the shipped curriculum headwords found with a gloss;
* :func:`gloss_agreement` – share of glossed-list headwords whose *first* lexicon gloss shares
  a two-character Han word with the list's meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from yingdu.text import HAN_RANGES

from .bands import band_rank
from .wordlists import WORDLIST_FILES, parse_wordlist_text, read_text

CORPUS_CHARS = 200_000
_GUTENBERG_START = re.compile(r"\*\*\* ?START OF (?:THE|THIS) PROJECT GUTENBERG.*?\*\*\*", re.S)
_GUTENBERG_END = re.compile(r"\*\*\* ?END OF (?:THE|THIS) PROJECT GUTENBERG")
_HAN_RUN = re.compile(f"[{HAN_RANGES}]+")


def corpus_texts(folder: Path | str, chars: int = CORPUS_CHARS) -> list[str]:
    """The first ``chars`` characters of each ``*.txt`` book in ``folder`` (Gutenberg
    header and licence footer removed)."""
    texts = []
    for path in sorted(Path(folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if start := _GUTENBERG_START.search(text):
            text = text[start.end() :]
        if end := _GUTENBERG_END.search(text):
            text = text[: end.start()]
        texts.append(text[:chars])
    return texts


@dataclass(frozen=True)
class Share:
    """``hits`` out of ``total`` (with the misses kept as examples)."""

    hits: int
    total: int
    misses: tuple[str, ...] = ()

    @property
    def ratio(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.ratio:6.1%} ({self.hits}/{self.total})"


def list_bands(folder: Path | str) -> dict[str, str]:
    """Single-word headword -> lowest band over the curriculum lists in ``folder``."""
    lowest: dict[str, str] = {}
    for band, name in WORDLIST_FILES.items():
        path = Path(folder) / name
        if not path.is_file():
            continue
        for entry in parse_wordlist_text(read_text(path), band):
            word = entry.headword.lower()
            if " " not in word and band_rank(band) < band_rank(lowest.get(word, "beyond")):
                lowest[word] = band
    return lowest


def list_meanings(folder: Path | str) -> dict[str, str]:
    """Single-word headword -> the Chinese meanings a glossed list prints for it (joined)."""
    meanings: dict[str, list[str]] = {}
    for band, name in WORDLIST_FILES.items():
        path = Path(folder) / name
        if not path.is_file():
            continue
        for entry in parse_wordlist_text(read_text(path), band):
            word = entry.headword.lower()
            if " " not in word and entry.glosses:
                meanings.setdefault(word, []).extend(gloss for _pos, gloss in entry.glosses)
    return {word: "；".join(glosses) for word, glosses in meanings.items()}


def band_agreement(lexicon, bands: dict[str, str]) -> tuple[Share, Share]:
    """(lexicon band == list band, lexicon band <= list band) over the list headwords."""
    same, at_most, misses = 0, 0, []
    for word, band in sorted(bands.items()):
        got = lexicon.band_of(word)
        same += got == band
        if got is not None and band_rank(got) <= band_rank(band):
            at_most += 1
        else:
            misses.append(word)
    total = len(bands)
    return Share(same, total), Share(at_most, total, tuple(misses))


def glossed_share(lexicon, texts: Iterable[str], level: str) -> Share:
    """Word Bank entries with a gloss, over the texts annotated at ``level``."""
    from yingdu.reading import annotate

    hits, total, misses = 0, 0, []
    for text in texts:
        for item in annotate(text, level, lexicon).word_bank:
            total += 1
            if item.get("gloss"):
                hits += 1
            else:
                misses.append(item["lemma"])
    return Share(hits, total, tuple(misses))


def han_bigrams(text: str) -> set[str]:
    """Every two-character substring of the Han runs in ``text``."""
    return {run[i : i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1)}


def headwords_glossed(lexicon, headwords: Iterable[str]) -> Share:
    """Share of ``headwords`` (the shipped band table's words and phrases) that the lexicon
    can look up with a gloss; the misses are kept."""
    hits, total, misses = 0, 0, []
    for word in headwords:
        total += 1
        entry = lexicon.lookup(word)
        if entry is not None and entry.glosses:
            hits += 1
        else:
            misses.append(word)
    return Share(hits, total, tuple(misses))


def gloss_agreement(lexicon, meanings: dict[str, str]) -> tuple[Share, Share]:
    """(first gloss shares a two-character word with the list meaning, words with no gloss)."""
    agree, none, misses = 0, 0, []
    for word, meaning in sorted(meanings.items()):
        entry = lexicon.lookup(word)
        if entry is None or not entry.glosses:
            none += 1
            misses.append(word)
            continue
        if han_bigrams(entry.glosses[0][1]) & han_bigrams(meaning):
            agree += 1
        else:
            misses.append(word)
    total = len(meanings)
    return Share(agree, total, tuple(misses)), Share(none, total)
