"""Transparent derivations take the band of their base word (slowly is as easy as slow).

The syllabus lists name base words and leave regular derivations implied.  A word formed
from a known base by a transparent affix (see :data:`SUFFIX_RULES`, :data:`PREFIX_RULES`
and docs/lexicon.md) gets the lower of its own band and its base's band.  Derivations whose
meaning is not transparent (hardly, business, discover …) are listed with a reason in
``data/derivation_exceptions.tsv`` and keep their own band.  Applied at build time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

EXCEPTIONS_NAME = "derivation_exceptions.tsv"
_MIN_BASE = 3  # shorter bases (un+it, re+ad) are never derivation bases
# Endings of adjectives that in-/im-/il-/ir- negate (impossible, incorrect, informal …).
ADJECTIVE_ENDINGS = (
    "ble", "ent", "ant", "ive", "ect", "ete", "al", "ous", "ic", "ite", "ar", "ure", "ate",
    "ful", "ise", "ane",
)  # fmt: skip


def _ly(word: str) -> Iterator[str]:
    stem = word[:-2]
    if word.endswith("ically"):
        yield word[:-4]  # basically -> basic
    if word.endswith("ily"):
        yield word[:-3] + "y"  # happily -> happy
    if word.endswith("lly"):
        yield word[:-1]  # fully -> full
    yield stem  # quickly -> quick
    yield stem + "e"  # truly -> true
    if stem[-1] not in "aeiouy":
        yield word[:-1] + "e"  # gently -> gentle, possibly -> possible


def _y_or_plain(suffix: str) -> Callable[[str], Iterator[str]]:
    def bases(word: str) -> Iterator[str]:
        stem = word[: -len(suffix)]
        if stem.endswith("i"):
            yield stem[:-1] + "y"  # happiness -> happy, beautiful -> beauty
        yield stem

    return bases


def _ment(word: str) -> Iterator[str]:
    yield word[:-4]  # agreement -> agree
    yield word[:-4] + "e"  # judgment -> judge


def _ity(word: str) -> Iterator[str]:
    yield word[:-3]  # reality -> real, publicity -> public
    yield word[:-3] + "e"  # security -> secure, activity -> active
    if word.endswith("ility"):
        yield word[:-5] + "le"  # possibility -> possible


def _agent_er(word: str) -> Iterator[str]:
    stem = word[:-2]
    yield stem  # teacher -> teach
    yield word[:-1]  # writer -> write
    if len(stem) > 2 and stem[-1] == stem[-2]:
        yield stem[:-1]  # runner -> run


def _agent_or(word: str) -> Iterator[str]:
    yield word[:-2]  # actor -> act
    yield word[:-2] + "e"  # creator -> create


# suffix -> (rule name, candidate bases, base must be a verb)
SUFFIX_RULES: dict[str, tuple[str, Callable[[str], Iterator[str]], bool]] = {
    "ly": ("-ly adverb", _ly, False),
    "ness": ("-ness noun", _y_or_plain("ness"), False),
    "ful": ("-ful adjective", _y_or_plain("ful"), False),
    "less": ("-less adjective", _y_or_plain("less"), False),
    "ment": ("-ment noun", _ment, True),
    "ity": ("-ity noun", _ity, False),
    "er": ("agentive -er", _agent_er, True),
    "or": ("agentive -or", _agent_or, True),
}
# prefix -> (rule name, base must be a verb, base must look like an adjective)
PREFIX_RULES: dict[str, tuple[str, bool, bool]] = {
    "un": ("un- negation", False, False),
    "dis": ("dis- negation", False, False),
    "in": ("in- negation", False, True),
    "im": ("im- negation", False, True),
    "il": ("il- negation", False, True),
    "ir": ("ir- negation", False, True),
    "re": ("re- again", True, False),
}


def derivation_bases(
    word: str, known: Callable[[str], bool], is_verb: Callable[[str], bool]
) -> Iterator[tuple[str, str]]:
    """(base, rule) for each rule that applies: the first candidate base that is a ``known``
    word, or every candidate that is a known verb for rules that need a verb base."""
    for suffix, (rule, bases, needs_verb) in SUFFIX_RULES.items():
        if not word.endswith(suffix) or len(word) - len(suffix) < _MIN_BASE:
            continue
        found = [b for b in bases(word) if len(b) >= _MIN_BASE and known(b)]
        if needs_verb:  # every verb candidate: rider -> ride (not rid), singer -> sing
            yield from ((base, rule) for base in found if is_verb(base))
        elif found:
            yield found[0], rule
    for prefix, (rule, needs_verb, needs_adjective) in PREFIX_RULES.items():
        base = word[len(prefix) :].removeprefix("-")
        if not word.startswith(prefix) or len(base) < _MIN_BASE:
            continue
        if needs_adjective and not base.endswith(ADJECTIVE_ENDINGS):
            continue
        if _same_inflection(word, base) or not known(base):
            continue
        if not needs_verb or is_verb(base):
            yield base, rule


def _same_inflection(word: str, base: str) -> bool:
    """displays/plays, disclosed/closed: inflected forms follow their lemma instead."""
    return any(word.endswith(end) and base.endswith(end) for end in ("s", "ed", "ing"))


def packaged_exceptions_path() -> Path:
    return Path(str(resources.files("yingdu.lexicon") / "data" / EXCEPTIONS_NAME))


def load_exceptions(path: Path | None = None) -> dict[str, str]:
    """word -> reason, from the reviewed exceptions file (``word<TAB>reason`` lines)."""
    out: dict[str, str] = {}
    text = (path or packaged_exceptions_path()).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, reason = line.split("\t", 1)
            out[word.strip().lower()] = reason.strip()
    return out


def lower_by_derivation(
    bands: dict[str, int],
    is_verb: Callable[[str], bool],
    exceptions: dict[str, str] | None = None,
) -> dict[str, tuple[int, str, str]]:
    """Words whose band a transparent derivation lowers: word -> (new band, base, rule).

    ``bands`` maps every headword to its band rank.  Shorter words are settled first, so a
    chain (unhappily -> unhappy -> happy) carries the lowest band through.
    """
    exceptions = load_exceptions() if exceptions is None else exceptions
    final = dict(bands)
    changed: dict[str, tuple[int, str, str]] = {}
    for word in sorted(bands, key=len):
        if word in exceptions or not word.replace("-", "").isalpha():
            continue
        for base, rule in derivation_bases(word, final.__contains__, is_verb):
            if base != word and final[base] < final[word]:
                final[word] = final[base]
                changed[word] = (final[base], base, rule)
    return changed
