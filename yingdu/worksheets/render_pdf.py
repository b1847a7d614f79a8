"""The worksheet as a print-ready A4 PDF (reportlab) with a Chinese font embedded (subset):
the configured ``YINGDU_CJK_FONT`` or the first TrueType CJK font found on the system.  Without
one, :class:`RenderError` says how to install one."""

from __future__ import annotations

import io
from functools import lru_cache
from html import escape
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from yingdu import config

from . import layout
from .render import RenderError

FONT_NAME = "YingduCJK"
# TrueType (not CFF/OpenType-PostScript) Chinese fonts of Debian packages, most usual first.
SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
NO_FONT = (
    "没有找到可嵌入 PDF 的中文字体（TrueType .ttf/.ttc）。请安装一个，例如 Debian/Ubuntu："
    "sudo apt-get install fonts-wqy-microhei；或把 YINGDU_CJK_FONT 设为一个中文 TrueType "
    "字体文件的路径。其他格式（HTML、DOCX）不受影响。"
)


def font_path() -> Path | None:
    """The configured CJK font, or (none configured) the first system font present."""
    configured = config.load().cjk_font
    if configured:
        return configured if configured.is_file() else None
    return next((Path(p) for p in SYSTEM_FONTS if Path(p).is_file()), None)


@lru_cache(maxsize=4)
def _register(path: str) -> str:
    name = f"{FONT_NAME}{abs(hash(path)) % 10_000}"
    try:
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
    except Exception as exc:  # a CFF font or a broken file
        raise RenderError(f"{path} 不能嵌入 PDF（{exc}）。{NO_FONT}") from exc
    return name


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=10.5, leading=17)
    return {
        "title": ParagraphStyle("title", base, fontSize=17, leading=24, alignment=1),
        "meta": ParagraphStyle("meta", base, alignment=1, textColor="#444444"),
        "h2": ParagraphStyle("h2", base, fontSize=13, leading=20, spaceBefore=10, spaceAfter=3),
        "h3": ParagraphStyle("h3", base, fontSize=11.5, leading=18, spaceBefore=6),
        "cn": ParagraphStyle("cn", base, wordWrap="CJK"),
        "passage": ParagraphStyle("passage", base, firstLineIndent=21, spaceAfter=3),
        "line": ParagraphStyle("line", base, leftIndent=12, wordWrap="CJK"),
    }


def pdf_bytes(worksheet: dict) -> bytes:
    path = font_path()
    if path is None:
        raise RenderError(NO_FONT)
    styles = _styles(_register(str(path)))
    story = _header(worksheet, styles)
    for index, section in enumerate(worksheet["sections"]):
        story += _section(index, section, worksheet["seed"], styles)
    story += [PageBreak(), Paragraph(layout.KEY_TITLE, styles["title"]), Spacer(1, 6)]
    for index, section in enumerate(worksheet["sections"]):
        story.append(Paragraph(escape(layout.heading(index, section)), styles["h3"]))
        story += [_p(line, styles["line"]) for line in layout.key_lines(section, worksheet["seed"])]
    out = io.BytesIO()
    title = worksheet.get("title") or "英语练习"
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.8 * cm,
        bottomMargin=1.8 * cm, title=title, author="英读 Yingdu", invariant=True,
    )  # fmt: skip
    document.build(story)
    return out.getvalue()


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def _header(worksheet: dict, styles) -> list:
    fields = "&nbsp;&nbsp;&nbsp;&nbsp;".join(f"{f}：__________" for f in layout.STUDENT_FIELDS)
    return [
        _p(worksheet.get("title") or "英语练习", styles["title"]),
        _p(layout.subtitle(worksheet), styles["meta"]),
        Spacer(1, 4),
        Paragraph(fields, styles["meta"]),
        Spacer(1, 6),
    ]


def _section(index: int, section: dict, seed, styles) -> list:
    story = [
        _p(layout.heading(index, section), styles["h2"]),
        _p(layout.instructions(section), styles["cn"]),
    ]
    for text in layout.paragraphs(section.get("passage", "")):
        markup = "".join(_piece(piece) for piece in layout.pieces(text))
        story.append(Paragraph(markup, styles["passage"]))
    story += [_p(line, styles["line"]) for line in layout.option_lines(section)]
    if section["type"] == "vocab":
        story.append(_p("词义配对：", styles["cn"]))
        glosses = layout.vocab_glosses(section, seed)
        story += [_p(f"{layout.LETTERS[i]}. {g}", styles["line"]) for i, g in enumerate(glosses)]
        story += [_p(f"{i['n']}. {i['word']}  ____", styles["line"]) for i in section["items"]]
        story.append(_p("根据释义和首字母写单词：", styles["cn"]))
        story += [
            _p(f"{i['n']}. {layout.spelling_prompt(i)}", styles["line"]) for i in section["items"]
        ]
    return story


def _piece(piece) -> str:
    if piece[0] == "text":
        return escape(piece[1])
    hint = f" ({escape(piece[2])})" if piece[2] else ""
    return f"<u>&nbsp;&nbsp;&nbsp;{piece[1]}&nbsp;&nbsp;&nbsp;</u>{hint}"
