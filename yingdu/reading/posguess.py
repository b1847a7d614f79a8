"""A light part-of-speech guess for choosing the Chinese gloss that fits a word in context.

Rules, first match wins (``prev`` is the previous word, lowercase):

1. prev is a determiner or possessive (the, a, his, this, some …)      -> n, or adj when the
   next word is a content word (``the obstinate girl``)
2. prev is "to", a modal (can, will, must …) or a subject pronoun       -> v
3. prev is an intensifier (very, too, so, quite, rather)               -> adj
4. the word ends in -ly                                                 -> adv
5. the word is an -ing/-ed form of its lemma                            -> v
6. suffix of the lemma: -tion -sion -ment -ness -ity -ance -ence -ship -ism -er -or -ist -> n,
   -ous -ful -ive -able -ible -al -ic -less -ish -> adj, -ize -ise -ify -> v
7. otherwise no guess ('' -> the first gloss of the entry).
"""

from __future__ import annotations

DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "my",
        "your",
        "his",
        "her",
        "its",
        "our",
        "their",
        "some",
        "any",
        "every",
        "each",
        "no",
        "another",
        "either",
        "neither",
        "much",
        "many",
        "few",
        "several",
        "such",
        "what",
        "which",
        "whose",
    ]
)
VERB_CUES = frozenset(
    [
        "to",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "i",
        "you",
        "he",
        "she",
        "we",
        "they",
        "not",
        "n't",
        "don't",
        "didn't",
        "doesn't",
        "won't",
        "can't",
        "let",
        "please",
    ]
)
INTENSIFIERS = frozenset(
    ["very", "too", "so", "quite", "rather", "really", "extremely", "fairly", "pretty"]
)
_NOUN_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ism", "ist")
_ADJ_SUFFIXES = ("ous", "ful", "ive", "able", "ible", "al", "ic", "less", "ish")
_VERB_SUFFIXES = ("ize", "ise", "ify")


FUNCTION_WORDS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "this",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "me",
        "him",
        "her",
        "them",
        "us",
        "not",
        "so",
        "if",
        "when",
        "then",
    ]
)


def guess_pos(word: str, lemma: str, prev: str = "", nxt: str = "") -> str:
    """Return 'n', 'v', 'adj', 'adv' or '' for ``word`` (lowercase) between ``prev``/``nxt``."""
    if prev in DETERMINERS:
        return "adj" if nxt and nxt not in FUNCTION_WORDS and word == lemma else "n"
    if prev in VERB_CUES:
        return "v"
    if prev in INTENSIFIERS:
        return "adj"
    if word.endswith("ly"):
        return "adv"
    if word != lemma and word.endswith(("ing", "ed")):
        return "v"
    if lemma.endswith(_NOUN_SUFFIXES):
        return "n"
    if lemma.endswith(_ADJ_SUFFIXES):
        return "adj"
    if lemma.endswith(_VERB_SUFFIXES):
        return "v"
    return ""
