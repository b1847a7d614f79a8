"""British and American spellings (colour/color, centre/center, realise/realize).

The pairs come from ``breame`` (Apache-2.0, ~1,700 British -> American pairs with their
inflections) when it is installed; a few regular rules cover what it misses (after at
least three letters: -our/-or, -tre/-ter, -ise/-ize, -ogue/-og, -lled/-led, -mme/-m).
A British word takes the American word's gloss, because the reverse CC-CEDICT index is
written in American English (``centre`` alone finds only 基点, ``center`` finds 中心).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_RULES = (
    (re.compile(r"(?<=...)our(s|ed|ing|ite|ites|able|hood|hoods)?$"), r"or\1"),
    (re.compile(r"(?<=...)tre(s|d)?$"), r"ter\1"),
    (re.compile(r"(?<=...)is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=...)ogue(s)?$"), r"og\1"),
    (re.compile(r"(?<=...)lled$"), "led"),
    (re.compile(r"(?<=...)lling$"), "ling"),
    (re.compile(r"(?<=...)mme(s)?$"), r"m\1"),
)


def breame_pairs() -> dict[str, str]:
    """British -> American spellings from breame ({} when it is not installed)."""
    try:
        from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS
    except Exception:  # pragma: no cover - depends on the install
        return {}
    return dict(BRITISH_ENGLISH_SPELLINGS)


def rule_candidates(word: str) -> list[str]:
    """American spellings the regular rules suggest for ``word`` (may be non-words)."""
    out = []
    for pattern, repl in _RULES:
        american = pattern.sub(repl, word)
        if american != word:
            out.append(american)
    return out


def american_spellings(words: Iterable[str], known: set[str]) -> dict[str, str]:
    """British word -> its American spelling, for ``words`` whose American form is ``known``."""
    table = breame_pairs()
    out = {}
    for word in words:
        american = table.get(word)
        if american in known:
            out[word] = american
            continue
        for candidate in rule_candidates(word):
            if candidate in known:
                out[word] = candidate
                break
    return out
