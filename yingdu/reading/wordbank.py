"""The Word Bank: every lemma (or expression) above the reader's level, with IPA and the
Chinese gloss that fits where it is first used.

The annotator notes each entry's first use; :func:`bank_entry` turns it into the dict the site
shows.  :func:`choose_gloss` is where the context picks the gloss; :func:`senses_in_context`
gives the popover of every later use the gloss of its own sentence.
"""

from __future__ import annotations

from typing import NamedTuple

from yingdu.lexicon.store import Lexicon

from .posguess import guess_pos, neighbours_of
from .tokens import LEMMA, START, TEXT

_GLOSS_SENSES = 3  # senses of a gloss kept in the Word Bank
_CONTEXT = ("context",)  # the memo's key of context_flags (its keys for words are strings)


# Where a Word Bank entry first occurs in the text, a plain tuple (made for every entry):
# (word as written, band, the previous word lowercase, the next word lowercase, is_expression);
# the neighbours are '' at the ends of the text, for an expression and for a lemma whose gloss
# does not depend on them (needs_context).
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


def bank_entries(uses: dict[str, FirstUse], lexicon: Lexicon, names: set[str]) -> list[dict]:
    """:func:`bank_entry` of every (lemma, first use) in ``uses``, in order, leaving out a word
    first met capitalised (at a sentence start) that the text also uses as a name (``names``:
    "Darcy said" beside "Mr. Darcy"): a name, not a word to learn."""
    entries = []
    append = entries.append
    for lemma, (word, band, before, after, is_expression) in uses.items():
        if not is_expression and word in names and word[:1].isupper():
            continue
        ipa, pos, gloss = choose_gloss(lemma, word, before, after, lexicon, is_expression)
        append({"word": word, "lemma": lemma, "band": band, "ipa": ipa, "pos": pos, "gloss": gloss})
    return entries


def choose_gloss(lemma, word, before, after, lexicon: Lexicon, is_expression=False) -> Gloss:
    """The gloss of ``lemma`` written ``word`` between ``before`` and ``after``: the part of
    speech is guessed from the neighbouring words (posguess.py), the lexicon gives the gloss
    for it.  No guess is made when it could not change the answer (``needs_context``)."""
    pos = ""
    if not is_expression:
        needed = context_flags(lexicon).get(lemma)
        if needed or (needed is None and needs_context(lemma, lexicon)):
            pos = guess_pos(word.lower(), lemma, before, after)
    # a capitalised use (March, May): inside a sentence, or at its start unless read as a
    # verb; the lexicon then gives the capitalised sense when it has one (三月, 五月)
    capitalised = word[:1].isupper() and not word.isupper() and (bool(before) or pos != "v")
    key = (lemma, pos, capitalised)  # the memo's keys for words are strings: no clash
    memo = lexicon.memo
    gloss = memo.get(key)
    if gloss is None:
        gloss = memo[key] = _gloss_for(lemma, pos, lexicon, capitalised)
    return gloss


def _gloss_for(lemma: str, pos: str, lexicon: Lexicon, capitalised: bool = False) -> Gloss:
    entry = lexicon.lookup(lemma)
    if entry is None:
        return Gloss("", pos, "")
    gloss_pos, gloss = entry.gloss_for(pos, capitalised)
    return Gloss(entry.ipa, gloss_pos or pos, _short_gloss(gloss))


def _short_gloss(gloss: str) -> str:
    parts = [p for p in map(str.strip, gloss.replace(";", "；").split("；")) if p]
    return "；".join(parts[:_GLOSS_SENSES])


def senses_in_context(text: str, tokens, bank: list[dict], lexicon: Lexicon) -> dict[int, int]:
    """Senses for the popover of every use of a word, not only the first.

    ``tokens`` are those of ``text`` and ``bank`` its Word Bank.  For each token of a Word
    Bank lemma whose gloss in its own sentence differs from the entry's, the (pos, gloss) is
    added to the entry's ``senses`` list; returns token start -> index into that list.  Only
    lemmas with glosses for more than one part of speech are looked at.
    """
    index = {entry["lemma"]: n for n, entry in enumerate(bank)}
    chosen: dict[int, int] = {}
    for i, token in enumerate(tokens):
        lemma = token[LEMMA]
        n = index.get(lemma)
        if n is None or len(_poses(lemma, lexicon) or ()) < 2:
            continue
        prev, nxt = neighbours_of(tokens, i, text)
        _, pos, gloss = choose_gloss(lemma, token[TEXT], prev, nxt, lexicon)
        entry = bank[n]
        if not gloss or gloss == entry["gloss"]:
            continue
        senses = entry.setdefault("senses", [])
        if [pos, gloss] not in senses:
            senses.append([pos, gloss])
        chosen[token[START]] = senses.index([pos, gloss])
    return chosen


def needs_context(lemma: str, lexicon: Lexicon) -> bool:
    """Whether the words around a use of ``lemma`` can change its Word Bank entry: its glosses
    are for several parts of speech, or for none named (then the guessed part of speech is
    the one shown), or it has no entry or gloss.  Every other lemma shows its one part of
    speech and gloss wherever it stands."""
    flags = context_flags(lexicon)
    needed = flags.get(lemma)
    if needed is None:
        poses = _poses(lemma, lexicon)
        needed = flags[lemma] = poses is None or len(poses) != 1 or "" in poses
    return needed


def context_flags(lexicon: Lexicon) -> dict[str, bool]:
    """The answers of :func:`needs_context` so far (lemma -> bool), kept in the lexicon's memo:
    asked for every Word Bank entry, so a loop may read this dict before asking."""
    memo = lexicon.memo
    flags = memo.get(_CONTEXT)
    if flags is None:
        flags = memo[_CONTEXT] = {}
    return flags


def _poses(lemma: str, lexicon: Lexicon) -> frozenset[str] | None:
    """The parts of speech ``lemma``'s glosses are for (None when the lexicon lacks it)."""
    key = ("poses", lemma)  # tuple keys never clash with the memo's string keys
    memo = lexicon.memo
    if key in memo:
        return memo[key]
    entry = lexicon.lookup(lemma)
    poses = memo[key] = None if entry is None else frozenset(pos for pos, _ in entry.glosses)
    return poses
