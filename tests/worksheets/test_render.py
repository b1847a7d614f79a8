"""The renderings: PDF (A4, Chinese font embedded, header and answer key on its own page, read
back with pdfium), DOCX (opens and holds the same items), HTML (printable and interactive, no
inline code), and the clear message when no Chinese font is installed."""

import io
import re

import pypdfium2
import pytest
from docx import Document

from tests.worksheets.conftest import HERE, POOL, TEXTS
from yingdu.cli import main
from yingdu.worksheets.generate import generate
from yingdu.worksheets.render import RenderError, render
from yingdu.worksheets.render_html import worksheet_html
from yingdu.worksheets.render_pdf import font_path


@pytest.fixture(scope="module")
def worksheet(lexicon):
    return generate(
        TEXTS["bikes"], "junior", seed=2, title="旧自行车的新主人", source="英读 · 国内英语资讯",
        pool=[POOL], lexicon=lexicon,
    )  # fmt: skip


def pdf_pages(data: bytes) -> list[str]:
    pdf = pypdfium2.PdfDocument(data)
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


def section(worksheet, kind):
    return next(s for s in worksheet["sections"] if s["type"] == kind)


@pytest.mark.skipif(font_path() is None, reason="no Chinese TrueType font installed")
def test_pdf_shows_the_chinese_header_and_the_key_on_its_own_page(worksheet):
    data = render(worksheet, "pdf")
    assert data.startswith(b"%PDF") and b"/FontFile2" in data  # the font is embedded
    pdf = pypdfium2.PdfDocument(data)
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    pages = pdf_pages(data)
    assert "旧自行车的新主人" in pages[0]
    for field in ("班级", "姓名", "学号", "得分", "级别：中考", "完形填空"):
        assert field in pages[0], field
    key_start = next(i for i, page in enumerate(pages) if "参考答案" in page)
    assert key_start > 0 and "班级" not in pages[key_start]
    assert pages[key_start].lstrip().startswith("参考答案")
    key = re.sub(r"\s+", " ", " ".join(pages[key_start:]))
    for item in section(worksheet, "cloze")["items"]:
        assert f"{item['n']}. {item['answer']}（{item['answer_text']}）" in key
    for item in section(worksheet, "grammar")["items"]:
        assert f"{item['n']}. {item['answer']}" in key


def test_docx_opens_and_holds_the_same_items(worksheet):
    document = Document(io.BytesIO(render(worksheet, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "旧自行车的新主人" in text and "班级：" in text
    body, key = text.split("参考答案", 1)
    for item in section(worksheet, "cloze")["items"]:
        line = f"{item['n']}. " + "    ".join(
            f"{letter}. {option}" for letter, option in zip("ABCD", item["options"], strict=True)
        )
        assert line in body
        assert f"{item['answer']}（{item['answer_text']}）" in key
    for item in section(worksheet, "grammar")["items"]:
        if item["hint"]:
            assert f"({item['hint']})" in body
    for option in section(worksheet, "seven")["options"]:
        assert option in body
    for item in section(worksheet, "vocab")["items"]:
        assert item["gloss"] in body and item["word"] in key
    breaks = document.element.body.xpath(".//w:br[@w:type='page']")
    assert len(breaks) == 1


def test_interactive_html_has_a_checked_field_per_item_and_no_inline_code(worksheet):
    html = worksheet_html(worksheet, interactive=True)
    fields = re.findall(r'class="ws-field"[^>]*data-answer="([^"]*)"', html)
    expected = sum(len(s["items"]) for s in worksheet["sections"]) + len(
        section(worksheet, "vocab")["items"]
    )  # vocabulary: one match and one spelling field per word
    assert len(fields) == expected
    assert "<script" not in html and " style=" not in html and not re.search(r" on\w+=", html)


def test_printable_html_has_lines_for_blanks_and_the_key(worksheet):
    html = worksheet_html(worksheet, interactive=False)
    assert 'class="ws-field"' not in html and 'class="ws-key"' in html
    blanks = re.findall(r'class="ws-blank">(\d+)<', html)
    assert len(blanks) == sum(len(s["items"]) for s in worksheet["sections"] if "passage" in s)


def test_standalone_html_carries_its_script(worksheet):
    page = render(worksheet, "html").decode()
    assert page.startswith("<!doctype html>") and "ws-check" in page and "<script>" in page


def test_without_a_chinese_font_the_pdf_says_how_to_add_one(worksheet, monkeypatch):
    monkeypatch.setenv("YINGDU_CJK_FONT", "/nonexistent/font.ttc")
    with pytest.raises(RenderError, match="fonts-wqy-microhei"):
        render(worksheet, "pdf")


def test_the_command_still_writes_the_other_formats(pip_build, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("YINGDU_CJK_FONT", str(tmp_path / "missing.ttf"))
    out = tmp_path / "sheet.pdf"
    args = [
        "worksheet", str(HERE / "river.txt"), "--level", "senior", "--types", "cloze,vocab",
        "--format", "pdf,docx,html", "-o", str(out), "--lexicon", str(pip_build[0]),
    ]  # fmt: skip
    assert main(args) == 2
    assert "YINGDU_CJK_FONT" in capsys.readouterr().err
    assert not out.exists()
    assert (tmp_path / "sheet.docx").stat().st_size > 0
    assert "参考答案" in (tmp_path / "sheet.html").read_text(encoding="utf-8")
