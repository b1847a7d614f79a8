"""The reading-aid annotator: bands, lemmas, multi-word expressions and a Word Bank for a text.

``annotate(text, level, lexicon)`` returns a :class:`Result`; ``to_json`` (jsonform.py) turns
it into the compact JSON the site stores.  :class:`Annotator` does the same incrementally
(``feed`` chunk after chunk) for very large inputs.  Each step lives in its own module:
fastpath.py (tokens with lemma and band), expressions.py, difficulty.py (counts, grade,
reading time) and wordbank.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from yingdu.lexicon.store import Lexicon, load_lexicon

from .difficulty import Tally, grade_for, reading_minutes, share
from .expressions import find_expressions
from .fastpath import Labelled, label_text
from .tokens import RawToken, Token
from .wordbank import bank_entries


@dataclass
class Result:
    """Everything the site needs to render a text with reading aids."""

    level: str
    words: int
    distinct_lemmas: int
    above_level_ratio: float
    distinct_above_ratio: float
    grade: str
    reading_minutes: float
    word_bank: list[dict]
    # the tokens as parallel lists (fastpath.Labelled); raw_tokens and tokens are made from
    # them when first asked for
    labelled: Labelled = field(default_factory=Labelled, repr=False)
    mwes: list[dict] = field(default_factory=list)
    _raw_tokens: list[RawToken] | None = field(default=None, repr=False, compare=False)
    _tokens: list[Token] | None = field(default=None, repr=False, compare=False)

    @property
    def raw_tokens(self) -> list[RawToken]:
        """The tokens as plain tuples in :class:`Token` field order (tokens.RawToken)."""
        if self._raw_tokens is None:
            self._raw_tokens = self.labelled.raw_tokens()
        return self._raw_tokens

    @property
    def tokens(self) -> list[Token]:
        """The tokens as :class:`Token` named tuples (text, start, end, lemma, band, …)."""
        if self._tokens is None:
            self._tokens = list(map(Token._make, self.raw_tokens))
        return self._tokens


class Annotator:
    """Incremental annotator: call :meth:`feed` per chunk, then :meth:`result`."""

    def __init__(self, level: str, lexicon: Lexicon) -> None:
        self.level = level
        self.lexicon = lexicon
        self.tally = Tally(level, lexicon)
        self.mwes: list[dict] = []

    def feed(self, text: str, offset: int = 0) -> list[RawToken]:
        """Annotate one chunk; offsets are shifted by ``offset``.  Returns its raw tokens."""
        return self.label(text, offset).raw_tokens()

    def label(self, text: str, offset: int = 0) -> Labelled:
        """:meth:`feed`, returning the chunk's tokens as parallel lists (fastpath.Labelled)."""
        tally = self.tally
        chunk = label_text(text, offset, self.lexicon, tally.unlisted)
        distinct = set(chunk.lemmas)
        firsts = []
        if self.lexicon.mwe_index:
            firsts = find_expressions(text, offset, chunk, distinct, self.lexicon, self.mwes)
        tally.add(chunk, distinct, self.mwes, firsts, text, offset)
        return chunk

    def result(self, labelled: Labelled | None = None) -> Result:
        """Summary, Word Bank and (optionally) the tokens collected by the caller."""
        tally = self.tally
        ratio = tally.above_ratio
        distinct = tally.distinct_lemmas
        bank = bank_entries(tally.bank, self.lexicon, tally.unlisted)
        return Result(
            level=self.level,
            words=tally.words,
            distinct_lemmas=distinct,
            above_level_ratio=round(ratio, 4),
            distinct_above_ratio=share(len(tally.above_lemmas), distinct),
            grade=grade_for(ratio),
            reading_minutes=reading_minutes(tally.words, self.level, ratio),
            word_bank=bank,
            labelled=labelled if labelled is not None else Labelled(),
            mwes=self.mwes,
        )


def annotate(text: str | bytes, level: str, lexicon: Lexicon | None = None) -> Result:
    """Annotate ``text`` for a reader at ``level`` (a code from BANDS)."""
    annotator = Annotator(level, lexicon or load_lexicon())
    return annotator.result(annotator.label(_as_text(text)))


def annotate_chunks(
    chunks: Iterable[str], level: str, lexicon: Lexicon | None = None, keep_tokens: bool = True
) -> Result:
    """Annotate a text given as consecutive chunks (cut at whitespace); offsets are global."""
    annotator = Annotator(level, lexicon or load_lexicon())
    tokens = Labelled()
    offset = 0
    for chunk in chunks:
        part = annotator.label(chunk, offset)
        if keep_tokens:
            tokens.extend(part)
        offset += len(chunk)
    return annotator.result(tokens)


def _as_text(text: str | bytes | None) -> str:
    if text is None:
        return ""
    if isinstance(text, bytes | bytearray):
        return bytes(text).decode("utf-8", errors="replace")
    return str(text)
