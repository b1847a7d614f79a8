"""What every rendering of a worksheet shares: headings, the header's fields, the option lines
and the answer key, as plain strings and lists (the HTML, DOCX and PDF writers lay them out)."""

from __future__ import annotations

import random
import re

from yingdu.lexicon import BAND_LABELS

from .generate import TYPE_LABELS
from .vocab import INSTRUCTIONS as VOCAB_INSTRUCTIONS

NUMERALS = "一二三四五六七八九十"
STUDENT_FIELDS = ("班级", "姓名", "学号", "得分")
KEY_TITLE = "参考答案"
BLANK = re.compile(r"___(\d+)___(?: \(([^)]*)\))?")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def heading(index: int, section: dict) -> str:
    return f"{NUMERALS[index]}、{TYPE_LABELS[section['type']]}"


def instructions(section: dict) -> str:
    return section.get("instructions") or VOCAB_INSTRUCTIONS


def subtitle(worksheet: dict) -> str:
    """'来源：… · 级别：中考' under the title."""
    parts = []
    if worksheet.get("source"):
        parts.append(f"来源：{worksheet['source']}")
    parts.append(f"级别：{BAND_LABELS.get(worksheet['level'], worksheet['level'])}")
    return " · ".join(parts)


def paragraphs(passage: str) -> list[str]:
    """The passage's paragraphs (blank lines or single line breaks), spaces tidied."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", passage) if p.strip()]


def pieces(paragraph: str):
    """Split a paragraph into ('text', str) and ('blank', n, hint) pieces."""
    at = 0
    for match in BLANK.finditer(paragraph):
        if match.start() > at:
            yield ("text", paragraph[at : match.start()])
        yield ("blank", int(match.group(1)), match.group(2))
        at = match.end()
    if at < len(paragraph):
        yield ("text", paragraph[at:])


def option_lines(section: dict) -> list[str]:
    """The lines printed under the passage: cloze options per item, 七选五 options A–G."""
    if section["type"] == "cloze":
        return [
            f"{item['n']}. "
            + "    ".join(f"{LETTERS[i]}. {o}" for i, o in enumerate(item["options"]))
            for item in section["items"]
        ]
    if section["type"] == "seven":
        return [f"{LETTERS[i]}. {option}" for i, option in enumerate(section["options"])]
    return []


def vocab_glosses(section: dict, seed) -> list[str]:
    """The glosses of a vocabulary section in the shuffled order they are printed in (the same
    for the same seed), to match with the words."""
    glosses = [item["gloss"] for item in section["items"]]
    random.Random(f"{seed}:vocab-order").shuffle(glosses)
    return glosses


def vocab_match_answer(section: dict, seed) -> list[str]:
    glosses = vocab_glosses(section, seed)
    return [LETTERS[glosses.index(item["gloss"])] for item in section["items"]]


def spelling_prompt(item: dict) -> str:
    return f"{item['gloss']}  {item['answer'][0]}________"


def key_lines(section: dict, seed) -> list[str]:
    """The answer key of a section, one line per item, explained where the JSON says why."""
    kind = section["type"]
    if kind == "vocab":
        letters = vocab_match_answer(section, seed)
        return [
            f"{item['n']}. {item['word']} — {letter}. {item['gloss']}；拼写：{item['answer']}"
            for item, letter in zip(section["items"], letters, strict=True)
        ]
    lines = []
    for item in section["items"]:
        if kind == "cloze":
            line = f"{item['n']}. {item['answer']}（{item['answer_text']}）"
        elif kind == "grammar":
            line = f"{item['n']}. {item['answer']}"
        else:
            line = f"{item['n']}. {item['answer']}"
        if item.get("explanation"):
            line += f"  {item['explanation']}"
        lines.append(line)
    return lines


def file_stem(worksheet: dict) -> str:
    """A file name (no suffix) for downloads: the title without path characters."""
    title = re.sub(r'[\\/:*?"<>|\s]+', "_", worksheet.get("title") or "").strip("_")
    return f"{title or 'worksheet'}_练习"
