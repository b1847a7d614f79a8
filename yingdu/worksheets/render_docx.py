"""The worksheet as an editable Word document (python-docx): header, sections, blanks as
underlined numbers, the answer key after a page break."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from . import layout

FIXED_TIME = datetime(2020, 1, 1)  # document dates: the same worksheet, the same bytes
CJK_FONT = "SimSun"  # Word's usual Chinese font; Word and LibreOffice substitute one they have


def docx_bytes(worksheet: dict) -> bytes:
    document = Document()
    _page_and_fonts(document)
    _header(document, worksheet)
    for index, section in enumerate(worksheet["sections"]):
        _section(document, index, section, worksheet["seed"])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading(layout.KEY_TITLE, level=1)
    for index, section in enumerate(worksheet["sections"]):
        document.add_heading(layout.heading(index, section), level=2)
        for line in layout.key_lines(section, worksheet["seed"]):
            document.add_paragraph(line)
    properties = document.core_properties
    properties.title = worksheet.get("title") or ""
    properties.author = properties.last_modified_by = "英读 Yingdu"
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return _without_times(out.getvalue())


def _without_times(data: bytes) -> bytes:
    """The same .docx with fixed entry times, so one worksheet always gives the same bytes
    (and the library recognises it when it is saved twice)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(entry))
    return out.getvalue()


def _page_and_fonts(document) -> None:
    page = document.sections[0]
    page.page_width, page.page_height = Cm(21), Cm(29.7)  # A4
    page.left_margin = page.right_margin = Cm(2)
    for name in ("Normal", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = "Times New Roman"
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)
    document.styles["Normal"].font.size = Pt(11)


def _header(document, worksheet: dict) -> None:
    title = document.add_heading(worksheet.get("title") or "英语练习", level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta = document.add_paragraph(layout.subtitle(worksheet))
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fields = document.add_paragraph("    ".join(f"{f}：________" for f in layout.STUDENT_FIELDS))
    fields.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _section(document, index: int, section: dict, seed) -> None:
    document.add_heading(layout.heading(index, section), level=2)
    document.add_paragraph(layout.instructions(section))
    for text in layout.paragraphs(section.get("passage", "")):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Cm(0.74)
        for piece in layout.pieces(text):
            if piece[0] == "text":
                paragraph.add_run(piece[1])
                continue
            blank = paragraph.add_run(f"  {piece[1]}  ")
            blank.underline = True
            if piece[2]:
                paragraph.add_run(f" ({piece[2]})")
    for line in layout.option_lines(section):
        document.add_paragraph(line)
    if section["type"] == "vocab":
        _vocab(document, section, seed)


def _vocab(document, section: dict, seed) -> None:
    document.add_paragraph("词义配对：")
    for i, gloss in enumerate(layout.vocab_glosses(section, seed)):
        document.add_paragraph(f"{layout.LETTERS[i]}. {gloss}")
    for item in section["items"]:
        document.add_paragraph(f"{item['n']}. {item['word']}  ____")
    document.add_paragraph("根据释义和首字母写单词：")
    for item in section["items"]:
        document.add_paragraph(f"{item['n']}. {layout.spelling_prompt(item)}")
