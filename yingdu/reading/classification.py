"""What one surface string becomes: lemma and band, a proper noun, a number, or pieces.

:func:`analyze` looks a string up in the lexicon once; the fast path (fastpath.py) keeps the
answer in the lexicon's memo.  Strings whose tokens depend on the context become a
:class:`~.tokens.Split` and :func:`pieces_in_context` chooses between its readings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from yingdu.lexicon.bands import BANDS, BEYOND, band_rank
from yingdu.lexicon.schema import FLAG_ESTIMATED, FLAG_NAME
from yingdu.lexicon.store import Lexicon

from .posguess import guess_pos, neighbours
from .tokenize import is_sentence_initial, split_clitics, split_hyphens
from .tokens import Ambiguous, RawToken, Split, Tail, split_entry, tail

_CET4 = band_rank("cet4")
UNKNOWN_BAND = BANDS[BEYOND]  # a word the lexicon does not know
# Upper-case roman numerals of two letters or more (II, IV, XII, XIV); single I and V stay
# words (the pronoun, a letter).
_ROMAN_NUMERAL = re.compile(r"(?=[IVXL]{2})L?X{0,3}(?:IX|IV|V?I{0,3})")
_LETTER_WORDS = frozenset("AIO")  # capital letters that are words, not initials

Append = Callable[[RawToken], None]


def analyze(s: str, lexicon: Lexicon) -> Tail | Split | Ambiguous | None:
    """What the token string ``s`` becomes; None for a number."""
    hit = lexicon.surface.get(s)
    if hit is not None:
        if s in lexicon.ambiguous:
            return _ambiguous(s, s, hit[0], lexicon)
        return tail(hit[0], hit[3])
    if s[0].isdigit() or _ROMAN_NUMERAL.fullmatch(s):
        return None  # a number: 1850, CHAPTER IV, Henry VIII
    if len(s) == 1 and s.isupper() and s not in _LETTER_WORDS:
        return tail(s, None, is_proper=True)  # an initial: K. K. K., E. Smith
    if s.isalpha():
        return _plain_word(s, lexicon)
    initial: list[RawToken] = []
    inside: list[RawToken] = []
    _pieces(s, True, lexicon, initial.append)
    _pieces(s, False, lexicon, inside.append)
    return split_entry(initial, inside)


def pieces_in_context(entry: Split | Ambiguous, text: str, start: int) -> tuple[RawToken, ...]:
    """The reading of a context-dependent string that starts at ``text[start]``.

    A :class:`Split` depends on the position (a sentence start or not); an
    :class:`Ambiguous` form on the part of speech its neighbours suggest (posguess.py).
    """
    if isinstance(entry, Ambiguous):
        return (lemma_in_context(entry, text, start),)
    if entry.inside is entry.initial or is_sentence_initial(text, start):
        return entry.initial
    return entry.inside


def lemma_in_context(entry: Ambiguous, text: str, start: int) -> RawToken:
    """The reading of an ambiguous form at ``text[start]``: the verb's lemma when the words
    around it suggest a verb, the noun's when they suggest a noun (or adjective), else the
    usual one."""
    return reading_between(entry, *neighbours(text, start, start + entry.usual[2]))


def reading_between(entry: Ambiguous, prev: str, nxt: str) -> RawToken:
    """:func:`lemma_in_context` of a form between the words ``prev`` and ``nxt`` (lowercase,
    as posguess.neighbours gives them)."""
    usual = entry.usual
    pos = guess_pos(usual[0].lower(), entry.lemma_of_usual, prev, nxt)
    if not pos or pos == "adv":
        return usual
    return entry.by_kind.get("v" if pos == "v" else "n", usual)


def _ambiguous(s: str, key: str, usual_lemma: str, lexicon: Lexicon) -> Ambiguous:
    """The memo entry of ``s``, whose lowercase form ``key`` is in ``lexicon.ambiguous``."""
    surface = lexicon.surface
    end = len(s)
    by_kind: dict[str, RawToken] = {}
    for lemma, kind in lexicon.ambiguous[key]:
        if kind not in by_kind or lemma == usual_lemma:
            by_kind[kind] = (s, 0, end, lemma, surface[lemma][3], False, False, None)
    usual = (s, 0, end, usual_lemma, surface[usual_lemma][3], False, False, None)
    return Ambiguous(None, None, usual, usual_lemma, by_kind)


def _plain_word(s: str, lexicon: Lexicon) -> Tail | Split:
    """A word of letters only that is not in the surface table as written (capitalized, …)."""
    norm = unicodedata.normalize("NFKC", s) if not s.isascii() else s
    hit = lexicon.resolve(norm)
    capitalized = norm[:1].isupper() and norm != "I"
    if capitalized and (hit is None or hit[2] & FLAG_NAME):
        return tail(norm, None, is_proper=True)
    if hit is None:
        return tail(norm.lower(), UNKNOWN_BAND)
    lemma, _, _, band = hit
    if norm.lower() in lexicon.ambiguous and len(norm) == len(s):  # Shelves, Left
        return _ambiguous(s, norm.lower(), lemma, lexicon)
    if capitalized and not _all_caps(norm) and _rare(hit):
        # a common word at a sentence start, else a name (Mr. Bright)
        end = len(s)
        return split_entry(
            [(s, 0, end, lemma, band, False, False, None)],
            [(s, 0, end, norm, None, True, False, None)],
        )
    return tail(lemma, band)


def _pieces(s: str, initial: bool, lexicon: Lexicon, append: Append) -> None:
    """Pieces of a word with apostrophes, hyphens or NFKC changes; offsets relative to it."""
    norm = s if s.isascii() else unicodedata.normalize("NFKC", s)
    if len(norm) != len(s):
        _piece(s, norm, 0, initial, lexicon, append)
        return
    norm = norm.replace("’", "'").replace("‐", "-")
    pieces = split_clitics(s, 0, norm) if "'" in norm else None
    if (pieces is None or len(pieces) == 1) and norm.lower() in lexicon.surface:
        _piece(s, norm, 0, initial, lexicon, append)  # o'clock, e-mail, well-known
    elif pieces is not None:
        for piece, p_start, _, forced in pieces:
            p_norm = norm[p_start : p_start + len(piece)]
            if forced:
                _clitic(piece, forced, p_start, lexicon, append)
            elif "-" in p_norm:
                _hyphenated(piece, p_norm, p_start, initial, lexicon, append)
            elif piece:
                _piece(piece, p_norm, p_start, initial and not p_start, lexicon, append)
    elif "-" in norm:
        _hyphenated(s, norm, 0, initial, lexicon, append)
    else:
        _piece(s, norm, 0, initial, lexicon, append)


def _hyphenated(s, norm, start, initial, lexicon, append: Append) -> None:
    parts = split_hyphens(s, start)
    if _stored_compound(norm, parts, lexicon):  # pince-nez: one word, glossed as a whole
        _piece(s, norm, start, initial, lexicon, append)
        return
    # only the first part can start a sentence: the others follow a hyphen and a letter
    for part, p_start, _ in parts:
        p_norm = norm[p_start - start : p_start - start + len(part)]
        _piece(part, p_norm, p_start, initial and not p_start, lexicon, append)


def _stored_compound(norm: str, parts, lexicon: Lexicon) -> bool:
    """A compound the dictionary glosses whole, with a part no reader could look up alone
    (pince-nez, vis-a-vis); compounds of known words (well-known) stay split as before."""
    surface = lexicon.surface
    return any(part.lower() not in surface for part, _, _ in parts) and lexicon.stores_glossed(
        norm.lower()
    )


def _clitic(piece: str, lemma: str, start: int, lexicon: Lexicon, append: Append) -> None:
    """A contraction piece whose lemma is fixed (n't -> not, 're -> be)."""
    hit = lexicon.surface.get(lemma)
    band = hit[3] if hit else UNKNOWN_BAND
    append((piece, start, start + len(piece), lemma, band, False, False, None))


def _piece(s: str, norm: str, start: int, initial: bool, lexicon: Lexicon, append) -> None:
    hit = lexicon.resolve(norm)
    end = start + len(s)
    if norm[:1].isupper() and norm != "I" and _is_proper(hit, norm, initial):
        append((s, start, end, norm, None, True, False, None))
    elif hit is not None:
        append((s, start, end, hit[0], hit[3], False, False, None))
    else:
        append((s, start, end, norm.lower(), UNKNOWN_BAND, False, False, None))


def _is_proper(hit, norm: str, initial: bool) -> bool:
    """Capitalized word: a name unless the lexicon knows it as a common word here."""
    if hit is None:
        return True
    if _all_caps(norm):
        return False
    if hit[2] & FLAG_NAME:
        return True
    if initial:
        return False
    return _rare(hit)


def _all_caps(norm: str) -> bool:
    return len(norm) > 1 and norm.isupper()


def _rare(hit) -> bool:
    """A capitalized word this rare is a name unless it starts a sentence."""
    _, rank, flags, _ = hit
    return rank == BEYOND or bool(flags & FLAG_ESTIMATED and rank >= _CET4)
