"""Tokens of a text with their lemma and band, fast: the memoized hot loop of the annotator.

What each surface string becomes is worked out once per lexicon (classification.py) and kept
in ``Lexicon.memo``.  A text is then split by one regex, its offsets added up and each word's
memo entry appended to (text, start, end), all at C level; only the tokens whose band comes
out None (names, numbers, context-dependent strings, strings new to the memo) go through
Python code one by one (:func:`_settle`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add, is_, itemgetter

from yingdu.lexicon.store import Lexicon

from .classification import analyze, pieces_in_context, reading_between
from .posguess import neighbours_of
from .tokenize import SPLIT_RE, is_sentence_initial
from .tokens import (
    BAND,
    END,
    LEMMA,
    START,
    TEXT,
    UNSEEN,
    Ambiguous,
    RawToken,
    Split,
    number_token,
    positions,
    shifted,
)

_MEMO_LIMIT = 200_000  # memo entries kept before the memo is dropped
_BLOCK = 4096  # characters tokenized at a time: a block's objects stay in the CPU cache
_SAMPLE = 100  # words checked against the memo to tell a cold one
_LEMMA = itemgetter(LEMMA - 3)  # of memo entries: Tail, Split and Ambiguous all start
_BAND = itemgetter(BAND - 3)  # (lemma, band, …), the fields after (text, start, end)


@dataclass(slots=True)
class Labelled:
    """The tokens of a text and, in parallel lists, their lemmas and bands."""

    tokens: list[RawToken] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    bands: list[str | None] = field(default_factory=list)  # None for names and numbers
    numbers: int = 0  # how many tokens are numbers


def label_text(text: str, offset: int, lexicon: Lexicon, unlisted: set[str]) -> Labelled:
    """Tokens of ``text`` (offsets shifted by ``offset``) with lemma and band.

    Tokenized block by block (see :func:`_blocks`), so that the strings, offsets and tuples
    made for a block are still in the CPU cache when the next steps (and the garbage
    collector) look at them.  The lemmas of names and numbers are added to ``unlisted``.
    """
    labelled = Labelled()
    for start, end in _blocks(text):
        _label_block(text, start, end, offset, lexicon, unlisted, labelled)
    return labelled


def _label_block(text, start, end, offset, lexicon, unlisted, labelled: Labelled) -> None:
    """Append the tokens of ``text[start:end]``, their lemmas and bands to ``labelled``."""
    pieces = SPLIT_RE.split(text[start:end])  # gap, word, gap, word, …, gap
    words = pieces[1::2]
    memo = lexicon.memo
    # the offsets where the pieces end: after the first gap, a word's start and end in turn,
    # so zip(words, bounds, bounds) pairs each word with them (no lists: fewer objects for
    # the garbage collector to look at)
    bounds = accumulate(map(len, pieces), initial=offset + start)
    next(bounds)
    tails = list(map(memo.get, words, repeat(UNSEEN)))
    if _mostly_new(tails):  # a cold memo: analyse each distinct string once
        _learn(set(words), lexicon)
        tails = list(map(memo.get, words, repeat(UNSEEN)))
    first = len(labelled.tokens)
    # straight onto the text's lists: no per-block lists to copy; not strict: bounds keeps
    # one more offset, the end of the last gap
    labelled.tokens += map(add, zip(words, bounds, bounds, strict=False), tails)
    labelled.lemmas += map(_LEMMA, tails)
    labelled.bands += map(_BAND, tails)
    _settle(text, offset, labelled, first, lexicon, unlisted)


def _learn(strings: Iterable[str], lexicon: Lexicon) -> None:
    memo = lexicon.memo
    for s in strings:
        if s not in memo:
            entry = analyze(s, lexicon)
            if entry is not None:
                memo[s] = entry


def _settle(text, offset, labelled: Labelled, first: int, lexicon, unlisted) -> None:
    """Settle the tokens with band None from index ``first`` on, in place; note the lemmas
    of names and numbers."""
    tokens, lemmas, bands = labelled.tokens, labelled.lemmas, labelled.bands
    several: list[tuple[int, list[RawToken]]] = []  # tokens that become several pieces
    memo = lexicon.memo
    for i in positions(bands, None, first):
        lemma = lemmas[i]
        if lemma is not None:  # a name
            unlisted.add(lemma)
            continue
        token = tokens[i]
        start = token[START]
        entry = memo.get(token[TEXT])
        if entry.__class__ is Split:  # the commonest case, inline: Darcy, Darcy's, don't
            pieces = entry.initial
            if entry.inside is not pieces and not is_sentence_initial(text, start - offset):
                pieces = entry.inside
        else:
            pieces = _pieces(tokens, i, text, offset, lexicon)
        if len(pieces) == 1:  # shifted(), written out
            word, begin, end, lemma, band, is_proper, is_number, mwe = pieces[0]
            tokens[i] = (word, start + begin, start + end, lemma, band, is_proper, is_number, mwe)
            lemmas[i] = lemma
            bands[i] = band
            labelled.numbers += is_number
            if band is None:  # a name or a number
                unlisted.add(lemma)
        else:
            several.append((i, [shifted(piece, start) for piece in pieces]))
            unlisted.update(piece[LEMMA] for piece in pieces if piece[BAND] is None)
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    for i, new in reversed(several):  # from the end: the indices before stay right
        tokens[i : i + 1] = new
        lemmas[i : i + 1] = [token[LEMMA] for token in new]
        bands[i : i + 1] = [token[BAND] for token in new]


def _pieces(tokens: list[RawToken], i: int, text: str, offset: int, lexicon: Lexicon):
    """What the fast path's ``tokens[i]`` really is: a number, or the pieces of its memo entry
    (offsets relative to the token)."""
    s, start, end = tokens[i][TEXT : END + 1]
    entry = lexicon.memo.get(s)
    if entry is None:
        entry = analyze(s, lexicon)
        if entry is None:
            return (number_token(s, 0, end - start),)
        lexicon.memo[s] = entry
    if entry.__class__ is Ambiguous:  # its neighbours read off the tokens (cheaper)
        return (reading_between(entry, *neighbours_of(tokens, i, text, offset)),)
    if entry.__class__ is Split:
        return pieces_in_context(entry, text, start - offset)
    return ((s, 0, end - start, *entry),)  # a one-token entry new to the memo


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive pieces of ``text``, each about _BLOCK characters long.

    Pieces are cut before a space; no token contains one, so the tokens of the pieces are the
    tokens of the whole text.
    """
    start = 0
    while start < len(text):
        cut = text.find(" ", start + _BLOCK)
        end = len(text) if cut < 0 else cut
        yield start, end
        start = end


def _mostly_new(tails: list) -> bool:
    """True when over a quarter of the first _SAMPLE words were missing from the memo (their
    memo entries, ``tails``, are UNSEEN: an identity test, no second look-up)."""
    sample = tails[:_SAMPLE]
    return sum(map(is_, sample, repeat(UNSEEN))) * 4 > len(sample)
