"""The Word Bank: every lemma (or expression) above the reader's level, with IPA and the
Chinese gloss that fits where it is first used.

The annotator notes each entry's first use; :func:`bank_entry` turns it into the dict the site
shows.  :func:`choose_gloss` is where the context picks the gloss.
"""

from __future__ import annotations

from typing import NamedTuple

from yingdu.lexicon.store import Lexicon

from .posguess import guess_pos

_GLOSS_SENSES = 3  # senses of a gloss kept in the Word Bank


# Where a Word Bank entry first occurs in the text, a plain tuple (made for every entry):
# (word as written, band, the previous word lowercase, the next word lowercase, is_expression);
# the neighbours are '' at the ends of the text and for an expression.
FirstUse = tuple[str, str, str, str, bool]


class Gloss(NamedTuple):
    ipa: str
    pos: str  # part of speech of the gloss ('' when unknown)
    gloss: str  # at most _GLOSS_SENSES senses, separated by '；'


def bank_entry(lemma: str, use: FirstUse, lexicon: Lexicon) -> dict:
    """The Word Bank entry (word, lemma, band, ipa, pos, gloss) of ``lemma`` first used as
    ``use``."""
    word, band, before, after, is_expression = use
    ipa, pos, gloss = choose_gloss(lemma, word, before, after, lexicon, is_expression)
    return {"word": word, "lemma": lemma, "band": band, "ipa": ipa, "pos": pos, "gloss": gloss}


def choose_gloss(lemma, word, before, after, lexicon: Lexicon, is_expression=False) -> Gloss:
    """The gloss of ``lemma`` written ``word`` between ``before`` and ``after``: the part of
    speech is guessed from the neighbouring words (posguess.py), the lexicon gives the gloss
    for it."""
    pos = "" if is_expression else guess_pos(word.lower(), lemma, before, after)
    key = (lemma, pos)  # the memo's keys for words are strings, so tuples cannot clash
    memo = lexicon.memo
    gloss = memo.get(key)
    if gloss is None:
        gloss = memo[key] = _gloss_for(lemma, pos, lexicon)
    return gloss


def _gloss_for(lemma: str, pos: str, lexicon: Lexicon) -> Gloss:
    entry = lexicon.lookup(lemma)
    if entry is None:
        return Gloss("", pos, "")
    gloss_pos, gloss = entry.gloss_for(pos)
    return Gloss(entry.ipa, gloss_pos or pos, _short_gloss(gloss))


def _short_gloss(gloss: str) -> str:
    parts = [p for p in map(str.strip, gloss.replace(";", "；").split("；")) if p]
    return "；".join(parts[:_GLOSS_SENSES])
