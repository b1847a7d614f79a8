"""Glosses for every entry the word lists and ECDICT leave without one (the pip-only path).

Order of preference for a key without a trusted gloss (lists, ECDICT):

0. the hand-written table in :mod:`.coreglosses` (function words, a few missing senses,
   curriculum headwords no source glosses);
1. a British spelling takes its American spelling's gloss (:mod:`.spelling`), a word with
   accents or a hyphen that of its plain spelling (dénouement, good-bye -> goodbye);
2. a noun of action (-ation, -ion, -ment …) whose own CC-CEDICT match is weak and whose base
   verb CC-CEDICT matches better puts the verb's gloss first (revitalization -> 振兴 before
   维新);
3. CC-CEDICT read backwards (:mod:`.cedict`) when its best candidate is a good match
   (phrases also without object slots: take sth for granted);
4. any other derivation built from a glossed base (:mod:`.derive`: -ly adverbs, -ness …),
   followed by CC-CEDICT's weak candidates if any; a compound of two glossed words only
   when CC-CEDICT has none;
5. CC-CEDICT's weak candidates alone;
6. WordNet (:mod:`.wordnet`, when installed) for what is still without a gloss: a word of
   the same synset, a derivationally related word or a similar adjective that the steps
   above gloss well (composure -> calmness -> 平常心); it also replaces a compound's guess
   (greatcoat is a topcoat, 大衣, not 重大外套), whose source is then ``compound``;
7. a derivation again, now from a base only steps 1-6 gloss (obsequiousness <-
   obsequious, glossed through WordNet).

:func:`fill_glosses` also offers *new* keys: common English words (wordfreq) that are in no
other source but that this chain can gloss (lady, hat, website, smartphone …), so a reader
can tap them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .cedict import cedict_glosses, index_key
from .coreglosses import CORE_GLOSSES
from .derive import derived_gloss, is_name_rule
from .spelling import american_spellings
from .wordnet import wordnet_glosses, wordnet_spellings

Glosses = list[tuple[str, str]]
# A CC-CEDICT match scoring above this (see cedict.py) counts as weak: a derivation wins.
WEAK_SCORE = 6.0
# A noun of action whose own CC-CEDICT match scores at most this keeps it before its base
# verb's gloss (tradition: 传统, not trade's 营业; revitalization 5.4: 振兴 before 维新).
STRONG_SCORE = 5.0
# A WordNet neighbour's CC-CEDICT gloss counts up to this score (its score weighs in the
# bridge's own score: see wordnet.py).
NEIGHBOUR_MAX_SCORE = 9.0
# Score given to a neighbour glossed by a rule (core, spelling, derivation) for WordNet.
RULE_SCORE = 5.0
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
    for key in candidates - spelled.keys():
        plain = next((v for v in wordnet_spellings(key)[1:] if v in known), None)
        if plain:
            spelled[key] = plain  # dénouement -> denouement, née -> nee

    def gloss_of(key: str) -> Glosses | None:
        found = trusted(key) or CORE_GLOSSES.get(key)
        if found:
            return found
        hit = direct.get(key)
        return hit[1] if hit else None

    def score_of(key: str) -> float | None:
        hit = direct.get(key)
        return hit[0] if hit else None

    out: dict[str, tuple] = {}
    for key in sorted(candidates):
        hit = direct.get(key) or direct.get(index_key(key))  # take sth for granted
        result = _one(key, hit, spelled.get(key), gloss_of, score_of)
        if result:
            out[key] = result
    out.update(_through_wordnet(candidates, out, direct))
    out.update(_derived_from_filled(candidates, out, gloss_of))
    return out


def _derived_from_filled(candidates: set[str], out: dict, gloss_of) -> dict:
    """key -> ("derived", glosses, rule) for the candidates still without a gloss whose base
    only the later steps gloss (obsequiousness <- obsequious, bridged by WordNet)."""

    def filled(key: str) -> Glosses | None:
        found = out.get(key)
        if found and found[0] != "compound" and not _negated(found[1]):
            return found[1]
        return gloss_of(key)

    more = {}
    for key in sorted(k for k in candidates if k not in out and " " not in k):
        derived = derived_gloss(key, filled, compounds=False)
        if derived:
            more[key] = ("derived", derived[1], derived[0])
    return more


def _through_wordnet(candidates: set[str], out: dict, direct: dict) -> dict:
    """key -> ("wordnet", glosses, how) for the candidates the chain leaves without a gloss
    or with a compound's guess only."""

    def neighbour(word: str):
        hit = direct.get(word)
        if hit and hit[0] <= NEIGHBOUR_MAX_SCORE:
            return hit
        found = out.get(word)
        return (RULE_SCORE, found[1]) if _stands_for_neighbours(found) else None

    # CC-CEDICT's weak candidates, when there are any, are right more often than the bridge
    # (gelatin 明胶, intake 摄取: spot-checked by hand), so they are kept.
    unglossed = {
        k
        for k in candidates
        if " " not in k and (k not in out or out[k][0] == "compound")  # greatcoat: 大衣
    }
    bridged = wordnet_glosses(unglossed, neighbour)
    return {k: ("wordnet", glosses, how) for k, (how, glosses) in bridged.items()}


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
        return "derived", derived[1] + own, derived[0]
    if hit and hit[0] <= WEAK_SCORE:
        return "cccedict", own
    if derived:
        if derived[0] == "compound":
            return "compound", derived[1] + own
        return "derived", derived[1] + own, derived[0]
    return ("cccedict", own) if own else None


def _stands_for_neighbours(found: tuple | None) -> bool:
    """Whether a rule's gloss may stand for the words WordNet relates to it: not a negation
    (不撰写), nor a place's people (巴西人: gnat is no 一种双翅目人)."""
    if not found or found[0] not in ("core", "spelling", "derived") or _negated(found[1]):
        return False
    return not (found[0] == "derived" and is_name_rule(found[2]))


def _negated(glosses: Glosses) -> bool:
    """A gloss built by a prefix rule (不撰写 for discompose, 重新…): fine for the word
    itself, too literal to stand for its synonyms."""
    return bool(glosses) and glosses[0][1].startswith(("不", "重新"))


def _base_matches_better(rule: str, own_score: float, score_of) -> bool:
    """True when CC-CEDICT matches the derivation's base better than the word itself
    (revitalize -> 振兴 beats revitalization -> 维新, a second sense)."""
    base = rule.partition(" <- ")[2]
    base_score = score_of(base) if base else None
    return own_score > STRONG_SCORE and base_score is not None and base_score < own_score
