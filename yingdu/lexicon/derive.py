"""Glosses for regular derivations and compounds, built from their base's gloss.

Used for words no dictionary glosses well (or at all).  Each rule names a suffix or prefix,
how the base is spelled, and how the base's Chinese gloss becomes the derivation's:

* -ly adverbs (quickly, happily, possibly, basically): the base adjective's gloss with
  的 -> 地, else + 地 (快地);
* -ness, -ity (kindness, possibility): the base adjective's gloss without 的;
* -ation/-ition/-ion/-ment, -faction (-fy), -sion (-de/-se/-t), -ief (-ieve), -ial (-y)
  (revitalization, movement, satisfaction, decision, relief, denial): the base verb's gloss
  (Chinese verbs name the action too); -ion only after a verb of five letters or more
  ending in -ct, -pt, -rt, -st, -ss, -et, -it, -ute or -ote (election; not minion <- mine);
* -ence/-ance from -ent/-ant (absence, importance): the base adjective's gloss without 的;
* -less / -ful (hopeless, hopeful): 无 / 有 + the base noun's gloss;
* -al/-ical/-ic/-ern adjectives (agricultural, atmospheric, eastern): the base noun's
  gloss + 的;
* -ing/-ed participle adjectives (mortifying): the base verb's gloss;
* -able/-ible (imaginable, endurable, controllable): 可 + the base verb's gloss + 的;
* -ive (suggestive): the base verb's gloss + 的;
* -ess (heiress, patroness, adventuress): 女 + the base noun's gloss;
* agentive -er/-or after a word glossed only as a verb (not suitor <- suit, coster <- cost):
  the base verb's gloss + 者;
* -an/-ian after a place's name (italian, russian, korean): the name + 人 and + 的;
* -ian after a noun (logician, historian): the base noun's gloss + 家;
* -al after a verb that is only a verb (avowal, refusal): the verb's gloss;
* -ancy/-ency (pliancy, urgency): the -ant/-ent adjective's gloss without 的;
* -ance/-ence after a verb (endurance): the verb's gloss;
* archaic -eth (taketh, saith is not regular): the base verb's gloss;
* un-/in-/im-/dis- + adjective (unkind, impatient): 不 + the base's gloss; un- + a participle
  (unguarded, undated): 未 + the verb; un- + a verb (unshackle): 解除 + the verb;
* re- + verb (rebuild): 重新 + the base verb's gloss;
* compounds of two glossed words (treehouse; the second of four letters or more) and
  hyphenated words: each part with the first gloss item of its noun sense, tree（树） +
  house（房子）, since a compound's meaning is often not its parts' (no split at a suffix,
  a prefix or a piece of a name: sisterhood, interstate, bradford).

Only the first sense (first item) of the base gloss is used, at most two items.  A word the
reviewed derivation exceptions list (remark, archer) gets no affix rule.  A base without a
gloss of its own may itself be a derivation (``DEPTH`` steps: imprudently <- imprudent <-
prudent, suggestiveness <- suggestive <- suggest, ungovernable <- governable <- govern),
tried after every base glossed itself (comedian <- comedy, not comed <- come).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from .cedict import CAPITAL_POS
from .derivations import ADJECTIVE_ENDINGS, load_exceptions
from .inflections import suffix_candidates

Glosses = list[tuple[str, str]]
GlossOf = Callable[[str], Glosses | None]

_ITEM_SPLIT = re.compile(r"[，,；;]")


def _items(glosses: Glosses, pos: str = "", limit: int = 2) -> list[str]:
    """The first gloss items: of a verb group when ``pos`` is 'v'; for 'n', of a noun group
    if any; else of the first group that is not a verb or a capitalised sense."""
    if pos == "v":
        chosen = next((g for p, g in glosses if p == "v"), "")
    else:
        chosen = next((g for p, g in glosses if p == pos == "n"), "")
        chosen = chosen or next((g for p, g in glosses if p not in ("v", "n", CAPITAL_POS)), "")
        chosen = chosen or (glosses[0][1] if glosses and pos == "n" else "")
    items = [i.strip() for i in _ITEM_SPLIT.split(chosen) if i.strip()]
    return [i for i in items if not re.search(r"[A-Za-z…]", i)][:limit]


def _strip_de(item: str) -> str:
    return item[:-1] if item.endswith("的") and len(item) > 1 else item


def _of_noun(item: str) -> str:
    return _strip_de(item) + "的"


def _adverb(item: str) -> str:
    return _strip_de(item) + "地"


def _ly_bases(word: str) -> list[str]:
    stem = word[:-2]
    bases = [stem]
    if stem.endswith("i"):
        bases.append(stem[:-1] + "y")  # happily -> happy
    if word.endswith("bly") or word.endswith("ply") or word.endswith("tly"):
        bases.append(word[:-1] + "e")  # possibly -> possible, simply -> simple, gently
    if word.endswith("ally"):
        bases.append(word[:-4])  # basically -> basic
    if word.endswith("lly"):
        bases.append(word[:-2] + "l")  # fully -> full
    return bases


def _noun_bases(word: str, suffix: str) -> list[str]:
    stem = word[: -len(suffix)]
    bases = [stem, stem + "e"]
    if suffix in ("ation", "ition"):
        if stem.endswith("iz") or stem.endswith("is"):
            bases.insert(0, stem + "e")  # revitalization -> revitalize
        bases += [stem + "ate", stem]
    if stem.endswith("i"):
        bases.append(stem[:-1] + "y")  # happiness -> happy, application -> apply
    return bases


# Endings of a verb that takes -ion directly (elect, adopt, assert, digest, discuss, delete,
# exhibit, pollute, promote), and the shortest such verb: shorter stems and other endings are
# words that only look like it (minion is no mine, accordion no accord, portion no port).
_ION_STEM_ENDINGS = ("ct", "pt", "rt", "st", "ss", "et", "it", "ut", "ot")
_ION_MIN_STEM = 5


def _ion_bases(word: str) -> list[str]:
    stem = word[:-3]
    if len(stem) < _ION_MIN_STEM or not stem.endswith(_ION_STEM_ENDINGS):
        return []
    return [stem, stem + "e"]  # election <- elect, completion <- complete


def _doubled(stem: str) -> list[str]:
    """``controll`` -> ``control`` (a doubled final consonant before a suffix)."""
    return [stem[:-1]] if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiou" else []


def _able_bases(word: str) -> list[str]:
    stem = word[:-4]
    bases = [stem, stem + "e", *_doubled(stem), stem + "ate"]
    if stem.endswith("i"):
        bases.append(stem[:-1] + "y")  # reliable -> rely
    return bases


def _ive_bases(word: str) -> list[str]:
    stem = word[:-3]
    bases = [stem, stem + "e"]
    if word.endswith("ative"):
        bases += [word[:-5], word[:-5] + "e"]  # informative -> inform
    return bases


def _ess_bases(word: str) -> list[str]:
    stem = word[:-3]
    return [stem, stem + "er", word[:-4] + "or", word[:-4] + "er", *_doubled(stem)]


def _agent_bases(word: str) -> list[str]:
    stem = word[:-2]
    return [stem, stem + "e", *_doubled(stem)]


# Base part of speech for a rule that needs a base glossed as a verb and nothing else
# (avowal <- avow; no noun from a word that is also a noun: signal is not sign's action).
_VERB_ONLY = "v!"


def _verb_only(glosses: Glosses) -> bool:
    return bool(glosses) and all(pos == "v" for pos, _ in glosses)


# Base part of speech for a rule that needs a base glossed only as a name (Italy, Iran).
_NAME_ONLY = "N!"


def _base_items(glosses: Glosses | None, base_pos: str) -> list[str]:
    """The items of ``glosses`` a rule wanting a base of ``base_pos`` builds on."""
    if not glosses:
        return []
    if base_pos == _VERB_ONLY:
        return _items(glosses, "v") if _verb_only(glosses) else []
    if base_pos == _NAME_ONLY:
        names = all(pos == CAPITAL_POS for pos, _ in glosses)
        return _items(glosses, "n", limit=1) if names else []
    return _items(glosses, base_pos)


def is_name_rule(rule: str) -> bool:
    """Whether ``rule`` (as :func:`derived_gloss` names it) built a place's people from the
    place's name (italian <- italy)."""
    return rule.startswith("-an <- ")


def _nation_bases(word: str) -> list[str]:
    """russian <- russia, iranian <- iran, italian <- italy, canadian <- canada, mexican <-
    mexico (korean, african <- korea, africa)."""
    return [word[:-1], word[:-3], word[:-3] + "y", word[:-3] + "a", word[:-2] + "o"]


# (suffix, base spellings, pos of the base gloss to take, how an item becomes the gloss, pos)
_SUFFIXES: tuple[tuple[str, Callable[[str], list[str]], str, Callable[[str], str], str], ...] = (
    ("ly", _ly_bases, "adj", _adverb, "adv"),
    ("ness", lambda w: _noun_bases(w, "ness"), "adj", _strip_de, "n"),
    ("ation", lambda w: _noun_bases(w, "ation"), "v", lambda i: i, "n"),
    ("ition", lambda w: _noun_bases(w, "ition"), "v", lambda i: i, "n"),
    ("faction", lambda w: [w[:-7] + "fy"], "v", lambda i: i, "n"),
    ("sion", lambda w: [w[:-4] + "de", w[:-4] + "se", w[:-4] + "t"], "v", lambda i: i, "n"),
    ("ion", _ion_bases, "v", lambda i: i, "n"),
    ("ence", lambda w: [w[:-4] + "ent"], "adj", _strip_de, "n"),
    ("ance", lambda w: [w[:-4] + "ant"], "adj", _strip_de, "n"),
    ("ency", lambda w: [w[:-4] + "ent"], "adj", _strip_de, "n"),
    ("ancy", lambda w: [w[:-4] + "ant"], "adj", _strip_de, "n"),
    ("ence", lambda w: [w[:-4], w[:-4] + "e"], "v", lambda i: i, "n"),
    ("ance", lambda w: [w[:-4], w[:-4] + "e"], "v", lambda i: i, "n"),
    ("ief", lambda w: [w[:-3] + "ieve"], "v", lambda i: i, "n"),
    ("ial", lambda w: [w[:-3] + "y"], "v", lambda i: i, "n"),
    ("ment", lambda w: _noun_bases(w, "ment"), "v", lambda i: i, "n"),
    ("ity", lambda w: [w[:-5] + "le"] if w.endswith("ility") else _noun_bases(w, "ity"),
     "adj", _strip_de, "n"),
    ("less", lambda w: [w[:-4]], "n", lambda i: "无" + _strip_de(i), "adj"),
    ("able", _able_bases, "v", lambda i: "可" + _strip_de(i) + "的", "adj"),
    ("ible", lambda w: [w[:-4], w[:-4] + "e"], "v", lambda i: "可" + _strip_de(i) + "的", "adj"),
    ("ive", _ive_bases, "v", lambda i: _strip_de(i) + "的", "adj"),
    ("ess", _ess_bases, "n", lambda i: "女" + _strip_de(i), "n"),
    ("an", _nation_bases, _NAME_ONLY, lambda i: f"{i}人，{i}的", ""),
    ("ian", lambda w: [w[:-3], w[:-3] + "y", w[:-3] + "s"], "n", lambda i: _strip_de(i) + "家",
     "n"),
    ("eth", lambda w: [w[:-3], w[:-3] + "e"], "v", lambda i: i, "v"),
    ("al", lambda w: [w[:-2], w[:-2] + "e"], _VERB_ONLY, lambda i: i, "n"),
    ("ical", lambda w: [w[:-4] + "y", w[:-4] + "ics", w[:-2]], "n", _of_noun, "adj"),
    ("al", lambda w: [w[:-2], w[:-2] + "e", w[:-2] + "y"], "n", _of_noun, "adj"),
    ("ic", lambda w: [w[:-2], w[:-2] + "e", w[:-2] + "y", w[:-2] + "ere"], "n", _of_noun, "adj"),
    ("ern", lambda w: [w[:-3]], "n", _of_noun, "adj"),
    ("ing", lambda w: list(suffix_candidates(w)), "v", lambda i: i, "adj"),
    ("ed", lambda w: list(suffix_candidates(w)), "v", lambda i: i, "adj"),
    ("ful", lambda w: [w[:-3], w[:-4] + "y"], "n", lambda i: "有" + _strip_de(i), "adj"),
    ("er", _agent_bases, _VERB_ONLY, lambda i: _strip_de(i) + "者", "n"),
    ("or", _agent_bases, _VERB_ONLY, lambda i: _strip_de(i) + "者", "n"),
)  # fmt: skip
_PREFIXES = (
    ("un", "adj", "不"),
    ("in", "adj", "不"),
    ("im", "adj", "不"),
    ("dis", "v", "不"),
    ("re", "v", "重新"),
)
_MIN_BASE = 3
# Prefixes that are also words (inter: to bury, super: great) and words that make pronouns
# or adverbs rather than compounds: "inter" + "state", "per" + "mission", "any" + "body".
_NOT_COMPOUND_LEFT = frozenset({
    "per", "pro", "con", "com", "sub", "pre", "res", "dis", "mis", "ant", "non", "bio", "geo",
    "eco", "neo", "inter", "intra", "over", "under", "super", "hyper", "ultra", "extra",
    "counter", "anti", "semi", "multi", "micro", "macro", "mini", "mega", "post", "fore",
    "tele", "auto", "mono", "poly", "any", "her", "his", "its", "our", "you", "not", "far",
    "out", "off", "all", "for", "the", "and", "but", "nor", "may", "every", "some", "with",
    "where", "there", "here", "what",
})  # fmt: skip
# Suffixes and endings of place and family names that are also words: "sister" + "hood",
# "brad" + "ford", "wake" + "field"; and particles whose compounds are idioms (make + over,
# lock + down, set + back).
_NOT_COMPOUND_RIGHT = frozenset({
    "hood", "ship", "like", "ward", "wards", "wise", "ways", "some", "more", "most", "body",
    "thing", "ever", "self", "less", "ness", "ment", "able", "ible", "ling", "ette", "ster",
    "land", "field", "ford", "well", "worth", "wick", "berg", "burg", "stein", "shire",
    "ville", "mont", "bury", "over", "down", "back",
})  # fmt: skip
# The shortest parts of a closed compound (a hyphen marks its own parts): shorter right parts
# are mostly suffixes or the ends of names (foot + age, adam + ant, car + son, bat + man).
_MIN_LEFT = 3
_MIN_RIGHT = 4
# How many derivation steps a base may itself need (imprudently <- imprudent <- prudent).
DEPTH = 2


def derived_gloss(
    word: str, gloss_of: GlossOf, compounds: bool = True, depth: int = DEPTH
) -> tuple[str, Glosses] | None:
    """(rule, glosses) for ``word`` built from a glossed base; None when no rule applies.

    ``compounds=False`` skips the compound split (used when a dictionary knows the word).
    A base without a gloss may itself be derived, ``depth`` steps down.
    """

    def base_gloss(base: str) -> Glosses | None:
        return gloss_of(base) or derived_base(base)

    def derived_base(base: str) -> Glosses | None:
        if base == word or depth <= 0 or gloss_of(base):
            return None
        derived = derived_gloss(base, gloss_of, compounds=False, depth=depth - 1)
        return derived[1] if derived else None

    if word in _not_transparent():  # remark is no mark again, archer no one who arches
        return compound_gloss(word, gloss_of) if compounds else None
    if _prefix_first(word) and (found := _by_prefix(word, base_gloss)):
        return found
    for suffix, bases, base_pos, make, pos in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < _MIN_BASE:
            continue
        candidates = [b for b in bases(word) if len(b) >= _MIN_BASE and b != word]
        # a base glossed itself first: comedian <- comedy, not comed <- come
        for look_up in (gloss_of, derived_base):
            for base in candidates:
                if items := _base_items(look_up(base), base_pos):
                    gloss = "，".join(dict.fromkeys(map(make, items)))
                    return f"-{suffix} <- {base}", [(pos, gloss)]
    found = _by_prefix(word, base_gloss)
    return found or (compound_gloss(word, gloss_of) if compounds else None)


@cache
def _not_transparent() -> frozenset[str]:
    """The reviewed derivations whose meaning is not their base's (derivation_exceptions.tsv)."""
    return frozenset(load_exceptions())


def _prefix_first(word: str) -> bool:
    """A negation whose rest is a word reads prefix first: un+governable, not ungovern+able;
    in-/im- only before an adjective ending (in+supportable; not in+formative)."""
    if word.startswith("un"):
        return True
    return word.startswith(("in", "im")) and word.endswith(ADJECTIVE_ENDINGS)


def _by_prefix(word: str, base_gloss: GlossOf) -> tuple[str, Glosses] | None:
    for prefix, base_pos, head in _PREFIXES:
        base = word[len(prefix) :]
        if word.startswith(prefix) and len(base) >= _MIN_BASE + 1:
            glosses = base_gloss(base)
            if prefix == "un" and glosses and (gloss := _un_gloss(base, glosses)):
                return f"un- <- {base}", [gloss]
            items = _items(glosses, base_pos) if glosses else []
            if items:
                gloss = "，".join(head + _strip_de(i) for i in items)
                return f"{prefix}- <- {base}", [(glosses[0][0], gloss)]
    return None


def _un_gloss(base: str, glosses: Glosses) -> tuple[str, str] | None:
    """un- before a participle (unguarded: 未 + the verb) or a verb (unshackle: 解除 +
    the verb); None for the usual 不 + adjective."""
    if base.endswith("ed"):
        items = _items(glosses, "v") or _items(glosses)
        return ("adj", "，".join("未" + _strip_de(i) for i in items)) if items else None
    if glosses[0][0] == "v":
        items = _items(glosses, "v")
        return ("v", "，".join("解除" + i for i in items)) if items else None
    return None


def compound_gloss(word: str, gloss_of: GlossOf) -> tuple[str, Glosses] | None:
    """A closed or hyphenated compound shown as its parts (tree（树）+ house（房子）).

    A guess from the parts is often not the compound's meaning (check + list is no 支票列表),
    so the reader sees the parts it was made from rather than a made-up Chinese word."""
    if " " in word:
        return None
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        if len(parts) >= 2 and all(items := [_part_items(p, gloss_of) for p in parts]):
            return "compound", [("", _breakdown(parts, items))]
        return None
    splits = list(_closed_splits(word, gloss_of))
    # sea + shell before seas + hell: a split whose left part is a plural comes last
    splits.sort(key=lambda split: _plural(split[0][0], gloss_of))
    return ("compound", [("", _breakdown(*splits[0]))]) if splits else None


def _closed_splits(word: str, gloss_of: GlossOf) -> Iterator[tuple[list[str], list[list[str]]]]:
    """(parts, their gloss items) for each way to cut ``word`` into two glossed words."""
    for cut in range(_MIN_LEFT, len(word) - _MIN_RIGHT + 1):
        left, right = word[:cut], word[cut:]
        if left in _NOT_COMPOUND_LEFT or right in _NOT_COMPOUND_RIGHT:
            continue
        left_items = _part_items(left, gloss_of)
        right_items = _part_items(right, gloss_of) if left_items else []
        if left_items and right_items:
            yield [left, right], [left_items, right_items]


def _plural(part: str, gloss_of: GlossOf) -> bool:
    return part.endswith("s") and not part.endswith("ss") and bool(gloss_of(part[:-1]))


_NOTE = re.compile(r"（[^（）]*）|\([^()]*\)")  # 一（个）, (动物的)尾巴


def _breakdown(parts: list[str], items: list[list[str]]) -> str:
    """tree（树） + house（房子）: each part with its first gloss item, notes left out."""
    pairs = zip(parts, items, strict=True)
    return " + ".join(f"{part}（{_plain(found[0])}）" for part, found in pairs)


def _plain(item: str) -> str:
    return _strip_de(_NOTE.sub("", item).strip() or item)


def _part_items(part: str, gloss_of: GlossOf) -> list[str]:
    """The first gloss item of a compound's part; none for a part glossed only as a name
    (chur + chill, mary + land: a name's pieces, not a compound)."""
    glosses = [g for g in gloss_of(part) or [] if g[0] != CAPITAL_POS]
    return _items(glosses, "n", limit=1) if glosses else []
