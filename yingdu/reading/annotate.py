"""The reading-aid annotator: bands, lemmas, multi-word expressions and a Word Bank for a text.

``annotate(text, level, lexicon)`` returns a :class:`Result`; :func:`to_json` turns it into the
compact JSON the site stores.  :class:`Annotator` does the same incrementally (``feed`` chunk
after chunk) for very large inputs.

Definitions (documented in docs/lexicon.md):

* running words: every word token (contraction pieces included), numbers excluded;
* above level: a non-proper word whose band ranks above the reader's level;
* grade from the share of running words above level: ≤2% 容易, ≤5% 适中, ≤10% 较难, else 很难;
* reading minutes: words / WPM[level] × (1 + 2 × share above level).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, compress, count, pairwise, repeat
from operator import add, is_, itemgetter
from typing import NamedTuple

from yingdu.lexicon.bands import BAND_LABELS, BANDS, BEYOND, band_rank
from yingdu.lexicon.schema import FLAG_ESTIMATED, FLAG_NAME
from yingdu.lexicon.store import Lexicon, load_lexicon

from .posguess import guess_pos
from .tokenize import SPLIT_RE, is_sentence_initial, split_clitics, split_hyphens

GRADES = ((0.02, "容易"), (0.05, "适中"), (0.10, "较难"))
HARDEST = "很难"
WORDS_PER_MINUTE = {
    "primary": 60,
    "junior": 80,
    "senior": 100,
    "cet4": 120,
    "cet6": 140,
    "kaoyan": 160,
    "beyond": 180,
}
POSSESSIVES = frozenset(["my", "your", "his", "her", "its", "our", "their", "one's"])
_CET4 = band_rank("cet4")
_GLOSS_SENSES = 3
_MEMO_LIMIT = 200_000
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_BLOCK = 4096  # characters tokenized at a time: a block's objects stay in the CPU cache
_SAMPLE = 100  # words checked against the memo to tell a cold one


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


# Tokens are kept as plain tuples in Token field order while annotating (fast); Result.tokens
# turns them into Token objects on first access.
RawToken = tuple

# What a surface string becomes is worked out once per lexicon and kept in ``Lexicon.memo``:
# either a Tail, the token fields after (text, start, end), or a Split for strings whose
# tokens depend on the sentence position or that split into pieces (don't, Darcy's).
Tail = tuple  # (lemma, band, is_proper, is_number, mwe=None)


class Split(NamedTuple):
    """Memo entry for context-dependent or multi-piece strings (offsets relative to the word).

    ``lemma`` and ``band`` are always None: the fast path appends memo entries to (text,
    start, end) blindly and sends every token whose band comes out None to
    :meth:`Annotator._resolve`.
    """

    lemma: None
    band: None
    initial: tuple[RawToken, ...]  # the pieces at a sentence start
    inside: tuple[RawToken, ...]  # elsewhere (the same object when position does not matter)


_UNSEEN: Tail = (None, None, None, None, None)


def _split(initial: list[RawToken], inside: list[RawToken]) -> Split:
    first = tuple(initial)
    return Split(None, None, first, first if inside == initial else tuple(inside))


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
    raw_tokens: list[RawToken] = field(default_factory=list, repr=False)
    mwes: list[dict] = field(default_factory=list)
    _tokens: list[Token] | None = field(default=None, repr=False, compare=False)

    @property
    def tokens(self) -> list[Token]:
        """The tokens as :class:`Token` named tuples (text, start, end, lemma, band, …)."""
        if self._tokens is None:
            make = Token._make
            self._tokens = [make(t) for t in self.raw_tokens]
        return self._tokens


def grade_for(ratio: float) -> str:
    """Difficulty label from the share of running words above level."""
    for limit, label in GRADES:
        if ratio <= limit:
            return label
    return HARDEST


def reading_minutes(words: int, level: str, ratio: float) -> float:
    """Estimated reading time in minutes, one decimal (0 for an empty text)."""
    if not words:
        return 0.0
    return max(0.1, round(words / WORDS_PER_MINUTE[level] * (1 + 2 * ratio), 1))


class Annotator:
    """Incremental annotator: call :meth:`feed` per chunk, then :meth:`result`."""

    def __init__(self, level: str, lexicon: Lexicon) -> None:
        self.level = level
        self.level_rank = band_rank(level)
        self.above_codes = frozenset(BANDS[self.level_rank + 1 :])
        self.lexicon = lexicon
        self.surface = lexicon.surface
        self.memo = lexicon.memo
        self.words = 0
        self.above = 0
        self.lemmas: set[str] = set()
        self.unlisted: set[str] = set()  # lemmas of proper nouns and numbers (band None)
        self.above_lemmas: set[str] = set()
        self.bank: dict[str, tuple[str, str, str, str, bool]] = {}
        self.mwes: list[dict] = []
        self._mwe_tokens: list[int] = []

    # -- tokens ------------------------------------------------------------------------
    def feed(self, text: str, offset: int = 0) -> list[RawToken]:
        """Annotate one chunk; offsets are shifted by ``offset``.  Returns its raw tokens.

        Tokenized block by block (see :func:`_blocks`), so that the strings, offsets and
        tuples made for a block are still in the CPU cache when the next steps (and the
        garbage collector) look at them; expressions and counts then run over the whole chunk
        on the lemma and band lists, which hold only shared strings.
        """
        out: list[RawToken] = []
        lemmas: list[str] = []
        bands: list[str | None] = []
        numbers = 0
        for start, end in _blocks(text):
            block = self._tokenize(text, start, end, offset)
            out += block[0]
            lemmas += block[1]
            bands += block[2]
            numbers += block[3]
        distinct = set(lemmas)
        if self.lexicon.mwe_index:
            self._find_mwes(text, offset, out, lemmas, distinct)
        self._count(out, lemmas, bands, distinct, numbers)
        return out

    def _tokenize(
        self, text: str, start: int, end: int, offset: int
    ) -> tuple[list[RawToken], list, list, int]:
        """Tokens of ``text[start:end]``, their lemmas and bands, and the count of numbers.

        The fast path runs at C level: split the text, add up piece lengths into offsets and
        append each word's memo entry to (text, start, end).  Every token whose band comes out
        None (names, numbers, strings the memo has no plain entry for) then goes through
        :meth:`_resolve`.
        """
        pieces = SPLIT_RE.split(text[start:end])  # gap, word, gap, word, …, gap
        bounds = list(accumulate(map(len, pieces), initial=offset + start))
        words = pieces[1::2]
        memo = self.memo
        if _mostly_new(words, memo):  # a cold memo: analyse each distinct string once
            self._learn(set(words))
        tails = list(map(memo.get, words, repeat(_UNSEEN)))
        out = list(map(add, zip(words, bounds[1:-1:2], bounds[2::2], strict=True), tails))
        lemmas = list(map(_FIRST, tails))
        bands = list(map(_SECOND, tails))
        return self._resolve(text, offset, out, lemmas, bands)

    def _learn(self, strings: Iterable[str]) -> None:
        memo = self.memo
        for s in strings:
            if s not in memo:
                entry = self._analyze(s)
                if entry is not None:
                    memo[s] = entry

    def _resolve(self, text, offset, out, lemmas, bands) -> tuple[list[RawToken], list, list, int]:
        """Settle the tokens with band None; note the lemmas of names and numbers."""
        memo = self.memo
        unlisted = self.unlisted
        numbers = 0
        replacements: dict[int, list[RawToken]] = {}
        for i in list(compress(count(), map(is_, bands, repeat(None)))):
            if lemmas[i] is not None:  # a name
                unlisted.add(lemmas[i])
                continue
            s, start, end = out[i][:3]
            entry = memo.get(s)
            if entry is None:
                entry = self._analyze(s)
                if entry is None:  # a number
                    out[i] = (s, start, end, s, None, False, True, None)
                    lemmas[i] = s
                    unlisted.add(s)
                    numbers += 1
                    continue
                memo[s] = entry
            if entry[0] is not None:  # a plain entry new to the memo
                pieces: tuple[RawToken, ...] = ((s, 0, end - start, *entry),)
            else:
                pieces = entry.initial
                if entry.inside is not pieces and not is_sentence_initial(text, start - offset):
                    pieces = entry.inside
            tokens = [_shifted(piece, start) for piece in pieces]
            for token in tokens:
                if token[4] is None:
                    unlisted.add(token[3])
            if len(tokens) == 1:
                out[i] = token = tokens[0]
                lemmas[i], bands[i] = token[3], token[4]
            else:
                replacements[i] = tokens
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        if replacements:
            out = _splice(out, replacements)
            lemmas = _splice(lemmas, {i: [t[3] for t in ts] for i, ts in replacements.items()})
            bands = _splice(bands, {i: [t[4] for t in ts] for i, ts in replacements.items()})
        return out, lemmas, bands, numbers

    def _analyze(self, s: str) -> Tail | Split | None:
        """What the surface string ``s`` becomes (None for a number); memoized per lexicon."""
        hit = self.surface.get(s)
        if hit is not None:
            return (hit[0], hit[3], False, False, None)
        if s[0].isdigit():
            return None
        if s.isalpha():
            return self._classify(s)
        initial: list[RawToken] = []
        inside: list[RawToken] = []
        self._slow(s, True, initial.append)
        self._slow(s, False, inside.append)
        return _split(initial, inside)

    def _classify(self, s: str) -> Tail | Split:
        """A plain word not in the surface table (capitalized, inflected beyond the table…)."""
        norm = unicodedata.normalize("NFKC", s) if not s.isascii() else s
        low = norm.lower()
        hit = self.surface.get(low)
        if hit is None:
            lemma = self.lexicon.fallback_lemma(low)
            hit = self.surface.get(lemma) if lemma else None
        capitalized = norm[:1].isupper() and low != "i"
        if capitalized and (hit is None or hit[2] & FLAG_NAME):
            return (norm, None, True, False, None)
        if hit is None:
            return (low, BANDS[BEYOND], False, False, None)
        if capitalized and not (len(norm) > 1 and norm.isupper()) and _rare(hit):
            # a common word at a sentence start, else a name (Mr. Bright)
            end = len(s)
            return _split(
                [(s, 0, end, hit[0], hit[3], False, False, None)],
                [(s, 0, end, norm, None, True, False, None)],
            )
        return (hit[0], hit[3], False, False, None)

    def _slow(self, s: str, initial: bool, append) -> None:
        """Pieces of a word with apostrophes, hyphens or NFKC changes; offsets relative to it."""
        norm = s if s.isascii() else unicodedata.normalize("NFKC", s)
        if len(norm) != len(s):
            self._piece(s, norm, 0, initial, append)
            return
        norm = norm.replace("’", "'").replace("‐", "-")
        pieces = split_clitics(s, 0, norm) if "'" in norm else None
        if (pieces is None or len(pieces) == 1) and norm.lower() in self.surface:
            self._piece(s, norm, 0, initial, append)  # o'clock, e-mail, well-known
        elif pieces is not None:
            for piece, p_start, _, forced in pieces:
                p_norm = norm[p_start : p_start + len(piece)]
                if forced:
                    self._forced(piece, forced, p_start, append)
                elif "-" in p_norm:
                    self._hyphenated(piece, p_norm, p_start, initial, append)
                elif piece:
                    self._piece(piece, p_norm, p_start, initial and not p_start, append)
        elif "-" in norm:
            self._hyphenated(s, norm, 0, initial, append)
        else:
            self._piece(s, norm, 0, initial, append)

    def _hyphenated(self, s, norm, start, initial, append) -> None:
        # only the first part can start a sentence: the others follow a hyphen and a letter
        for part, p_start, _ in split_hyphens(s, start):
            p_norm = norm[p_start - start : p_start - start + len(part)]
            self._piece(part, p_norm, p_start, initial and not p_start, append)

    def _forced(self, piece: str, lemma: str, start: int, append) -> None:
        hit = self.surface.get(lemma)
        band = hit[3] if hit else BANDS[BEYOND]
        append((piece, start, start + len(piece), lemma, band, False, False, None))

    def _piece(self, s: str, norm: str, start: int, initial: bool, append) -> None:
        low = norm.lower()
        hit = self.surface.get(low)
        if hit is None:
            lemma = self.lexicon.fallback_lemma(low)
            hit = self.surface.get(lemma) if lemma else None
        end = start + len(s)
        if norm[:1].isupper() and low != "i" and _is_proper(hit, norm, initial):
            append((s, start, end, norm, None, True, False, None))
        elif hit is not None:
            append((s, start, end, hit[0], hit[3], False, False, None))
        else:
            append((s, start, end, low, BANDS[BEYOND], False, False, None))

    # -- multi-word expressions --------------------------------------------------------
    def _find_mwes(self, text, offset, out: list[RawToken], lemmas: list[str], distinct) -> None:
        index = self.lexicon.mwe_index
        # candidates: the first two lemmas form the start of some expression …
        pairs = self.lexicon.mwe_pairs.__contains__
        starts = compress(count(), map(pairs, pairwise(lemmas)))
        poss_firsts = self.lexicon.mwe_poss_firsts
        if not poss_firsts.isdisjoint(distinct):  # … or is followed by a possessive (beneath one's)
            last = len(lemmas) - 1
            poss = [
                i
                for first in poss_firsts & distinct
                for i in _positions(lemmas, first)
                if i < last
                and (lemmas[i + 1] in POSSESSIVES or out[i + 1][0].lower() in POSSESSIVES)
            ]
            starts = sorted({*starts, *poss})
        covered = -1
        for i in starts:
            if i > covered:
                covered = i + self._match_mwe(text, offset, out, i, index[lemmas[i]]) - 1

    def _match_mwe(self, text, offset, out, i, candidates) -> int:
        """Tokens covered by the first (longest) candidate that matches at ``i``; 0 for none."""
        for lemmas, phrase, band in candidates:
            j = i + len(lemmas)
            if j > len(out) or not all(map(_lemma_fits, out[i + 1 : j], lemmas[1:])):
                continue
            if any(
                text[out[k - 1][2] - offset : out[k][1] - offset].strip(" \t\r\n-")
                for k in range(i + 1, j)
            ):
                continue
            mwe_id = len(self.mwes)
            start, end = out[i][1], out[j - 1][2]
            surface = text[start - offset : end - offset]
            self.mwes.append(
                {"phrase": phrase, "text": surface, "start": start, "end": end, "band": BANDS[band]}
            )
            for k in range(i, j):
                out[k] = out[k][:7] + (mwe_id,)
            self._mwe_tokens.append(i)
            return j - i
        return 0

    # -- statistics --------------------------------------------------------------------
    def _count(self, out: list[RawToken], lemmas, bands, distinct, numbers: int) -> None:
        self.words += len(out) - numbers
        self.lemmas |= distinct
        above = list(compress(count(), map(self.above_codes.__contains__, bands)))
        self.above += len(above)
        above.reverse()
        # first index of each above-level lemma in this chunk (C-level: later keys overwrite)
        firsts = dict(zip(map(lemmas.__getitem__, above), above, strict=True))
        bank = self.bank
        new = [(i, None) for i in self._mwe_tokens]  # an MWE goes before its first word
        new += [(i, lemma) for lemma, i in firsts.items() if lemma not in bank]
        self._mwe_tokens = []
        for i, lemma in sorted(new, key=_FIRST):
            t = out[i]
            if lemma is None:
                self._bank_mwe(self.mwes[t[7]])
                continue
            prev = out[i - 1][0].lower() if i else ""
            nxt = out[i + 1][0].lower() if i + 1 < len(out) else ""
            bank[lemma] = (t[0], t[4], prev, nxt, False)
            self.above_lemmas.add(lemma)

    def _bank_mwe(self, mwe: dict) -> None:
        if mwe["band"] in self.above_codes and mwe["phrase"] not in self.bank:
            self.bank[mwe["phrase"]] = (mwe["text"], mwe["band"], "", "", True)

    def result(self, tokens: list[RawToken] | None = None) -> Result:
        """Summary, Word Bank and (optionally) the raw tokens collected by the caller."""
        ratio = self.above / self.words if self.words else 0.0
        distinct = len(self.lemmas - self.unlisted)
        return Result(
            level=self.level,
            words=self.words,
            distinct_lemmas=distinct,
            above_level_ratio=round(ratio, 4),
            distinct_above_ratio=round(len(self.above_lemmas) / distinct, 4) if distinct else 0.0,
            grade=grade_for(ratio),
            reading_minutes=reading_minutes(self.words, self.level, ratio),
            word_bank=[self._bank_item(lemma, *info) for lemma, info in self.bank.items()],
            raw_tokens=tokens if tokens is not None else [],
            mwes=self.mwes,
        )

    def _bank_item(
        self, lemma: str, word: str, band: str, prev: str, nxt: str, is_mwe: bool
    ) -> dict:
        pos = "" if is_mwe else guess_pos(word.lower(), lemma, prev, nxt)
        key = (lemma, pos)  # memo keys for words are strings, so tuples cannot clash
        info = self.memo.get(key)
        if info is None:
            info = self.memo[key] = self._gloss_info(lemma, pos)
        ipa, pos, gloss = info
        return {"word": word, "lemma": lemma, "band": band, "ipa": ipa, "pos": pos, "gloss": gloss}

    def _gloss_info(self, lemma: str, pos: str) -> tuple[str, str, str]:
        """(ipa, pos, short gloss) the Word Bank shows for ``lemma`` used as ``pos``."""
        entry = self.lexicon.lookup(lemma)
        if entry is None:
            return ("", pos, "")
        gloss_pos, gloss = entry.gloss_for(pos)
        return (entry.ipa, gloss_pos or pos, _short_gloss(gloss))


def _shifted(piece: RawToken, start: int) -> RawToken:
    """A memoized piece (offsets relative to its word) placed at ``start``."""
    text, begin, end, lemma, band, is_proper, is_number, mwe = piece
    return (text, start + begin, start + end, lemma, band, is_proper, is_number, mwe)


def _positions(items: list, value) -> Iterator[int]:
    """Indices of ``value`` in ``items`` (list.index scans at C speed)."""
    i = -1
    try:
        while True:
            i = items.index(value, i + 1)
            yield i
    except ValueError:
        return


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


def _mostly_new(words: list[str], memo: dict) -> bool:
    """True when over a quarter of the first _SAMPLE words are missing from the memo."""
    sample = words[:_SAMPLE]
    return sum(map(memo.__contains__, sample)) * 4 < len(sample) * 3


def _splice(out: list, replacements: dict[int, list]) -> list:
    """``out`` with each item ``i`` in ``replacements`` replaced by the items given for it."""
    result: list = []
    last = 0
    for i in sorted(replacements):
        result.extend(out[last:i])
        result.extend(replacements[i])
        last = i + 1
    result.extend(out[last:])
    return result


def _is_proper(hit, norm: str, initial: bool) -> bool:
    """Capitalized word: a name unless the lexicon knows it as a common word here."""
    if hit is None:
        return True
    if len(norm) > 1 and norm.isupper():
        return False
    if hit[2] & FLAG_NAME:
        return True
    if initial:
        return False
    return _rare(hit)


def _rare(hit) -> bool:
    """A capitalized word this rare is a name unless it starts a sentence."""
    return hit[1] == BEYOND or bool(hit[2] & FLAG_ESTIMATED and hit[1] >= _CET4)


def _lemma_fits(token: RawToken, wanted: str) -> bool:
    if wanted == "<poss>":
        return token[3] in POSSESSIVES or token[0].lower() in POSSESSIVES
    return token[3] == wanted or token[0].lower() == wanted


def _short_gloss(gloss: str) -> str:
    parts = [p for p in map(str.strip, gloss.replace(";", "；").split("；")) if p]
    return "；".join(parts[:_GLOSS_SENSES])


def _as_text(text: str | bytes | None) -> str:
    if text is None:
        return ""
    if isinstance(text, bytes | bytearray):
        return bytes(text).decode("utf-8", errors="replace")
    return str(text)


def annotate(text: str | bytes, level: str, lexicon: Lexicon | None = None) -> Result:
    """Annotate ``text`` for a reader at ``level`` (a code from BANDS)."""
    annotator = Annotator(level, lexicon or load_lexicon())
    tokens = annotator.feed(_as_text(text))
    return annotator.result(tokens)


def annotate_chunks(
    chunks: Iterable[str], level: str, lexicon: Lexicon | None = None, keep_tokens: bool = True
) -> Result:
    """Annotate a text given as consecutive chunks (cut at whitespace); offsets are global."""
    annotator = Annotator(level, lexicon or load_lexicon())
    tokens: list[RawToken] = []
    offset = 0
    for chunk in chunks:
        part = annotator.feed(chunk, offset)
        if keep_tokens:
            tokens.extend(part)
        offset += len(chunk)
    return annotator.result(tokens)


def token_json(token: Token | RawToken) -> dict:
    """The stored form of one token."""
    return {
        "text": token[0],
        "start": token[1],
        "end": token[2],
        "lemma": token[3],
        "band": token[4],
    }


def to_json(result: Result) -> dict:
    """The compact, JSON-serializable form of a :class:`Result` (the format the site stores)."""
    return {
        "level": result.level,
        "words": result.words,
        "distinct_lemmas": result.distinct_lemmas,
        "above_level_ratio": result.above_level_ratio,
        "grade": result.grade,
        "reading_minutes": result.reading_minutes,
        "word_bank": [dict(item) for item in result.word_bank],
        "tokens": [
            {"text": t[0], "start": t[1], "end": t[2], "lemma": t[3], "band": t[4]}
            for t in result.raw_tokens
        ],
    }


def band_label(code: str | None) -> str:
    """Chinese label of a band code ('' for None)."""
    return BAND_LABELS.get(code or "", "")
