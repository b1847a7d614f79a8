"""The annotator's data: a token with named fields, and the memo entries tokens are made from.

While annotating, a text's tokens are parallel lists (fastpath.Labelled): their strings,
starts and ends, and for the other fields the memo entry (:data:`Tail`) of each string,
shared, so no object is made per token.  A token as one tuple is ``(text, start, end) +
tail``, laid out as :class:`Token` (``RawToken``); ``Result.raw_tokens`` and
``Result.tokens`` make them when first asked for, and code outside the hot loop reads them
by field name (:class:`Token`) or with the field positions below.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple


class Token(NamedTuple):
    """A word or number with offsets into the original text."""

    text: str
    start: int
    end: int
    lemma: str
    band: str | None  # None for proper nouns and numbers
    is_proper: bool = False
    is_number: bool = False
    mwe: int | None = None  # index into Result.mwes


RawToken = tuple  # a plain tuple in Token field order (see the module docstring)

# Positions of Token's fields in a RawToken (tests/reading/test_tokens.py checks them).
TEXT, START, END, LEMMA, BAND, IS_PROPER, IS_NUMBER, MWE = range(len(Token._fields))


Tail = tuple  # memo entry of a string that always makes one token: Token's fields after end


def tail(lemma: str, band: str | None, is_proper: bool = False) -> Tail:
    """A :data:`Tail`, a plain tuple (C code reads plain tuples faster than named ones)."""
    return (lemma, band, is_proper, False, None)


class Split(NamedTuple):
    """Memo entry for a string whose tokens depend on the context or that splits into pieces
    (don't, Darcy's, well-known); the pieces' offsets are relative to the string.

    ``lemma`` and ``band`` are always None, in the places a :data:`Tail` has them: the fast
    path appends memo entries to (text, start, end) blindly and settles every token whose band
    comes out None afterwards.
    """

    lemma: None
    band: None
    initial: tuple[RawToken, ...]  # the pieces at a sentence start
    inside: tuple[RawToken, ...]  # elsewhere (the same object when position does not matter)


class Ambiguous(NamedTuple):
    """Memo entry for a form whose lemma depends on the sentence (shelves: shelf or shelve).

    ``lemma`` and ``band`` are None, as in :class:`Split`, so the fast path settles it;
    ``usual`` is the token of the surface table's lemma (offsets relative to the string),
    ``by_kind`` the token for each kind ('n', 'v') of reading.
    """

    lemma: None
    band: None
    usual: RawToken
    lemma_of_usual: str
    by_kind: dict[str, RawToken]


UNSEEN: Tail = (None, None, None, None, None)  # what the fast path appends for a new string


def split_entry(initial: list[RawToken], inside: list[RawToken]) -> Split:
    """A :class:`Split`, sharing one tuple when the pieces do not depend on the position."""
    first = tuple(initial)
    return Split(None, None, first, first if inside == initial else tuple(inside))


def number_token(text: str, start: int, end: int) -> RawToken:
    """A number: its own lemma, no band."""
    return (text, start, end, text, None, False, True, None)


def shifted(piece: RawToken, start: int) -> RawToken:
    """A memoized piece (offsets relative to its word) placed at ``start``."""
    text, begin, end, lemma, band, is_proper, is_number, mwe = piece
    return (text, start + begin, start + end, lemma, band, is_proper, is_number, mwe)


def in_expression(tail: Tail, mwe_id: int) -> Tail:
    """The fields ``tail`` of a token (lemma, band, …) marked as part of the multi-word
    expression ``mwe_id``."""
    return tail[: MWE - LEMMA] + (mwe_id,)


def positions(items: list, value, start: int = 0) -> Iterator[int]:
    """Indices of ``value`` in ``items`` from ``start`` on (list.index scans at C speed)."""
    i = start - 1
    try:
        while True:
            i = items.index(value, i + 1)
            yield i
    except ValueError:
        return
