"""English tokenization with character offsets into the original text.

One regex finds word-like runs (Latin letters incl. accented and full-width ones, inner
apostrophes and hyphens) and numbers.  :func:`split_word` then cuts contractions and
possessives (``don't`` -> ``do`` + ``n't``, ``China's`` -> ``China``) into pieces whose
offsets still slice back to their text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\uff21-\uff3a\uff41-\uff5a"
_L = f"[{LETTERS}]"
_APOS = "['’\uff07]"
WORD = rf"{_L}+(?:{_APOS}{_L}+)*(?:[-‐\uff0d]{_L}+(?:{_APOS}{_L}+)*)*"
NUMBER = r"\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?"
TOKEN_RE = re.compile(rf"(?P<w>{WORD})|(?P<n>{NUMBER})")
# The same tokens as one group, for re.split (gap, token, gap, token, …, gap): no match
# objects.  Possessive quantifiers (never give back) match exactly the same runs, since all
# that follows each one is optional, with less backtracking bookkeeping.  The pattern starts
# with the class of a token's first character (a letter or a digit, never both), so the
# regex engine skips a gap by that class alone instead of trying both branches at each
# character; a lookbehind then tells which of the two the token is.
_HYPHEN = "[-‐\uff0d]"
_WORD_REST = rf"{_L}*+(?:{_APOS}{_L}++)*+(?:{_HYPHEN}{_L}++(?:{_APOS}{_L}++)*+)*+"
_NUMBER_REST = r"\d*+(?:[.,:]\d++)*+(?:st|nd|rd|th|s)?"
SPLIT_RE = re.compile(rf"([{LETTERS}\d](?:(?<={_L}){_WORD_REST}|{_NUMBER_REST}))")
WORD_RE = re.compile(WORD)
_TAIL = re.compile(rf"{_L}+\Z")

# clitic (normalized, lowercase) -> lemma
CLITICS = {"n't": "not", "'re": "be", "'m": "be", "'ve": "have", "'ll": "will", "'d": "would"}
S_AS_VERB = frozenset(
    ["it", "he", "she", "that", "what", "there", "here", "who", "where", "how", "let"]
)
_NEG_STEMS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "be"}
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "prof",
        "mt",
        "jr",
        "sr",
        "rev",
        "gen",
        "col",
        "capt",
        "lt",
        "sgt",
    ]
)
SENTENCE_END = frozenset(".!?…。！？:;")
_OPENERS = frozenset("\"'“‘([{«「『—-*_ \t\r\n\u3000")


def iter_tokens(text: str) -> Iterator[tuple[str, int, int, bool]]:
    """Yield (text, start, end, is_number) for every word-like run and number in ``text``."""
    for m in TOKEN_RE.finditer(text):
        yield m.group(), m.start(), m.end(), m.lastgroup == "n"


def split_clitics(
    word: str, start: int, norm: str | None = None
) -> list[tuple[str, int, int, str | None]]:
    """Split a token containing an apostrophe: (piece, start, end, forced lemma or None).

    ``don't`` -> do + n't(not); ``can't`` -> ca(can) + n't; ``it's`` -> it + 's(be);
    ``China's`` -> China (possessive dropped); ``o'clock`` stays whole (caller looks it up first).
    ``norm`` (same length as ``word``, e.g. its NFKC form) is used for the decisions.
    """
    norm = (norm or word).replace("’", "'").replace("\uff07", "'")
    low = norm.lower()
    if low.endswith("n't") and len(low) > 3:
        stem = low[:-3]
        cut = len(word) - 3
        return [
            (word[:cut], start, start + cut, _NEG_STEMS.get(stem)),
            (word[cut:], start + cut, start + len(word), "not"),
        ]
    head, _, tail = low.rpartition("'")
    clitic = "'" + tail
    cut = len(head)
    if clitic in CLITICS:
        return [
            (word[:cut], start, start + cut, None),
            (word[cut:], start + cut, start + len(word), CLITICS[clitic]),
        ]
    if clitic == "'s":
        pieces = [(word[:cut], start, start + cut, None)]
        if head in S_AS_VERB:
            pieces.append(
                (word[cut:], start + cut, start + len(word), "us" if head == "let" else "be")
            )
        return pieces
    return [(word, start, start + len(word), None)]


def split_hyphens(word: str, start: int) -> list[tuple[str, int, int]]:
    """Parts of a hyphenated compound with their offsets (``well-known`` -> well, known)."""
    return [
        (m.group(), start + m.start(), start + m.end()) for m in re.finditer(r"[^-‐\uff0d]+", word)
    ]


def is_sentence_initial(text: str, start: int) -> bool:
    """True when only openers (quotes, brackets, spaces) separate ``start`` from a sentence end."""
    if start > 1 and text[start - 1] == " " and text[start - 2].isalpha():
        return False  # the commonest case: a word and a space before it
    i = start - 1
    limit = max(0, start - 12)
    while i >= limit and text[i] in _OPENERS:
        if text[i] == "\n" and i > 0 and text[i - 1] == "\n":
            return True
        i -= 1
    if i < 0:
        return True
    if text[i] == ".":
        word = _TAIL.search(text, max(0, i - 6), i)
        if word and word.group().lower() in TITLES:
            return False
    return text[i] in SENTENCE_END
