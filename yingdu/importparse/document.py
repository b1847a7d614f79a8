"""What an import produces for one source item, and the error a failing source raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

KINDS = ("news", "bilingual", "daily_term", "composition", "zh_news")


class SourceError(Exception):
    """A source that cannot be imported; the message says why, for the editor."""


@dataclass
class Parsed:
    """One item parsed from a page or a text, ready to be saved (or printed)."""

    source: str
    kind: str
    title: str
    paragraphs: list[str]
    date: date | None = None
    lang: str = "en"
    title_zh: str = ""
    dateline_place: str = ""
    dateline_date: str = ""
    section: str | None = None
    pairs: list[tuple[str, str]] = field(default_factory=list)
    term_zh: str = ""
    term_en: str = ""
    grade: str | None = None
    length: int | None = None
    site_name: str = ""

    def to_json(self) -> dict:
        """The fields of `yingdu import --json` (null where they do not apply)."""
        is_news = self.kind in ("news", "zh_news")
        is_term = self.kind == "daily_term"
        return {
            "kind": self.kind,
            "title": self.title,
            "title_zh": self.title_zh or None,
            "date": self.date.isoformat() if self.date else None,
            "dateline_place": self.dateline_place or None,
            "dateline_date": self.dateline_date or None,
            "section": self.section if is_news else None,
            "lang": self.lang,
            "paragraphs": list(self.paragraphs),
            "pairs": [list(p) for p in self.pairs] if self.pairs else None,
            "term_zh": self.term_zh if is_term else None,
            "term_en": self.term_en if is_term else None,
            "grade": self.grade if self.kind == "composition" else None,
            "length": self.length,
            "site_name": self.site_name or None,
        }
