"""Split Chinese definitions (``"n. 能力;才能 vt.离弃"``) into (part of speech, gloss) pairs."""

from __future__ import annotations

import re

from yingdu.text import HAN, HAN_RANGES

# Raw part-of-speech abbreviations seen in the sources -> normalized code.
POS_CODES = {
    "n": "n",
    "pl": "n",
    "v": "v",
    "vt": "v",
    "vi": "v",
    "aux": "v",
    "modal": "v",
    "link-v": "v",
    "a": "adj",
    "adj": "adj",
    "ad": "adv",
    "adv": "adv",
    "prep": "prep",
    "conj": "conj",
    "pron": "pron",
    "art": "art",
    "num": "num",
    "int": "int",
    "interj": "int",
    "abbr": "abbr",
}
_POS_ALT = "|".join(sorted(POS_CODES, key=len, reverse=True))
_BEFORE = rf"(?:^|(?<=[\s;；,，、)）\]{HAN_RANGES}]))"
POS_GROUP = re.compile(rf"{_BEFORE}((?:{_POS_ALT})\.(?:\s*[&/]\s*(?:{_POS_ALT})\.)*)\s*")
_ONE_POS = re.compile(rf"({_POS_ALT})\.")
_NUMBERED = re.compile(r"(?:^|\s)\d{1,2}\s*[.、]\s*")
_SQUASH = re.compile(r"\s+")
_EDGE = " \t;；,，、.。|"
_FORM_LIST = re.compile(r"\((?:\s*-?[A-Za-z'’-]+\s*[,/]\s*)+-?[A-Za-z'’-]+\s*\)")


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a CJK ideograph."""
    return bool(HAN.search(text))


def clean_gloss(text: str) -> str:
    """Tidy one gloss: numbered senses joined with '；', spaces squashed, stray separators cut."""
    text = _FORM_LIST.sub("", _NUMBERED.sub("；", text))
    text = _SQUASH.sub(" ", text).strip(_EDGE)
    text = re.sub(r"[;；]\s*[;；]+", "；", text)
    return text


def split_pos_glosses(text: str) -> list[tuple[str, str]]:
    """Parse one definition line into ``[(pos, gloss), ...]`` (pos '' when none is given)."""
    pairs: list[tuple[str, str]] = []
    matches = list(POS_GROUP.finditer(text))
    head = text[: matches[0].start()] if matches else text
    if has_cjk(head):
        pairs.append(("", clean_gloss(head)))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        gloss = clean_gloss(text[m.end() : end])
        if not gloss or not has_cjk(gloss):
            continue
        for raw in _ONE_POS.findall(m.group(1)):
            pairs.append((POS_CODES[raw], gloss))
    return _dedupe(pairs)


def parse_definition(text: str) -> list[tuple[str, str]]:
    """Parse a multi-line definition (ECDICT ``translation``: lines split by a literal ``\\n``).

    Lines tagged ``[网络]`` (web usage) and name readings (``人名``) are kept only when nothing
    better exists; subject tags like ``[医]`` are dropped from the text.
    """
    main: list[tuple[str, str]] = []
    weak: list[tuple[str, str]] = []
    for line in text.replace("\\n", "\n").splitlines():
        line = line.strip()
        if not line:
            continue
        target = weak if line.startswith("[网络]") or "人名" in line else main
        line = re.sub(r"^\[[^\]]{1,6}\]\s*", "", line)
        target.extend(split_pos_glosses(line))
    return _dedupe(main or weak)


def _dedupe(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for pair in pairs:
        if pair[1] and pair not in seen:
            seen.add(pair)
            out.append(pair)
    return out


def merge_glosses(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join glosses sharing a part of speech, keeping first-seen order."""
    merged: dict[str, list[str]] = {}
    for pos, gloss in pairs:
        bucket = merged.setdefault(pos, [])
        if gloss not in bucket:
            bucket.append(gloss)
    return [(pos, "；".join(glosses)) for pos, glosses in merged.items()]
