"""Pages and pasted text -> `Parsed` items: trafilatura for the main text and metadata of
HTML, then Yingdu's own line filters and portal conventions (see `lines` and `portal`)."""

from __future__ import annotations

import re
from datetime import date
from html import escape

from . import portal
from .blocks import body_paragraphs
from .document import PARSE_KINDS, Parsed, SourceError, paragraph_html, plain
from .lines import (
    COPYRIGHT,
    clean_lines,
    is_body_like,
    is_boilerplate,
    normalize_line,
    page_lines,
    script_lang,
    trim_title_runs,
    untaught_language,
    wrapped_paragraphs,
)

DATE_PARAMS = {"extensive_search": False, "original_date": True}
TRAFILATURA_OPTIONS = {
    "with_metadata": True,
    "favor_precision": False,  # menus and lists out; our own line filters do the rest
    "include_comments": False,
    "include_tables": True,  # kept as tables (see `blocks`)
    "include_links": True,  # lists of links to other pages are title lists, not the article
    "date_extraction_params": DATE_PARAMS,  # no guessing from copyright years
}
TITLE_SUFFIX = re.compile(r"\s*(?:_| - | \| | – | — )\s*")
MAX_TITLE = 300
UNTITLED_CHARS = 60
HTML_LANG = re.compile(r"""(?is)<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})""")


def _today() -> date:
    return date.today()


def parse_html(
    html: str, source: str, kind: str = "auto", url: str | None = None, today: date | None = None
) -> Parsed:
    """One item from an HTML page (already decoded to text)."""
    import trafilatura

    if not html.strip():
        raise SourceError("empty page")
    if "<" not in html[:4096] and not is_body_like(normalize_line(html[:400])):
        raise SourceError("not an HTML page")
    try:
        doc = trafilatura.bare_extraction(html, url=url, **TRAFILATURA_OPTIONS)
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken input
        raise SourceError(f"the page cannot be parsed as HTML ({type(exc).__name__})") from exc
    visible = page_lines(html)
    declared = HTML_LANG.search(html[:4096])
    declared = declared.group(1) if declared else ""
    if doc is None or not (doc.text or "").strip():
        _refuse_untaught("\n".join(visible), declared)
        raise SourceError("no article text found in the page")
    extracted = _extracted_paragraphs(doc)
    _refuse_untaught("\n".join(map(plain, extracted)), declared)
    meta = portal.page_meta(visible)
    page_date = _iso_date(doc.date) or meta.date
    title = _clean_title(doc.title or "", doc.sitename or "")
    # what trafilatura found is never refused: our filters may only narrow it down
    body = portal.trim_article_end(clean_lines(extracted)) or _link_lines(extracted)
    if not body:  # menu bars and copyright lines only
        raise SourceError("no article text found in the page")
    site = (doc.sitename or meta.source or "").strip()
    return build(source, title, body, meta, page_date, site, kind, today or _today())


def _extracted_paragraphs(doc) -> list[str]:
    if doc.body is not None and len(doc.body):
        return body_paragraphs(doc.body)
    lines = (normalize_line(line) for line in doc.text.split("\n"))
    return [line for line in lines if line]


MENU_ENTRY_CHARS = 8  # entries of a menu bar (首页 | 新闻 | 关于) are shorter on average


def _link_lines(extracted: list[str]) -> list[str]:
    """A page made of links (a link list, a table of contents) that trafilatura extracted:
    its lines, but for menu bars and copyright lines, rather than nothing."""
    kept = []
    for line in extracted:
        entries = [e for e in re.split(r"[|｜]", plain(line)) if e.strip()]
        is_menu = len(entries) > 1 and sum(map(len, entries)) < MENU_ENTRY_CHARS * len(entries)
        if not is_menu and not COPYRIGHT.search(plain(line)):
            kept.append(line)
    return kept


def _refuse_untaught(text: str, declared: str = "") -> None:
    lang = untaught_language(text, declared)
    if lang:
        raise SourceError(f"language not taught: {lang} (Yingdu imports English and Chinese)")


def parse_text(text: str, source: str, kind: str = "auto", today: date | None = None) -> Parsed:
    """One item from plain text copied from a page: the runs of short title-like lines,
    filter rows and copyright lines around the body are dropped; the body's paragraphs stay
    in order."""
    lines = _text_lines(text)
    if not lines:
        raise SourceError("empty text")
    _refuse_untaught("\n".join(lines))
    meta = portal.page_meta(lines)
    leading, body = trim_title_runs(clean_lines(lines))
    body = portal.trim_article_end(body)
    if not body or not any(is_body_like(line) for line in body):
        raise SourceError("no article text found")
    title = _title_from_lines(lines, leading, body)
    return build(source, title, body, meta, meta.date, meta.source, kind, today or _today())


def _text_lines(text: str) -> list[str]:
    """Paragraph lines of a pasted text: one per line, except wrapped lines, which are joined
    back into their paragraph."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [normalize_line(line) for line in block.split("\n")]
        out.extend(wrapped_paragraphs([line for line in lines if line]))
    return out


def _title_from_lines(lines: list[str], leading: list[str], body: list[str]) -> str:
    for line in lines:  # a portal title anywhere before the body wins
        if line == body[0]:
            break
        if portal.split_section(line)[0] or portal.split_daily_term(line):
            return line
    for line in reversed(leading):
        if not is_boilerplate(line) and len(line) >= 4:
            return line
    return ""


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean_title(title: str, site: str) -> str:
    """'我家的小菜园_三年级作文_小学作文网' -> '我家的小菜园' (the <title> suffixes)."""
    title = normalize_line(title)
    parts = TITLE_SUFFIX.split(title)
    if len(parts) > 1 and (site and site in parts[-1] or "_" in title or parts[-1].endswith("网")):
        head = parts[0]
        if len(head) >= 4:
            return head
    return title


def _untitled(body: list[str]) -> str:
    """A title from the first paragraph: its first sentence after the dateline, shortened
    at a word to about 60 characters."""
    first = plain(body[0]).split("\n")[0]
    dateline = portal.DATELINE.match(first)
    if dateline:
        first = first[dateline.end() :]
    first = re.split(r"(?<=[.!?。！？])\s", first, maxsplit=1)[0].strip()
    if len(first) <= UNTITLED_CHARS:
        return first
    cut = first[:UNTITLED_CHARS]
    if script_lang(cut) != "zh" and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:，、") + "…"


def guess_kind(title: str, body: list[str], meta: portal.PageMeta) -> str:
    if portal.split_daily_term(title):
        return "daily"
    if portal.split_section(title)[0]:
        return "news"
    crumb = meta.breadcrumb
    if meta.grade or "作文" in crumb or portal.COMPOSITION_PREFIX.match(title):
        return "compositions"
    pairs, _ = portal.align_pairs(body)
    paired = 2 * len(pairs)
    bilingual_hint = "双语" in crumb or portal.BILINGUAL_PREFIX.match(title)
    if (len(pairs) >= 2 and paired >= 0.6 * len(body)) or (pairs and bilingual_hint):
        return "bilingual"
    return "zh_news" if script_lang(" ".join(map(plain, body))) == "zh" else "news"


def build(
    source: str,
    title: str,
    body: list[str],
    meta: portal.PageMeta,
    page_date: date | None,
    site: str,
    kind: str,
    today: date,
) -> Parsed:
    """The item of the requested (or guessed) kind from a cleaned title and body."""
    if kind != "auto" and kind not in PARSE_KINDS:
        raise SourceError(f"unknown kind {kind!r}")
    title = normalize_line(title)
    body = [line for line in body if line != title]
    if not body:
        raise SourceError("no article text found")
    if kind == "auto":
        kind = guess_kind(title, body, meta)
    item = Parsed(source=source, kind=kind, title=title, paragraphs=body, date=page_date)
    item.site_name = site[:100]
    BUILDERS[kind](item, meta, today)
    item.title = (item.title or _untitled(item.paragraphs))[:MAX_TITLE]
    return as_html(item)


HTML_PAIRS = {"bilingual"}  # kinds whose pairs are stored as HTML (a term's examples are text)


def as_html(item: Parsed) -> Parsed:
    """Escape the plain text that is stored as HTML (bodies, bilingual pairs), so that a
    written `<a href=…>` or `<script>` is shown as written, never run or dropped."""
    item.paragraphs = [paragraph_html(p) for p in item.paragraphs]  # blocks are HTML already
    if item.kind in HTML_PAIRS:
        item.pairs = [(escape(en, quote=False), escape(zh, quote=False)) for en, zh in item.pairs]
    return item


def _news(item: Parsed, meta: portal.PageMeta, today: date) -> None:
    section, item.title = portal.split_section(item.title)
    item.lang = "en"
    line = portal.find_dateline(plain(item.paragraphs[0]))
    if line:
        item.dateline_place, item.dateline_date = line.place[:80], line.printed
        item.date = portal.dateline_date(line, item.date, today) or item.date
    if section is None:
        if "国内英语资讯" in meta.breadcrumb:
            section = "domestic"
        elif "国际英语资讯" in meta.breadcrumb:
            section = "international"
        elif line and portal.is_chinese_place(line.place):
            section = "domestic"
        else:
            section = "international"
    item.section = section


def _zh_news(item: Parsed, meta: portal.PageMeta, today: date) -> None:
    item.section, item.lang = "zh", "zh"
    item.title = portal.split_section(item.title)[1]


def _bilingual(item: Parsed, meta: portal.PageMeta, today: date) -> None:
    pairs, _ = portal.align_pairs(item.paragraphs)
    if not pairs:
        raise SourceError("no English paragraph followed by its Chinese translation")
    item.pairs, item.lang = pairs, "en-zh"
    zh, en = portal.split_languages(portal.strip_known_prefix(item.title))
    item.title, item.title_zh = (en or zh), (zh if en else "")


def _daily_term(item: Parsed, meta: portal.PageMeta, today: date) -> None:
    term = portal.split_daily_term(item.title)
    if term is None:
        term = portal.split_languages(portal.DAILY_PREFIX.sub("", item.title))
    term_zh, term_en = term
    if not term_zh or not term_en:
        raise SourceError(
            "the title has no Chinese term and English rendering (每日一词∣中文 English)"
        )
    if item.date is None:
        raise SourceError("no date found for the daily term (it needs the page's date)")
    item.term_zh, item.term_en = term_zh[:100], term_en[:200]
    item.title, item.lang = f"{item.term_zh} {item.term_en}", "en"
    body = [p for p in item.paragraphs if normalize_line(p) != f"{term_zh} {term_en}"]
    pairs, unpaired = portal.align_pairs(body)
    explanation = [p for p in unpaired if script_lang(p) == "zh"]
    examples = pairs + [(p, "") for p in unpaired if script_lang(p) == "en"]
    item.pairs, item.paragraphs = examples, explanation


def _composition(item: Parsed, meta: portal.PageMeta, today: date) -> None:
    item.lang = script_lang(" ".join(map(plain, item.paragraphs))) or "zh"
    item.title = portal.strip_known_prefix(item.title)
    item.grade = meta.grade or portal.grade_code(meta.breadcrumb) or portal.grade_code(item.title)
    if item.grade is None:
        raise SourceError("no grade found for the composition (一年级 … 六年级, 初一 … 高三, 大学)")
    item.length = meta.length


BUILDERS = {
    "news": _news,
    "zh_news": _zh_news,
    "bilingual": _bilingual,
    "daily": _daily_term,
    "compositions": _composition,
}
