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

import gc
import unicodedata
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, count
from operator import is_, itemgetter
from typing import NamedTuple

from yingdu.lexicon.bands import BAND_LABELS, BANDS, BEYOND, band_rank
from yingdu.lexicon.schema import FLAG_ESTIMATED, FLAG_NAME
from yingdu.lexicon.store import Lexicon, load_lexicon

from .posguess import guess_pos
from .tokenize import TOKEN_RE, is_sentence_initial, split_clitics, split_hyphens

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
_LEMMA = itemgetter(3)
_BAND = itemgetter(4)
_IS_NONE = partial(is_, None)
_FIRST = itemgetter(0)


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
        """Annotate one chunk; offsets are shifted by ``offset``.  Returns its raw tokens."""
        with _gc_paused():
            out, numbers = self._tokenize(text, offset)
            if self.lexicon.mwe_index:
                self._find_mwes(text, offset, out)
            self._count(out, numbers)
        return out

    def _tokenize(self, text: str, offset: int) -> tuple[list[RawToken], int]:
        """Regex scan; known lowercase words take the fast path, the rest :meth:`_miss`."""
        get = self.surface.get
        out: list[RawToken] = []
        append = out.append
        misses: list[int] = []
        miss = misses.append
        for m in TOKEN_RE.finditer(text):
            s = m.group()
            hit = get(s)
            start, end = m.span()
            if hit is not None:
                append((s, start + offset, end + offset, hit[0], hit[3], False, False, None))
            else:
                miss(len(out))
                append((s, start + offset, end + offset, None, None, False, False, None))
        if not misses:
            return out, 0
        return self._fix_misses(text, offset, out, misses)

    def _fix_misses(self, text, offset, out, misses) -> tuple[list[RawToken], int]:
        memo = self.lexicon.memo
        numbers = 0
        spliced = False
        replacements: dict[int, list[RawToken]] = {}
        for i in misses:
            s, start, end = out[i][0], out[i][1], out[i][2]
            local = start - offset
            if s[0].isdigit():
                out[i] = (s, start, end, s, None, False, True, None)
                numbers += 1
            elif s.isalpha():
                word = memo.get(s)
                if word is None:
                    word = memo[s] = self._classify(s)
                if word[0] and not is_sentence_initial(text, local):
                    out[i] = (s, start, end, word[4], None, True, False, None)
                else:
                    out[i] = (s, start, end, word[1], word[2], word[3], False, None)
            else:
                pieces: list[RawToken] = []
                self._slow(text, s, local, offset, pieces.append)
                if len(pieces) == 1:
                    out[i] = pieces[0]
                else:
                    replacements[i] = pieces
                    spliced = True
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        if spliced:
            out = _splice(out, replacements)
        return out, numbers

    def _classify(self, s: str) -> tuple[bool, str, str | None, bool, str]:
        """(depends on sentence position, lemma, band, is_proper, name) for a plain word."""
        norm = unicodedata.normalize("NFKC", s) if not s.isascii() else s
        low = norm.lower()
        hit = self.surface.get(low)
        if hit is None:
            lemma = self.lexicon.fallback_lemma(low)
            hit = self.surface.get(lemma) if lemma else None
        capitalized = norm[:1].isupper() and low != "i"
        if capitalized and (hit is None or hit[2] & FLAG_NAME):
            return (False, norm, None, True, norm)
        if hit is None:
            return (False, low, BANDS[BEYOND], False, norm)
        if capitalized and not (len(norm) > 1 and norm.isupper()) and _rare(hit):
            return (True, hit[0], hit[3], False, norm)
        return (False, hit[0], hit[3], False, norm)

    def _slow(self, text: str, s: str, start: int, offset: int, append) -> None:
        norm = s if s.isascii() else unicodedata.normalize("NFKC", s)
        if len(norm) != len(s):
            self._piece(text, s, norm, start, offset, append)
            return
        norm = norm.replace("’", "'").replace("‐", "-")
        pieces = split_clitics(s, start, norm) if "'" in norm else None
        if (pieces is None or len(pieces) == 1) and norm.lower() in self.surface:
            self._piece(text, s, norm, start, offset, append)  # o'clock, e-mail, well-known
        elif pieces is not None:
            for piece, p_start, _, forced in pieces:
                p_norm = norm[p_start - start : p_start - start + len(piece)]
                if forced:
                    self._forced(piece, forced, p_start, offset, append)
                elif "-" in p_norm:
                    self._hyphenated(text, piece, p_norm, p_start, offset, append)
                elif piece:
                    self._piece(text, piece, p_norm, p_start, offset, append)
        elif "-" in norm:
            self._hyphenated(text, s, norm, start, offset, append)
        else:
            self._piece(text, s, norm, start, offset, append)

    def _hyphenated(self, text, s, norm, start, offset, append) -> None:
        for part, p_start, _ in split_hyphens(s, start):
            p_norm = norm[p_start - start : p_start - start + len(part)]
            self._piece(text, part, p_norm, p_start, offset, append)

    def _forced(self, piece: str, lemma: str, start: int, offset: int, append) -> None:
        hit = self.surface.get(lemma)
        band = hit[3] if hit else BANDS[BEYOND]
        append(
            (piece, start + offset, start + offset + len(piece), lemma, band, False, False, None)
        )

    def _piece(self, text: str, s: str, norm: str, start: int, offset: int, append) -> None:
        low = norm.lower()
        hit = self.surface.get(low)
        if hit is None:
            lemma = self.lexicon.fallback_lemma(low)
            hit = self.surface.get(lemma) if lemma else None
        begin, end = start + offset, start + offset + len(s)
        if norm[:1].isupper() and low != "i" and self._is_proper(hit, norm, text, start):
            append((s, begin, end, norm, None, True, False, None))
        elif hit is not None:
            append((s, begin, end, hit[0], hit[3], False, False, None))
        else:
            append((s, begin, end, low, BANDS[BEYOND], False, False, None))

    @staticmethod
    def _is_proper(hit, norm: str, text: str, start: int) -> bool:
        """Capitalized word: a name unless the lexicon knows it as a common word here."""
        if hit is None:
            return True
        if len(norm) > 1 and norm.isupper():
            return False
        if hit[2] & FLAG_NAME:
            return True
        if is_sentence_initial(text, start):
            return False
        return _rare(hit)

    # -- multi-word expressions --------------------------------------------------------
    def _find_mwes(self, text: str, offset: int, out: list[RawToken]) -> None:
        index = self.lexicon.mwe_index
        pairs = self.lexicon.mwe_pairs
        poss_firsts = self.lexicon.mwe_poss_firsts
        lemmas = list(map(_LEMMA, out))
        last = len(lemmas) - 1
        covered = -1
        for i in compress(count(), map(index.__contains__, lemmas)):
            if i >= last or i <= covered:
                continue
            first, nxt = lemmas[i], lemmas[i + 1]
            if (first, nxt) in pairs or (
                first in poss_firsts
                and (nxt in POSSESSIVES or out[i + 1][0].lower() in POSSESSIVES)
            ):
                covered = i + self._match_mwe(text, offset, out, i, index[first]) - 1

    def _match_mwe(self, text, offset, out, i, candidates) -> int:
        for lemmas, phrase, band in candidates:
            j = i + len(lemmas)
            if j > len(out) or not all(
                _lemma_fits(out[i + k], lemmas[k]) for k in range(1, len(lemmas))
            ):
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
    def _count(self, out: list[RawToken], numbers: int) -> None:
        above_codes = self.above_codes
        self.words += len(out) - numbers
        self.lemmas.update(map(_LEMMA, out))
        self.unlisted.update(t[3] for t in compress(out, map(_IS_NONE, map(_BAND, out))))
        above = list(compress(count(), map(above_codes.__contains__, map(_BAND, out))))
        self.above += len(above)
        above.reverse()
        # first index of each above-level lemma in this chunk (C-level: later keys overwrite)
        firsts = dict(zip(map(_LEMMA, map(out.__getitem__, above)), above, strict=True))
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
        entry = self.lexicon.lookup(lemma)
        pos = "" if is_mwe else guess_pos(word.lower(), lemma, prev, nxt)
        gloss_pos, gloss = entry.gloss_for(pos) if entry else ("", "")
        return {
            "word": word,
            "lemma": lemma,
            "band": band,
            "ipa": entry.ipa if entry else "",
            "pos": gloss_pos or pos,
            "gloss": _short_gloss(gloss),
        }


@contextmanager
def _gc_paused():
    """Pause the cyclic GC while allocating many small acyclic tuples (2x faster)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _splice(out: list[RawToken], replacements: dict[int, list[RawToken]]) -> list[RawToken]:
    result: list[RawToken] = []
    last = 0
    for i in sorted(replacements):
        result.extend(out[last:i])
        result.extend(replacements[i])
        last = i + 1
    result.extend(out[last:])
    return result


def _rare(hit) -> bool:
    """A capitalized word this rare is a name unless it starts a sentence."""
    return hit[1] == BEYOND or bool(hit[2] & FLAG_ESTIMATED and hit[1] >= _CET4)


def _lemma_fits(token: RawToken, wanted: str) -> bool:
    if wanted == "<poss>":
        return token[3] in POSSESSIVES or token[0].lower() in POSSESSIVES
    return token[3] == wanted or token[0].lower() == wanted


def _short_gloss(gloss: str) -> str:
    parts = [p.strip() for p in gloss.replace(";", "；").split("；") if p.strip()]
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
