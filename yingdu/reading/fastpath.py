"""Tokens of a text with their lemma and band, fast: the memoized hot loop of the annotator.

What each surface string becomes is worked out once per lexicon (classification.py) and kept
in ``Lexicon.memo``.  A text is then split by one regex, its offsets added up and each word's
memo entry looked up, all at C level, into parallel lists (:class:`Labelled`): no object is
made per token.  Only the tokens whose band comes out None (names, numbers, context-dependent
strings, strings new to the memo) go through Python code one by one (:func:`_settle`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add, is_, itemgetter

from yingdu.lexicon.store import Lexicon

from .classification import analyze, pieces_in_context, reading_between
from .posguess import neighbours, neighbours_after
from .tokenize import SPLIT_RE, is_sentence_initial
from .tokens import (
    BAND,
    END,
    IS_NUMBER,
    LEMMA,
    START,
    TEXT,
    UNSEEN,
    Ambiguous,
    RawToken,
    Split,
    Tail,
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
    """The tokens of a text as parallel lists, one item per token.

    A token is ``(words[i], starts[i], ends[i]) + tails[i]``, a :data:`~.tokens.RawToken`;
    ``tails`` holds the memo entries themselves (shared, nothing is built per token), so the
    tuples are only made when asked for (:meth:`raw_tokens`, :meth:`token`).  ``lemmas`` and
    ``bands`` repeat the tails' first two fields for the steps that scan them.
    """

    words: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    tails: list[Tail] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    bands: list[str | None] = field(default_factory=list)  # None for names and numbers
    numbers: int = 0  # how many tokens are numbers

    def __len__(self) -> int:
        return len(self.words)

    def token(self, i: int) -> RawToken:
        """Token ``i`` as a :data:`~.tokens.RawToken`."""
        return (self.words[i], self.starts[i], self.ends[i], *self.tails[i])

    def neighbours(self, i: int, text: str, offset: int = 0) -> tuple[str, str]:
        """posguess.neighbours_of token ``i`` of ``text`` (whose offsets start at ``offset``)."""
        starts, ends = self.starts, self.ends
        start, end = starts[i], ends[i]
        if i:
            k = i - 1
            return neighbours_after(self.words[k], starts[k], ends[k], start, end, text, offset)
        return neighbours(text, start - offset, end - offset)

    def raw_tokens(self) -> list[RawToken]:
        """Every token as a :data:`~.tokens.RawToken`, in text order."""
        return list(map(add, zip(self.words, self.starts, self.ends, strict=True), self.tails))

    def extend(self, other: Labelled) -> None:
        """Append the tokens of ``other`` (the next chunk of the text)."""
        self.words += other.words
        self.starts += other.starts
        self.ends += other.ends
        self.tails += other.tails
        self.lemmas += other.lemmas
        self.bands += other.bands
        self.numbers += other.numbers


def label_text(text: str, offset: int, lexicon: Lexicon, unlisted: set[str]) -> Labelled:
    """Tokens of ``text`` (offsets shifted by ``offset``) with lemma and band.

    Tokenized block by block (see :func:`_blocks`), so that the strings and offsets made for
    a block are still in the CPU cache when the next steps look at them.  The lemmas of names
    and numbers are added to ``unlisted``.
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
    tails = list(map(memo.get, words, repeat(UNSEEN)))
    if _mostly_new(tails):  # a cold memo: analyse each distinct string once
        _learn(set(words), lexicon)
        tails = list(map(memo.get, words, repeat(UNSEEN)))
    first = len(labelled.words)
    # where the pieces end: the block's start, then a word's start and end in turn, then
    # the end of the last gap
    bounds = list(accumulate(map(len, pieces), initial=offset + start))
    labelled.words += words
    labelled.starts += bounds[1:-1:2]
    labelled.ends += bounds[2::2]
    labelled.tails += tails
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
    words, starts, ends = labelled.words, labelled.starts, labelled.ends
    tails, lemmas, bands = labelled.tails, labelled.lemmas, labelled.bands
    several: list[tuple[int, list[RawToken]]] = []  # tokens that become several pieces
    memo = lexicon.memo
    for i in positions(bands, None, first):
        lemma = lemmas[i]
        if lemma is not None:  # a name
            unlisted.add(lemma)
            continue
        start = starts[i]
        entry = memo.get(words[i])
        if entry.__class__ is Split:  # the commonest case, inline: Darcy, Darcy's, don't
            pieces = entry.initial
            if entry.inside is not pieces and not is_sentence_initial(text, start - offset):
                pieces = entry.inside
        else:
            pieces = _pieces(labelled, i, text, offset, lexicon)
        if len(pieces) == 1:
            piece = pieces[0]
            words[i] = piece[TEXT]
            starts[i] = start + piece[START]
            ends[i] = start + piece[END]
            tails[i] = tail = piece[LEMMA:]
            lemma = lemmas[i] = tail[0]
            band = bands[i] = tail[1]
            labelled.numbers += piece[IS_NUMBER]
            if band is None:  # a name or a number
                unlisted.add(lemma)
        else:
            several.append((i, [shifted(piece, start) for piece in pieces]))
            unlisted.update(piece[LEMMA] for piece in pieces if piece[BAND] is None)
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    for i, new in reversed(several):  # from the end: the indices before stay right
        _splice(labelled, i, new)


def _splice(labelled: Labelled, i: int, new: list[RawToken]) -> None:
    """Put the tokens ``new`` in the place of token ``i``."""
    here = slice(i, i + 1)
    labelled.words[here] = [token[TEXT] for token in new]
    labelled.starts[here] = [token[START] for token in new]
    labelled.ends[here] = [token[END] for token in new]
    labelled.tails[here] = [token[LEMMA:] for token in new]
    labelled.lemmas[here] = [token[LEMMA] for token in new]
    labelled.bands[here] = [token[BAND] for token in new]


def _pieces(labelled: Labelled, i: int, text: str, offset: int, lexicon: Lexicon):
    """What the fast path's token ``i`` really is: a number, or the pieces of its memo entry
    (offsets relative to the token)."""
    s, start, end = labelled.words[i], labelled.starts[i], labelled.ends[i]
    entry = lexicon.memo.get(s)
    if entry is None:
        entry = analyze(s, lexicon)
        if entry is None:
            return (number_token(s, 0, end - start),)
        lexicon.memo[s] = entry
    if entry.__class__ is Ambiguous:  # its neighbours read off the tokens (cheaper)
        return (reading_between(entry, *labelled.neighbours(i, text, offset)),)
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
