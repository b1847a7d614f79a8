"""Glosses for every entry the word lists and ECDICT leave without one (the pip-only path).

Order of preference for a key without a trusted gloss (lists, ECDICT):

0. the hand-written table in :mod:`.coreglosses` (function words, a few missing senses,
   curriculum headwords no source glosses);
1. a British spelling takes its American spelling's gloss (:mod:`.spelling`);
2. a noun of action (-ation, -ion, -ment …) whose own CC-CEDICT match is weak and whose base
   verb CC-CEDICT matches better puts the verb's gloss first (revitalization -> 振兴 before
   维新);
3. CC-CEDICT read backwards (:mod:`.cedict`) when its best candidate is a good match
   (phrases also without object slots: take sth for granted);
4. any other derivation built from a glossed base (:mod:`.derive`: -ly adverbs, -ness …),
   followed by CC-CEDICT's weak candidates if any; a compound of two glossed words only
   when CC-CEDICT has none;
5. CC-CEDICT's weak candidates alone.

:func:`fill_glosses` also offers *new* keys: common English words (wordfreq) that are in no
other source but that this chain can gloss (lady, hat, website, smartphone …), so a reader
can tap them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .cedict import cedict_glosses, index_key
from .coreglosses import CORE_GLOSSES
from .derive import derived_gloss
from .spelling import american_spellings

Glosses = list[tuple[str, str]]
# A CC-CEDICT match scoring above this (see cedict.py) counts as weak: a derivation wins.
WEAK_SCORE = 6.0
# A noun of action whose own CC-CEDICT match scores at most this keeps it before its base
# verb's gloss (tradition: 传统, not trade's 营业; revitalization 5.4: 振兴 before 维新).
STRONG_SCORE = 5.0
# Nouns of action built on a verb gloss (the base's "v" group, so the base is a verb).
_FROM_VERB = ("-ation ", "-ition ", "-ion ", "-sion ", "-faction ", "-ment ")


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
        found = trusted(key) or CORE_GLOSSES.get(key)
        if found:
            return found
        hit = direct.get(key)
        return hit[1] if hit else None

    def score_of(key: str) -> float | None:
        hit = direct.get(key)
        return hit[0] if hit else None

    out: dict[str, tuple[str, Glosses]] = {}
    for key in sorted(candidates):
        hit = direct.get(key) or direct.get(index_key(key))  # take sth for granted
        result = _one(key, hit, spelled.get(key), gloss_of, score_of)
        if result:
            out[key] = result
    return out


def _one(key, hit, american, gloss_of, score_of=lambda key: None):
    if key in CORE_GLOSSES:
        return "core", CORE_GLOSSES[key]
    if american:
        glosses = gloss_of(american)
        if glosses:
            return "spelling", glosses
    derived = derived_gloss(key, gloss_of, compounds=not hit)
    own = hit[1] if hit else []
    from_verb = derived and derived[0].startswith(_FROM_VERB)
    if from_verb and hit and _base_matches_better(derived[0], hit[0], score_of):
        return "derived", derived[1] + own
    if hit and hit[0] <= WEAK_SCORE:
        return "cccedict", own
    if derived:
        return "derived", derived[1] + own
    return ("cccedict", own) if own else None


def _base_matches_better(rule: str, own_score: float, score_of) -> bool:
    """True when CC-CEDICT matches the derivation's base better than the word itself
    (revitalize -> 振兴 beats revitalization -> 维新, a second sense)."""
    base = rule.partition(" <- ")[2]
    base_score = score_of(base) if base else None
    return own_score > STRONG_SCORE and base_score is not None and base_score < own_score
