"""Text for search from docx, pptx and pdf; a first-page PNG preview of a pdf."""

import io

from PIL import Image

from yingdu.resources.extract import extract_text, pdf_preview

from . import samples


def test_docx_text_includes_paragraphs_and_tables():
    text = extract_text(io.BytesIO(samples.docx("Unit 2 My family")), "docx")
    assert "Unit 2 My family" in text and "Warm-up song" in text


def test_pptx_text():
    assert "Colours and shapes" in extract_text(io.BytesIO(samples.pptx()), "pptx")


def test_pdf_text_from_every_page(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(samples.pdf("Good morning class", pages=3))
    text = extract_text(str(path), "pdf")
    assert "Good morning class 1" in text and "Good morning class 3" in text


def test_unreadable_or_other_files_give_no_text():
    assert extract_text(io.BytesIO(b"%PDF-1.4 broken"), "pdf") == ""
    assert extract_text(io.BytesIO(samples.image("png")), "png") == ""


def test_pdf_preview_is_a_png_of_the_first_page():
    png = pdf_preview(samples.pdf())
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.width == 800 and 1000 < image.height < 1100  # Letter page, 800 px wide


def test_broken_pdf_has_no_preview():
    assert pdf_preview(b"%PDF-1.4 broken") is None
