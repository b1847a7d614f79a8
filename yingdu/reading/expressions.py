"""Multi-word expressions (take part in, beneath one's dignity) among a text's tokens.

An expression matches where its lemmas follow each other, separated by nothing but spaces or
hyphens; ``<poss>`` in an expression stands for any possessive.  The longest expression
starting at a token wins, and expressions do not overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress, count, islice

from yingdu.lexicon.bands import BANDS
from yingdu.lexicon.store import Lexicon, MweKey

from .fastpath import Labelled
from .tokens import in_expression, positions

POSSESSIVES = frozenset(["my", "your", "his", "her", "its", "our", "their", "one's"])
ANY_POSSESSIVE = "<poss>"
_GAP = " \t\r\n-"  # what may separate the words of an expression


def find_expressions(
    text: str,
    offset: int,
    labelled: Labelled,
    distinct: set[str],
    lexicon: Lexicon,
    mwes: list[dict],
) -> list[int]:
    """Mark the expressions among the tokens ``labelled`` in place and append them to
    ``mwes``.

    The tokens are those of ``text`` (offsets shifted by ``offset``) and ``distinct`` the set
    of their lemmas.  Returns the index of the first token of each expression found.
    """
    firsts: list[int] = []
    covered = -1
    lemmas = labelled.lemmas
    for i in _candidates(labelled, distinct, lexicon):
        if i > covered:
            candidates = lexicon.mwe_index[lemmas[i]]
            length = _match(text, offset, labelled, i, candidates, mwes)
            if length:
                firsts.append(i)
            covered = i + length - 1
    return firsts


def _candidates(labelled: Labelled, distinct, lexicon) -> Iterable[int]:
    """Where an expression may start: its first two lemmas are there, or its first lemma is
    followed by a possessive (beneath one's)."""
    lemmas, words = labelled.lemmas, labelled.words
    # zip (not pairwise) reuses its pair tuple when nothing else holds it: no tuple per token
    pairs = zip(lemmas, islice(lemmas, 1, None), strict=False)
    starts = compress(count(), map(lexicon.mwe_pairs.__contains__, pairs))
    poss_firsts = lexicon.mwe_poss_firsts
    if poss_firsts.isdisjoint(distinct):
        return starts
    last = len(lemmas) - 1
    before_possessive = [
        i
        for first in poss_firsts & distinct
        for i in positions(lemmas, first)
        if i < last and _is_possessive(lemmas[i + 1], words[i + 1])
    ]
    return sorted({*starts, *before_possessive})


def _match(text, offset, labelled: Labelled, i, candidates: tuple[MweKey, ...], mwes) -> int:
    """Tokens covered by the first (longest) candidate that matches at ``i``; 0 for none."""
    words, lemmas, starts, ends = labelled.words, labelled.lemmas, labelled.starts, labelled.ends
    if i + 1 < len(words):  # the second word, whose test rules out most candidates at once
        second_words = (lemmas[i + 1], words[i + 1].lower(), ANY_POSSESSIVE)
    else:
        second_words = ()
    for wanted, phrase, band in candidates:
        j = i + len(wanted)
        if j > len(words) or j > i + 1 and wanted[1] not in second_words:
            continue  # (_fits is only True for one of second_words)
        if not all(map(_fits, lemmas[i + 1 : j], words[i + 1 : j], wanted[1:])):
            continue
        if any(
            text[ends[k - 1] - offset : starts[k] - offset].strip(_GAP) for k in range(i + 1, j)
        ):
            continue
        mwe_id = len(mwes)
        start, end = starts[i], ends[j - 1]
        surface = text[start - offset : end - offset]
        mwes.append(
            {"phrase": phrase, "text": surface, "start": start, "end": end, "band": BANDS[band]}
        )
        tails = labelled.tails
        for k in range(i, j):
            tails[k] = in_expression(tails[k], mwe_id)
        return j - i
    return 0


def _fits(lemma: str, word: str, wanted: str) -> bool:
    if wanted == ANY_POSSESSIVE:
        return _is_possessive(lemma, word)
    return lemma == wanted or word.lower() == wanted


def _is_possessive(lemma: str, word: str) -> bool:
    return lemma in POSSESSIVES or word.lower() in POSSESSIVES
