"""Glosses for every entry the word lists and ECDICT leave without one (the pip-only path).

Order of preference for a key without a trusted gloss (lists, ECDICT):

0. the short table of function words in :mod:`.coreglosses` (nor, upon, whom …);
1. a British spelling takes its American spelling's gloss (:mod:`.spelling`);
2. an -ly adverb puts the gloss built from its base first
   (quickly -> 快捷地 …), followed by CC-CEDICT's own candidates;
3. CC-CEDICT read backwards (:mod:`.cedict`) when its best candidate is a good match;
4. any other derivation built from a glossed base (:mod:`.derive`), followed by CC-CEDICT's
   weak candidates if any; a compound of two glossed words only when CC-CEDICT has none;
5. CC-CEDICT's weak candidates alone.

:func:`fill_glosses` also offers *new* keys: common English words (wordfreq) that are in no
other source but that this chain can gloss (lady, hat, website, smartphone …), so a reader
can tap them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .cedict import cedict_glosses
from .coreglosses import CORE_GLOSSES
from .derive import derived_gloss
from .spelling import american_spellings

Glosses = list[tuple[str, str]]
# A CC-CEDICT match scoring above this (see cedict.py) counts as weak: a derivation wins.
WEAK_SCORE = 6.0
_TRANSPARENT = ("-ly ",)


def fill_glosses(
    needs: set[str],
    new_words: Iterable[str],
    trusted: Callable[[str], Glosses | None],
) -> dict[str, tuple[str, Glosses]]:
    """key -> (source, glosses) for ``needs`` and for the ``new_words`` that can be glossed.

    ``trusted(key)`` returns a key's gloss from the lists or ECDICT (None when it has none).
    """
    candidates = set(needs) | set(new_words)
    direct = cedict_glosses(None)
    known = candidates | set(direct)
    spelled = american_spellings(candidates, known)

    def gloss_of(key: str) -> Glosses | None:
        found = trusted(key)
        if found:
            return found
        hit = direct.get(key)
        return hit[1] if hit else None

    out: dict[str, tuple[str, Glosses]] = {}
    for key in sorted(candidates):
        result = _one(key, direct.get(key), spelled.get(key), gloss_of)
        if result:
            out[key] = result
    return out


def _one(key, hit, american, gloss_of) -> tuple[str, Glosses] | None:
    if key in CORE_GLOSSES:
        return "core", CORE_GLOSSES[key]
    if american:
        glosses = gloss_of(american)
        if glosses:
            return "spelling", glosses
    derived = derived_gloss(key, gloss_of, compounds=not hit)
    own = hit[1] if hit else []
    if derived and derived[0].startswith(_TRANSPARENT):
        return "derived", derived[1] + own
    if hit and hit[0] <= WEAK_SCORE:
        return "cccedict", own
    if derived:
        return "derived", derived[1] + own
    return ("cccedict", own) if own else None
