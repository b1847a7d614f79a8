"""A light part-of-speech guess from the neighbouring words, for the gloss and the lemma that
fit a word in its sentence.

:func:`guess_pos` looks at the word itself and at one word on each side (lowercase; '' at a
sentence or text boundary).  Rules, first match wins:

1. the word ends in -ly (not family, reply …)                          -> adv
2. prev is a determiner or possessive (the, a, his, this, some …)      -> n, or adj when the
   word is uninflected and a content word follows (``the present situation``)
3. prev is "to", a modal, a negation, let/please                        -> v (a plural after
   "to" is a noun: ``to the shelves`` never reaches here, ``to shelves`` does)
4. prev is a subject pronoun (I, you, we, they, he, she, it, who)       -> v
5. prev is a form of have + -ed/-en form or an irregular past (has left), a form of be +
   -ing/-ed form or an irregular past                                   -> v;
   a form of be + an uninflected word                                  -> adj
6. prev is a preposition                                                -> n (-ing form: v)
7. prev is an intensifier (very, too, so, quite …)                      -> adj
8. prev is an adjective (a short list, or -ful -ous -al -ive -ic -ant -ent -ble) -> n;
   prev is an -ly adverb                                                -> v
9. next is an object pronoun or a determiner (them, the, his …)         -> v
10. next is "of", an auxiliary or a modal (is, was, will, can …)        -> n
11. the word is an -ing/-ed form of its lemma                           -> v
12. suffix of the lemma: -tion -sion -ment -ness -ity -ance -ence -ship -ism -ist -> n,
    -ous -ful -ive -able -ible -al -ic -less -ish -> adj, -ize -ise -ify -> v
13. otherwise no guess ('' -> the first gloss of the entry).

:func:`neighbours` finds the words around a token in the raw text (used where only offsets
are at hand), :func:`neighbours_of` gives the same answer from the token stream (cheaper),
and :func:`score_cases` scores a test file of ambiguous words in sentences
(tests/reading/pos_cases.tsv; bench/bench_lexicon.py prints the score).
"""

from __future__ import annotations

import re
from pathlib import Path

from .tokens import END, START, TEXT


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DETERMINERS = _words(
    "the a an this that these those my your his her its our their some any every each no "
    "another either neither much many few several such what which whose one's"
)
MODALS = _words("can could will would shall should may might must")
NEGATIONS = _words("not n't don't didn't doesn't won't can't never")
VERB_CUES = MODALS | NEGATIONS | {"to", "let", "please", "'ll", "'d"}
SUBJECTS = _words("i you we they he she it who")
HAVE = _words("have has had having 've")
BE = _words("be is are was were been being am 's 're 'm")
PREPOSITIONS = _words(
    "of in on at for with from about by into onto through without under over between "
    "among after before during across against around behind beyond near toward towards "
    "upon within like"
)
INTENSIFIERS = _words("very too so quite rather really extremely fairly pretty")
ADJECTIVES = _words(
    "new old big small good bad great important large long short young little high low "
    "whole same other own main first last next best final major minor local public "
    "personal special recent early late huge tiny full empty strong weak wide narrow deep "
    "free clear hard easy real true wrong right open dark bright heavy light fresh rich poor "
    "simple modern ancient famous popular useful beautiful wooden dusty broken strange sharp "
    "favourite favorite single fine cheap serious"
)
PLURAL_SUBJECTS = _words("people children men women police")
# common irregular past tenses: after "the X" they show X is a noun (the suspect ran)
PAST_TENSES = _words(
    "ran went came saw took fell made said got gave found left told became stood sat began "
    "grew knew felt kept held brought thought won lost broke bound wound"
)
OBJECTS = _words("them him me us it her his their the a an this these those") | {
    "your",
    "my",
    "our",
    "its",
}
AUXILIARIES = BE | HAVE | MODALS | _words("does did do")
_LY_NOUNS = _words("family ally rally belly jelly bully lily italy july fly")
_ADJ_ENDINGS = ("ful", "ous", "al", "ive", "ic", "ant", "ent", "ble")
_NOUN_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ism", "ist")
_ADJ_SUFFIXES = ("ous", "ful", "ive", "able", "ible", "al", "ic", "less", "ish")
_VERB_SUFFIXES = ("ize", "ise", "ify")

# Kept for callers that imported it: words that are no content word after a determiner.
FUNCTION_WORDS = (
    AUXILIARIES
    | PREPOSITIONS
    | DETERMINERS
    | SUBJECTS
    | OBJECTS
    | {
        "and",
        "or",
        "but",
        "as",
        "than",
        "that",
        "if",
        "when",
        "then",
        "so",
        "not",
        "to",
    }
)


def guess_pos(word: str, lemma: str, prev: str = "", nxt: str = "") -> str:
    """Return 'n', 'v', 'adj', 'adv' or '' for ``word`` (lowercase) between ``prev``/``nxt``."""
    inflected = word != lemma
    if word.endswith("ly") and not word.endswith("ply") and word not in _LY_NOUNS:
        return "adv"
    guess = _from_previous(word, inflected, prev, nxt)
    if guess:
        return guess
    if nxt in OBJECTS:
        return "v"
    if nxt == "of" or nxt in AUXILIARIES or nxt in PREPOSITIONS or nxt in PAST_TENSES:
        return "n"
    if inflected and word.endswith(("ing", "ed")):
        return "v"
    return _from_suffix(lemma)


def _from_previous(word: str, inflected: bool, prev: str, nxt: str) -> str:
    if not prev:
        return ""
    if prev in DETERMINERS or prev in PREPOSITIONS:
        if word.endswith("ing") and inflected and prev in PREPOSITIONS:
            return "v"  # a gerund: for recording
        return "adj" if not inflected and _content_next(nxt) else "n"
    if prev in VERB_CUES:
        return "n" if prev == "to" and inflected and word.endswith("s") else "v"
    if prev in SUBJECTS:
        return "v"
    if prev in HAVE and (word.endswith(("ed", "en")) or word in PAST_TENSES):
        return "v"  # has left
    if prev in BE:
        participle = inflected and word.endswith(("ing", "ed")) or word in PAST_TENSES
        return "v" if participle else "adj"  # was left, is bound
    if prev in INTENSIFIERS:
        return "adj"
    if prev in ADJECTIVES or (len(prev) > 4 and prev.endswith(_ADJ_ENDINGS)):
        return "n"
    if prev.endswith("ly") and len(prev) > 4 and prev not in _LY_NOUNS:
        return "v"
    if prev in FUNCTION_WORDS:
        return ""
    if not inflected and (prev in PLURAL_SUBJECTS or _plural(prev)):
        return "v"  # engineers project, prices increase
    if inflected and word.endswith("s") and not _plural(prev) and nxt and nxt not in AUXILIARIES:
        return "v"  # the man needs help
    return ""


def _plural(word: str) -> bool:
    """Looks like a plural noun (a guess on the spelling alone)."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _content_next(nxt: str) -> bool:
    """``nxt`` is a content word that is not a verb by its looks (the suspect ran)."""
    return (
        bool(nxt)
        and nxt not in FUNCTION_WORDS
        and nxt not in PAST_TENSES
        and not (nxt.endswith("ed"))
    )


def _from_suffix(lemma: str) -> str:
    if lemma.endswith(_NOUN_SUFFIXES):
        return "n"
    if lemma.endswith(_ADJ_SUFFIXES):
        return "adj"
    if lemma.endswith(_VERB_SUFFIXES):
        return "v"
    return ""


# -- neighbours in raw text ------------------------------------------------------------------
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z'’]*)[\s,\"“”‘’()\-]*\Z")
_WORD_AFTER = re.compile(r"[\s,\"“”‘’()\-]*([A-Za-z][A-Za-z'’]*)")
_LOOK = 40  # characters looked at on each side


def neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The words (lowercase) just before ``text[start:end]`` and just after it; '' across a
    sentence end or other punctuation than commas, quotes, brackets and hyphens."""
    before = _WORD_BEFORE.search(text, max(0, start - _LOOK), start)
    prev = before.group(1).lower().replace("’", "'") if before else ""
    return _clitic(prev), _word_after(text, end)


def _word_after(text: str, end: int) -> str:
    after = _WORD_AFTER.match(text, end, end + _LOOK)
    return after.group(1).lower().replace("’", "'") if after else ""


# A gap between two words that neighbours() always looks across (a subset of its own: no
# typographic apostrophe, which can also end a word), and what may touch a word from the left.
_PLAIN_GAP = ' \t\n\r\f\v,"“”‘()-'
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'’")


def neighbours_of(tokens: list, i: int, text: str, offset: int = 0) -> tuple[str, str]:
    """``neighbours`` of ``tokens[i]`` (raw tokens of ``text``, whose offsets start at
    ``offset``), found faster (:func:`neighbours_after`)."""
    token = tokens[i]
    if i:
        word, word_start, word_end = tokens[i - 1][TEXT : END + 1]
        return neighbours_after(word, word_start, word_end, token[START], token[END], text, offset)
    return neighbours(text, token[START] - offset, token[END] - offset)


def neighbours_after(word, word_start, word_end, start, end, text, offset=0) -> tuple[str, str]:
    """``neighbours`` of the token at ``start``-``end`` whose previous token is ``word`` at
    ``word_start``-``word_end`` (offsets into ``text`` plus ``offset``), the same answer
    found faster: the previous token is the previous word when it is plain letters and only
    spaces, commas, quotes, brackets or hyphens lie between; anything else (contraction
    pieces, numbers, accents, sentence ends) asks the text."""
    start, end, word_start = start - offset, end - offset, word_start - offset
    gap = text[word_end - offset : start]
    if (
        gap
        and not gap.strip(_PLAIN_GAP)
        and word.isascii()
        and word.isalpha()
        and start - word_start <= _LOOK
        and (not word_start or text[word_start - 1] not in _WORD_CHARS)
    ):
        return word.lower(), _word_after(text, end)
    return neighbours(text, start, end)


def _clitic(word: str) -> str:
    """The last piece of a contraction, as the tokenizer splits it (don't -> n't)."""
    if word.endswith("n't"):
        return "n't"
    cut = word.rfind("'")
    return word[cut:] if cut > 0 else word


# -- the test set ----------------------------------------------------------------------------
def read_cases(path: str | Path) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """Cases of a pos_cases.tsv file: (sentence, word, expected POS, accepted gloss fragments).

    One case a line, four tab-separated fields; '#' lines and blank lines are skipped.  The
    word is its first whole-word occurrence in the sentence; fragments are '|'-separated and
    may be empty.
    """
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, word, pos, fragments = (line.split("\t") + ["", "", ""])[:4]
        cases.append((sentence, word, pos, tuple(f for f in fragments.split("|") if f)))
    return cases


def score_cases(path: str | Path, lexicon) -> dict:
    """Score the POS guesses (and glosses) of the annotator on the cases in ``path``.

    A case is right when the guessed part of speech is the expected one and the gloss shown is
    the lexicon's gloss for that part of speech when the entry has one.  Returns ``{"cases",
    "right", "share", "gloss_fragment_hits", "misses": [(sentence, word, expected, got,
    gloss)]}``; ``gloss_fragment_hits`` counts cases whose gloss contains an accepted fragment.
    """
    from .annotator import annotate
    from .wordbank import choose_gloss

    cases = read_cases(path)
    right = hits = 0
    misses = []
    for sentence, word, expected, fragments in cases:
        tokens = annotate(sentence, "primary", lexicon).tokens
        index = next(i for i, t in enumerate(tokens) if t.text.lower() == word.lower())
        token = tokens[index]
        prev, nxt = neighbours(sentence, token.start, token.end)
        got = choose_gloss(token.lemma, token.text, prev, nxt, lexicon)
        entry = lexicon.lookup(token.lemma)
        wanted = entry and _gloss_of_pos(entry, expected, token.text)
        guessed = guess_pos(token.text.lower(), token.lemma, prev, nxt)
        ok = guessed == expected and (not wanted or got.gloss == _short(wanted))
        right += ok
        hits += any(f in got.gloss for f in fragments)
        if not ok:
            misses.append((sentence, word, expected, guessed, got.gloss))
    share = right / len(cases) if cases else 0.0
    return {
        "cases": len(cases),
        "right": right,
        "share": round(share, 4),
        "gloss_fragment_hits": hits,
        "misses": misses,
    }


def _gloss_of_pos(entry, pos: str, word: str) -> str | None:
    """The entry's first gloss tagged ``pos``; a capitalised sense (sources["capital"]:
    Cook 库克) only for a capitalised word."""
    capital = "" if word[:1].isupper() else entry.sources.get("capital")
    return next((g for p, g in entry.glosses if p == pos and p != capital), None)


def _short(gloss: str) -> str:
    from .wordbank import _short_gloss

    return _short_gloss(gloss)
