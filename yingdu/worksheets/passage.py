"""The passage a worksheet is made from: its sentences, its words with lemma, band and part of
speech, and word forms (inflection tags, regular inflection checked against the lexicon)."""

from __future__ import annotations

import re
from typing import NamedTuple

from yingdu.lexicon import BANDS
from yingdu.lexicon.store import Lexicon
from yingdu.reading.annotator import annotate
from yingdu.reading.posguess import guess_pos, neighbours_of


def word_set(words: str) -> frozenset[str]:
    """The words of a space-separated string."""
    return frozenset(words.split())


CONTENT_POS = ("n", "v", "adj", "adv")
BLANK = re.compile(r"___\d+___")

# A sentence ends at . ! ? (with closing quotes or brackets) before white space, or at a line
# break; these abbreviations do not end one.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n")
_ABBREVIATIONS = word_set(
    "mr mrs ms dr prof st jr sr vs etc no u.s u.k e.g i.e a.m p.m jan feb mar apr jun jul "
    "aug sep sept oct nov dec inc ltd co"
)


class Word(NamedTuple):
    """A word of the passage (never a number, a name or a contraction piece)."""

    index: int  # position among the passage's tokens
    text: str
    start: int
    end: int
    lemma: str
    band: int  # rank in BANDS
    pos: str  # 'n', 'v', 'adj', 'adv' or '' (posguess.py)
    sentence: int


class Passage(NamedTuple):
    text: str
    sentences: list[tuple[int, int]]  # (start, end) of each sentence, white space trimmed
    words: list[Word]
    token_count: int


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``, surrounding white space left out."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group() != "\n" and _ends_with_abbreviation(text, start, match.start()):
            continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _ends_with_abbreviation(text: str, start: int, dot: int) -> bool:
    last = text[start:dot].rsplit(None, 1)
    word = last[-1].lower().lstrip("\"'“‘(") if last else ""
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _add_span(text: str, start: int, end: int, spans: list) -> None:
    piece = text[start:end]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + len(piece.rstrip())))


def read_passage(text: str, lexicon: Lexicon) -> Passage:
    """Sentences and words of ``text`` (words: lemma, band and a part-of-speech guess)."""
    sentences = sentence_spans(text)
    result = annotate(text, BANDS[0], lexicon)
    raw = result.raw_tokens
    words, sentence = [], 0
    for i, token in enumerate(result.tokens):
        while sentence < len(sentences) - 1 and token.start >= sentences[sentence][1]:
            sentence += 1
        if token.is_proper or token.is_number or token.band is None:
            continue
        if not token.text.isalpha() or not token.text.isascii():
            continue
        prev, nxt = neighbours_of(raw, i, text)
        pos = guess_pos(token.text.lower(), token.lemma, prev, nxt)
        rank = BANDS.index(token.band)
        words.append(Word(i, token.text, token.start, token.end, token.lemma, rank, pos, sentence))
    return Passage(text, sentences, words, len(raw))


def entry_pos(lexicon: Lexicon, lemma: str) -> tuple[str, ...]:
    """The parts of speech the lexicon glosses ``lemma`` with, in its order."""
    entry = lexicon.lookup(lemma)
    if entry is None or entry.lemma != lemma:
        return ()
    return tuple(dict.fromkeys(pos for pos, _ in entry.glosses if pos))


def word_pos(word: Word, lexicon: Lexicon, strict: bool = False) -> str:
    """The part of speech of ``word`` in its sentence when the lexicon agrees: the guess if the
    lexicon glosses the word so, else (unless ``strict``) the lexicon's only part of speech
    when no guess was made; '' otherwise."""
    known = entry_pos(lexicon, word.lemma)
    if word.pos and word.pos in known:
        return word.pos
    if not strict and not word.pos and len(known) == 1 and known[0] in CONTENT_POS:
        return known[0]
    return ""


def gloss_of(lexicon: Lexicon, lemma: str, pos: str = "") -> str:
    """The Chinese gloss of ``lemma`` for ``pos`` (the first when none fits); '' if unknown."""
    entry = lexicon.lookup(lemma)
    return entry.gloss_for(pos)[1] if entry else ""


def gloss_senses(lexicon: Lexicon, lemma: str) -> frozenset[str]:
    """Every sense of every gloss of ``lemma`` (:func:`senses_of`)."""
    entry = lexicon.lookup(lemma)
    return senses_of(entry.glosses) if entry else frozenset()


def senses_of(glosses) -> frozenset[str]:
    """The senses of ``[(pos, gloss), …]``, split at Chinese and Latin separators, without
    bracketed remarks."""
    senses = set()
    for _, gloss in glosses:
        for sense in re.split(r"[；;，,、/]", gloss):
            sense = re.sub(r"[（(][^）)]*[）)]|…|的$", "", sense.strip()).strip()
            if sense:
                senses.add(sense)
    return frozenset(senses)


# -- inflection ------------------------------------------------------------------------------
INFLECTIONS = ("base", "s", "ed", "ing", "er", "est")


def inflection_of(form: str, lemma: str) -> str:
    """The tag of ``form`` as a form of ``lemma``: one of INFLECTIONS, or 'irregular'."""
    form = form.lower()
    if form == lemma:
        return "base"
    for tag in INFLECTIONS[1:]:
        if form in regular_forms(lemma, tag):
            return tag
    return "irregular"


def regular_forms(lemma: str, tag: str) -> tuple[str, ...]:
    """The spellings a regular ``tag`` form of ``lemma`` may take (stop -> stopped, stoped)."""
    if tag == "base":
        return (lemma,)
    consonant_y = len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou"
    stem = lemma[:-1] + "i" if consonant_y else lemma
    doubled = lemma + lemma[-1] if _doubles(lemma) else None
    if tag == "s":
        if consonant_y:
            return (lemma[:-1] + "ies",)
        if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
            return (lemma + "es", lemma + "s")
        return (lemma + "s",)
    if tag == "ing":
        silent_e = lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe"))
        base = lemma[:-1] if silent_e else lemma
        return tuple(f + "ing" for f in (doubled, base) if f)
    suffix = {"ed": "ed", "er": "er", "est": "est"}[tag]
    if lemma.endswith("e"):
        return (lemma + suffix[1:],)
    return tuple(f + suffix for f in (doubled, stem) if f)


def _doubles(lemma: str) -> bool:
    """Consonant-vowel-consonant ending of a short word (stop, big), whose consonant doubles."""
    return (
        len(lemma) >= 3
        and lemma[-1] not in "aeiouwxy"
        and lemma[-2] in "aeiou"
        and lemma[-3] not in "aeiou"
        and sum(c in "aeiou" for c in lemma) == 1
    )


def inflect(lexicon: Lexicon, lemma: str, tag: str) -> str | None:
    """The ``tag`` form of ``lemma`` that the lexicon knows as one of its forms, or None
    (take has no regular -ed form: None)."""
    if tag == "base":
        return lemma
    for form in regular_forms(lemma, tag):
        hit = lexicon.surface.get(form)
        if hit and hit[0] == lemma:
            return form
    return None


def same_case(model: str, word: str) -> str:
    """``word`` capitalised like ``model`` (Repaired -> Returned)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def spread(candidates: list, count: int, rng, position, make, gap: int = 3) -> list:
    """Up to ``count`` items spread through the text: the candidates (in text order) are cut
    into ``count`` stretches; from each, candidates are tried in a random order and the first
    that ``make`` turns into an item (not None), at least ``gap`` positions after the
    previous choice, is kept."""
    made: list = []
    if not candidates or count <= 0:
        return made
    size = len(candidates) / count
    last = None
    for part in range(count):
        stretch = candidates[int(part * size) : int((part + 1) * size)]
        rng.shuffle(stretch)
        for candidate in stretch:
            if last is not None and position(candidate)[0] - last < gap:
                continue
            item = make(candidate)
            if item is not None:
                made.append(item)
                last = position(candidate)[1]
                break
    return made
