"""Editor rich text -> safe HTML: paragraphs split on blank lines, inline tags kept by nh3."""

from html import unescape

import nh3
from django.utils.safestring import mark_safe

INLINE_TAGS = {"a", "b", "strong", "i", "em", "u", "sub", "sup", "br", "span", "mark", "code"}
BLOCK_TAGS = {"p", "ul", "ol", "li", "blockquote", "h3", "h4"}
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


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a body: separated by blank lines (Windows line ends tolerated)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(p.split("\n")).strip() for p in text.split("\n\n") if p.strip()]


def safe_paragraphs(text: str) -> list[str]:
    return [mark_safe(clean_html(p)) for p in split_paragraphs(text)]  # noqa: S308 (nh3-cleaned)


def keyed_paragraphs(text: str, prefix: str = "p") -> dict[str, str]:
    """{"p0": cleaned HTML, "p1": …}: the paragraphs of a body, keyed for reading aids."""
    return {f"{prefix}{n}": clean_html(p) for n, p in enumerate(split_paragraphs(text))}


def plain_text(html: str) -> str:
    """The text of rich text without any tag (for search and fingerprints)."""
    return unescape(nh3.clean(html or "", tags=set()))
