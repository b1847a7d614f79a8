"""The school grades of the Chinese curriculum, written once for the whole project.

Codes are p1–p6 (小学), j1–j3 (初中), s1–s3 (高中) and college (大学). Each grade has the
English msgid shown through the site's translations (一年级 … 高三, 大学 in Chinese) and the
Chinese names pages write it with, which the importer recognizes. Compositions, resources,
search, demo content and `yingdu import --json` all use these codes.

Plain Python (no Django): the import parser uses it too. Django choices: yingdu.core.grades.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Marks a msgid for the translation catalogue without importing Django."""
    return message


@dataclass(frozen=True)
class Grade:
    code: str
    label: str  # English msgid; zh_Hans shows 一年级 … 大学
    names: tuple[str, ...]  # how Chinese pages write it


GRADES: tuple[Grade, ...] = (
    Grade("p1", gettext_noop("Grade 1"), ("一年级",)),
    Grade("p2", gettext_noop("Grade 2"), ("二年级",)),
    Grade("p3", gettext_noop("Grade 3"), ("三年级",)),
    Grade("p4", gettext_noop("Grade 4"), ("四年级",)),
    Grade("p5", gettext_noop("Grade 5"), ("五年级",)),
    Grade("p6", gettext_noop("Grade 6"), ("六年级",)),
    Grade("j1", gettext_noop("Junior 1"), ("初一", "七年级")),
    Grade("j2", gettext_noop("Junior 2"), ("初二", "八年级")),
    Grade("j3", gettext_noop("Junior 3"), ("初三", "九年级")),
    Grade("s1", gettext_noop("Senior 1"), ("高一",)),
    Grade("s2", gettext_noop("Senior 2"), ("高二",)),
    Grade("s3", gettext_noop("Senior 3"), ("高三",)),
    Grade("college", gettext_noop("College"), ("大学", "大一", "大二", "大三", "大四")),
)
CODES: tuple[str, ...] = tuple(g.code for g in GRADES)
BY_CODE: dict[str, Grade] = {g.code: g for g in GRADES}

# The codes compositions used before one scheme: g1 … g12 for the twelve school years.
LEGACY_CODES: dict[str, str] = {f"g{n}": g.code for n, g in enumerate(GRADES[:12], start=1)}

_CODE_OF_NAME = {name: g.code for g in GRADES for name in g.names}
_NAME = re.compile("|".join(sorted(_CODE_OF_NAME, key=len, reverse=True)))


def current_code(code: str | None) -> str | None:
    """A grade code as stored today: legacy g-codes (saved links) mapped, unknown -> None."""
    code = LEGACY_CODES.get(code, code)
    return code if code in BY_CODE else None


def grade_in(text: str | None) -> str | None:
    """The first grade named in a text: '三年级' -> 'p3', '初二' / '八年级' -> 'j2',
    '高三' -> 's3', '大学' -> 'college'; None when there is none."""
    match = _NAME.search(text or "")
    return _CODE_OF_NAME[match.group()] if match else None
