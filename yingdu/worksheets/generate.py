"""Make a worksheet from an English text: ``generate(text, level, …)`` returns the JSON-ready
dict documented in docs/worksheets.md; ``fill(section)`` puts every answer back (giving the
original text).  The same text, level, types, seed and pool give the same worksheet."""

from __future__ import annotations

import random

from yingdu.lexicon import BAND_LABELS, LEVELS
from yingdu.lexicon.store import Lexicon, load_lexicon

from .cloze import make_cloze
from .grammar import make_grammar
from .passage import BLANK, read_passage
from .seven import NotEnough, make_seven
from .vocab import make_vocab

TYPES = ("cloze", "grammar", "seven", "vocab")
TYPE_LABELS = {"cloze": "完形填空", "grammar": "语法填空", "seven": "七选五", "vocab": "词汇"}
MAX_CHARS = 60_000  # a worksheet is made from an article, not a book
MIN_WORDS = 60


class WorksheetError(ValueError):
    """The text, level or types cannot make a worksheet; the message is for the user."""


def level_code(level: str) -> str:
    """The band code of a level given by code (senior) or label (高考)."""
    for code in LEVELS:
        if level in (code, BAND_LABELS[code]):
            return code
    labels = "、".join(f"{code}（{BAND_LABELS[code]}）" for code in LEVELS)
    raise WorksheetError(f"未知的级别 {level!r}；可选：{labels}")


def parse_types(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Exercise types from 'cloze,grammar' or a list, in the order of TYPES."""
    wanted = value.split(",") if isinstance(value, str) else list(value)
    wanted = [w.strip() for w in wanted if w.strip()]
    unknown = [w for w in wanted if w not in TYPES]
    if unknown or not wanted:
        raise WorksheetError(f"未知的练习类型 {','.join(unknown)!r}；可选：{','.join(TYPES)}")
    return tuple(t for t in TYPES if t in wanted)


def generate(
    text: str,
    level: str,
    *,
    types=TYPES,
    seed: int = 0,
    title: str = "",
    source: str = "",
    pool: list[str] | tuple[str, ...] = (),
    blanks: int | None = None,
    lexicon: Lexicon | None = None,
) -> dict:
    """The worksheet of ``text`` for a reader at ``level`` (see the module docstring)."""
    code = level_code(level)
    types = parse_types(types)
    _check_text(text)
    lexicon = lexicon or load_lexicon()
    passage = read_passage(text, lexicon)
    if len(passage.words) < MIN_WORDS:
        raise WorksheetError(f"文本太短：至少需要 {MIN_WORDS} 个英语单词")
    rank = LEVELS.index(code)
    sections = []
    for kind in types:
        rng = random.Random(f"{seed}:{kind}")
        try:
            section = _make(kind, passage, rank, lexicon, rng, list(pool), blanks)
        except NotEnough as exc:
            raise WorksheetError(str(exc)) from None
        if not section["items"]:
            raise WorksheetError(f"这篇文本做不出{TYPE_LABELS[kind]}：没有合适的词")
        sections.append(section)
    return {"title": title, "source": source, "level": code, "seed": seed, "sections": sections}


def _check_text(text: str) -> None:
    if not text.strip():
        raise WorksheetError("文本为空")
    if len(text) > MAX_CHARS:
        raise WorksheetError(f"文本太长：最多 {MAX_CHARS:,} 个字符")
    if BLANK.search(text):
        raise WorksheetError("文本里已经有 ___1___ 这样的空格记号")


def _make(kind, passage, rank, lexicon, rng, pool, blanks) -> dict:
    if kind == "cloze":
        made = make_cloze(passage, rank, lexicon, rng, blanks)
    elif kind == "grammar":
        made = make_grammar(passage, rank, lexicon, rng)
    elif kind == "seven":
        made = make_seven(passage, lexicon, rng, pool)
    else:
        made = make_vocab(passage, rank, lexicon, rng)
    section = {"type": kind, "instructions": made["instructions"]}
    if "spans" in made:
        section["passage"] = blank_out(passage.text, made["spans"])
    if "options" in made:
        section["options"] = made["options"]
    section["items"] = made["items"]
    return section


def blank_out(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end) replaced by its blank (spans do not overlap)."""
    parts, at = [], 0
    for start, end, blank in sorted(spans):
        parts += [text[at:start], blank]
        at = end
    parts.append(text[at:])
    return "".join(parts)


def fill(section: dict) -> str:
    """The passage of ``section`` with every blank replaced by its answer."""
    passage = section["passage"]
    for item in section["items"]:
        blank = f"___{item['n']}___"
        if section["type"] == "grammar" and item["hint"]:
            blank += f" ({item['hint']})"
        if section["type"] == "cloze":
            answer = item["answer_text"]
        elif section["type"] == "seven":
            answer = section["options"]["ABCDEFG".index(item["answer"])]
        else:
            answer = item["answer"]
        passage = passage.replace(blank, answer, 1)
    return passage
