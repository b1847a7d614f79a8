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

from .tokens import END, LEMMA, START, TEXT, RawToken, in_expression, positions

POSSESSIVES = frozenset(["my", "your", "his", "her", "its", "our", "their", "one's"])
ANY_POSSESSIVE = "<poss>"
_GAP = " \t\r\n-"  # what may separate the words of an expression


def find_expressions(
    text: str,
    offset: int,
    tokens: list[RawToken],
    lemmas: list[str],
    distinct: set[str],
    lexicon: Lexicon,
    mwes: list[dict],
) -> list[int]:
    """Mark the expressions among ``tokens`` in place and append them to ``mwes``.

    ``tokens`` are those of ``text`` (offsets shifted by ``offset``), ``lemmas`` their lemmas
    and ``distinct`` the set of those.  Returns the index of the first token of each
    expression found.
    """
    firsts: list[int] = []
    covered = -1
    for i in _candidates(tokens, lemmas, distinct, lexicon):
        if i > covered:
            candidates = lexicon.mwe_index[lemmas[i]]
            length = _match(text, offset, tokens, i, candidates, mwes)
            if length:
                firsts.append(i)
            covered = i + length - 1
    return firsts


def _candidates(tokens, lemmas, distinct, lexicon) -> Iterable[int]:
    """Where an expression may start: its first two lemmas are there, or its first lemma is
    followed by a possessive (beneath one's)."""
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
        if i < last and _is_possessive(tokens[i + 1])
    ]
    return sorted({*starts, *before_possessive})


def _match(text, offset, tokens, i, candidates: tuple[MweKey, ...], mwes: list[dict]) -> int:
    """Tokens covered by the first (longest) candidate that matches at ``i``; 0 for none."""
    if i + 1 < len(tokens):  # the second word, whose test rules out most candidates at once
        second = tokens[i + 1]
        second_words = (second[LEMMA], second[TEXT].lower(), ANY_POSSESSIVE)
    else:
        second_words = ()
    for lemmas, phrase, band in candidates:
        j = i + len(lemmas)
        if j > len(tokens) or j > i + 1 and lemmas[1] not in second_words:
            continue  # (_fits is only True for one of second_words)
        if not all(map(_fits, tokens[i + 1 : j], lemmas[1:])):
            continue
        if any(
            text[tokens[k - 1][END] - offset : tokens[k][START] - offset].strip(_GAP)
            for k in range(i + 1, j)
        ):
            continue
        mwe_id = len(mwes)
        start, end = tokens[i][START], tokens[j - 1][END]
        surface = text[start - offset : end - offset]
        mwes.append(
            {"phrase": phrase, "text": surface, "start": start, "end": end, "band": BANDS[band]}
        )
        for k in range(i, j):
            tokens[k] = in_expression(tokens[k], mwe_id)
        return j - i
    return 0


def _fits(token: RawToken, wanted: str) -> bool:
    if wanted == ANY_POSSESSIVE:
        return _is_possessive(token)
    return token[LEMMA] == wanted or token[TEXT].lower() == wanted


def _is_possessive(token: RawToken) -> bool:
    return token[LEMMA] in POSSESSIVES or token[TEXT].lower() in POSSESSIVES
