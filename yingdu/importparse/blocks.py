"""The structure trafilatura extracted (its XML body: p, head, list, quote, code, table) ->
an item's paragraphs: plain text for paragraphs and headings (wrapped lines joined), and
`Block`s of escaped HTML for tables, lists, block quotes and code, so nothing it found is
lost on the way to the saved item."""

from __future__ import annotations

from html import escape

from .document import Block
from .lines import is_boilerplate, join_wrapped, normalize_line

LIST_TAGS = {"ol": "ol"}  # trafilatura's rend attribute -> HTML list tag (default ul)


NESTED_BLOCKS = {"p", "item", "list", "quote", "table", "row", "cell", "head"}


def _raw_text(element) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag in NESTED_BLOCKS:
            parts.append("\n" + _raw_text(child) + "\n")
        else:  # inline: hi, ref, del …
            parts.append(_raw_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def element_lines(element) -> list[str]:
    """The text of an element, cut at its line breaks (<lb/>), spaces normalized."""
    lines = (normalize_line(line) for line in _raw_text(element).split("\n"))
    return [line for line in lines if line]


def element_text(element) -> str:
    return join_wrapped(element_lines(element))


def link_share(element) -> float:
    """How much of an element's text is the text of links (<ref>): 1.0 for a list of
    titles linking to other pages."""
    text = "".join("".join(element.itertext()).split())
    linked = "".join("".join("".join(ref.itertext()).split()) for ref in element.iter("ref"))
    return len(linked) / len(text) if text else 0.0


def _list_block(element) -> Block | None:
    items = [element_text(item) for item in element.findall("item")]
    items = [item for item in items if item and not is_boilerplate(item)]
    if not items:
        return None
    tag = LIST_TAGS.get(element.get("rend", ""), "ul")
    html = " ".join(f"<li>{escape(item, quote=False)}</li>" for item in items)
    block = Block(f"<{tag}>{html}</{tag}>", "\n".join(items), "list")
    block.links = link_share(element)
    return block


def _table_block(element) -> Block | None:
    rows: list[str] = []
    lines: list[str] = []
    for row in element.findall("row"):
        cells = []
        texts = []
        for cell in row.findall("cell"):
            text = " ".join(element_lines(cell))
            tag = "th" if cell.get("role") == "head" else "td"
            cells.append(f"<{tag}>{escape(text, quote=False)}</{tag}>")
            texts.append(text)
        line = " ".join(t for t in texts if t)
        if line and not is_boilerplate(line):  # menus of layout tables: 首页 | 资讯 | …
            rows.append(f"<tr>{' '.join(cells)}</tr>")
            lines.append(line)
    if not rows:
        return None
    return Block(f"<table>{' '.join(rows)}</table>", "\n".join(lines), "table")


def _quote_block(element) -> Block | None:
    paragraphs = [element_text(p) for p in element.findall("p")] or [element_text(element)]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return None
    html = " ".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)
    return Block(f"<blockquote>{html}</blockquote>", "\n".join(paragraphs), "quote")


def _code_block(element) -> Block | None:
    code = "".join(element.itertext()).strip("\n")
    if not code.strip():
        return None
    lines = code.split("\n")
    html = "<br>".join(escape(line, quote=False) for line in lines)  # one stored paragraph
    return Block(f"<pre><code>{html}</code></pre>", "\n".join(lines), "code")


BUILDERS = {"list": _list_block, "table": _table_block, "quote": _quote_block, "code": _code_block}


def body_paragraphs(body) -> list[str]:
    """Paragraphs and blocks of trafilatura's extracted body element, in order."""
    out: list[str] = []
    if body.text and body.text.strip():
        out.append(normalize_line(body.text))
    for element in body:
        builder = BUILDERS.get(element.tag)
        if builder is not None:
            block = builder(element)
            if block is not None:
                out.append(block)
        elif element.tag != "graphic":
            text = element_text(element)
            if text:
                out.append(text)
        tail = normalize_line(element.tail or "")
        if tail:
            out.append(tail)
    return out
