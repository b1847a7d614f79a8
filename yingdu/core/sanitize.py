"""Editor rich text -> safe HTML: paragraphs split on blank lines, inline tags kept by nh3.

A paragraph that is a table, list, block quote or code block (as imports store them: one
paragraph starting with its tag) keeps those block tags too; `is_block` tells it apart, so
templates do not wrap it in <p>."""

import re
from html import unescape

import nh3
from django.utils.safestring import mark_safe

INLINE_TAGS = {"a", "b", "strong", "i", "em", "u", "sub", "sup", "br", "span", "mark", "code"}
TABLE_TAGS = {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"}
BLOCK_TAGS = {"p", "ul", "ol", "li", "blockquote", "h3", "h4", "pre", *TABLE_TAGS}
BLOCK_PARAGRAPH = re.compile(r"^\s*<(table|ul|ol|blockquote|pre)[\s>]", re.IGNORECASE)
ATTRIBUTES = {"a": {"href", "title"}}


def clean_html(text: str, allow_blocks: bool = False) -> str:
    tags = INLINE_TAGS | (BLOCK_TAGS if allow_blocks else set())
    return nh3.clean(
        text or "",
        tags=tags,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def is_block(paragraph: str) -> bool:
    """Whether a stored paragraph is a table, list, block quote or code block."""
    return bool(BLOCK_PARAGRAPH.match(paragraph or ""))


def clean_paragraph(paragraph: str) -> str:
    return clean_html(paragraph, allow_blocks=is_block(paragraph))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a body: separated by blank lines (Windows line ends tolerated)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(p.split("\n")).strip() for p in text.split("\n\n") if p.strip()]


def safe_paragraphs(text: str) -> list[str]:
    return [mark_safe(clean_paragraph(p)) for p in split_paragraphs(text)]  # noqa: S308 (nh3)


def keyed_paragraphs(text: str, prefix: str = "p") -> dict[str, str]:
    """{"p0": cleaned HTML, "p1": …}: the paragraphs of a body, keyed for reading aids."""
    return {f"{prefix}{n}": clean_paragraph(p) for n, p in enumerate(split_paragraphs(text))}


def plain_text(html: str) -> str:
    """The text of rich text without any tag (for search and fingerprints)."""
    return unescape(nh3.clean(html or "", tags=set()))
