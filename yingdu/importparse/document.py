"""What an import produces for one source item, and the error a failing source raises.

A paragraph is plain text, or a `Block`: a table, list, block quote or code block the
importer built as HTML from a page's extracted structure (every text in it escaped).
`paragraph_html` is a paragraph as the saved item's body holds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape

# The kinds an import can produce, spelled as the site's registry of content kinds
# (yingdu.core.kinds; tests/test_kinds.py checks that they match).
PARSE_KINDS = ("news", "zh_news", "daily", "bilingual", "compositions")


class Block(str):
    """A paragraph that is already safe HTML (`<table>`, `<ul>`, `<ol>`, `<blockquote>`,
    `<pre>`); `text` is its plain text, one line per cell row, item or code line, for the
    line filters and language tests; `links` the share of that text in links."""

    def __new__(cls, html: str, text: str = "", kind: str = "", links: float = 0.0):
        block = super().__new__(cls, html)
        block.text, block.kind, block.links = text, kind, links
        return block

    def __reduce__(self):  # pickled to and from parser worker processes
        return Block, (str(self), self.text, self.kind, self.links)


def plain(paragraph: str) -> str:
    """The plain text of a paragraph or a block."""
    return paragraph.text if isinstance(paragraph, Block) else paragraph


def paragraph_html(paragraph: str) -> str:
    """A paragraph as stored in an item's body: a block as it is (still a `Block`), plain
    text escaped (a pasted `<a href>` or `<script>` stays visible text, never markup)."""
    return paragraph if isinstance(paragraph, Block) else escape(paragraph, quote=False)


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
        is_term = self.kind == "daily"
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
            "grade": self.grade if self.kind == "compositions" else None,
            "length": self.length,
            "site_name": self.site_name or None,
        }
