"""Which lemma a curriculum headword gets: its own, unless it is a form of another headword.

A word that a syllabus list (or the shipped band table) names as a headword is a word of
its own: ``bare`` is not the archaic past of *bear*, ``goods`` not the plural of *good*,
``stranger`` (陌生人) not "more strange".  The form sources (simplemma above all) link such
words to another lemma, and the lemma's band and gloss would win.  The rule, applied once at
build time (build.py ``write_surface``): a headword takes another headword's reading only
when :func:`takes_lemma` says it is that word's inflection with the same meaning —

1. the lemma is itself a headword, in the same or a lower band;
2. the form is an inflection of it by rule: a regular suffix (-s, -es, -ies, -ed, -ing,
   -er, -est with their spelling changes), an irregular form of the grammar tables
   (inflections.py: be/have/do, children, better/worse …, the irregular verbs), or a form
   the word lists themselves print (``take (took, taken)``); or the same word spelled
   another way (neighbourhood, e-mail); a link only simplemma or ECDICT makes is not
   enough (bare -> bear, span -> spin, elder -> old, media -> medium);
3. an -ed or -ing form only of a lemma with a verb sense (boxing is not a form of the
   noun box);
4. the form is not in ``data/own_headwords.tsv``, the reviewed headwords that look like
   a form but mean something of their own (goods, stranger, customs …).

The core grammar table's forms (was -> be, children -> child) always follow their lemma.
Irregular pasts that are words of their own (saw, left, found) also keep their own reading
as one of the readings the sentence chooses between (ambiguous.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

from .inflections import CORE_IRREGULARS, irregular_lemmas, suffix_candidates
from .spelling import breame_pairs, rule_candidates

OWN_HEADWORDS_NAME = "own_headwords.tsv"
TRUSTED_FORM_SOURCES = frozenset({"wordlist", "rules"})  # lists' own forms, grammar tables
_PARTICIPLE_ENDINGS = ("ed", "ing")


def packaged_own_headwords_path() -> Path:
    return Path(str(resources.files("yingdu.lexicon") / "data" / OWN_HEADWORDS_NAME))


def load_own_headwords(path: Path | None = None) -> dict[str, str]:
    """word -> reason, from the reviewed file (``word<TAB>reason`` lines, '#' comments)."""
    out: dict[str, str] = {}
    text = (path or packaged_own_headwords_path()).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, reason = line.split("\t", 1)
            out[word.strip().lower()] = reason.strip()
    return out


def is_inflection(form: str, lemma: str, source: str) -> bool:
    """Whether ``form`` is an inflection of ``lemma`` by rule (point 2 above), or the same
    word spelled another way; ``source`` is where the form table's link came from."""
    return (
        source in TRUSTED_FORM_SOURCES
        or lemma in irregular_lemmas(form)
        or lemma in suffix_candidates(form)
        or same_word_spelled_otherwise(form, lemma)
    )


def same_word_spelled_otherwise(one: str, other: str) -> bool:
    """British and American spellings (neighbourhood, neighborhood) or with and without a
    hyphen (e-mail, email)."""
    if one.replace("-", "") == other.replace("-", ""):
        return True
    pairs = _british_to_american()
    return any(
        pairs.get(british) == american or american in rule_candidates(british)
        for british, american in ((one, other), (other, one))
    )


@cache
def _british_to_american() -> dict[str, str]:
    return breame_pairs()


def takes_lemma(
    form: str,
    lemma: str,
    source: str,
    headword_bands: dict[str, int],
    has_verb_sense: Callable[[str], bool],
    own: dict[str, str],
) -> bool:
    """Whether the headword ``form`` takes the reading of ``lemma`` (the rule above).

    ``headword_bands``: band rank of every headword; ``has_verb_sense(word)``: whether the
    word's entry has a verb gloss; ``own``: the reviewed headwords with a meaning of their own.
    """
    if form in own:
        return False
    if CORE_IRREGULARS.get(form) == lemma:
        return True  # grammar: was is be, children is child, whatever the lists name
    if lemma not in headword_bands:
        return False
    if headword_bands[lemma] > headword_bands[form]:
        return False
    if not is_inflection(form, lemma, source):
        return False
    regular_participle = form.endswith(_PARTICIPLE_ENDINGS) and lemma not in irregular_lemmas(form)
    return not regular_participle or has_verb_sense(lemma)
