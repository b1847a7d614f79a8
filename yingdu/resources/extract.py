"""Text for search and a first-page preview, from files already checked by `filecheck`.

Plain Python: python-docx, python-pptx and pypdfium2 (the preview PNG is written with
Pillow). `read_text` and `render_preview` raise when a file cannot be read; the lenient
`extract_text` and `pdf_preview` return nothing instead. Uploads are never parsed in the
web process: `sandbox.analyse_file` runs these functions in a child with hard limits.
"""

import io
import logging

log = logging.getLogger(__name__)

MAX_TEXT = 200_000
MAX_PDF_PAGES = 300
PREVIEW_WIDTH = 800
PREVIEW_MAX_HEIGHT = 1600


def _docx_text(source) -> str:
    import docx

    document = docx.Document(source)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pptx_text(source) -> str:
    import pptx

    parts = []
    for slide in pptx.Presentation(source).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
    return "\n".join(parts)


def _pdf_text(source) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(source)
    try:
        parts, size = [], 0
        for index in range(min(len(pdf), MAX_PDF_PAGES)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded()
            textpage.close()
            page.close()
            parts.append(text)
            size += len(text)
            if size > MAX_TEXT:
                break
        return "\n".join(parts)
    finally:
        pdf.close()


EXTRACTORS = {"docx": _docx_text, "pptx": _pptx_text, "pdf": _pdf_text}


def read_text(source, kind: str) -> str:
    """Plain text of a docx, pptx or pdf (a path or a seekable file object), '' for other
    kinds; raises whatever the parser raises."""
    extractor = EXTRACTORS.get(kind)
    if extractor is None:
        return ""
    return extractor(source).replace("\x00", "")[:MAX_TEXT].strip()


def extract_text(source, kind: str) -> str:
    """Like `read_text`, but '' when the file cannot be read."""
    try:
        return read_text(source, kind)
    except MemoryError:
        raise
    except Exception:  # any parser failure: keep the file, skip the text
        log.warning("could not extract text from a %s upload", kind, exc_info=True)
        return ""


def render_preview(source) -> bytes | None:
    """PNG of a pdf's first page, at most PREVIEW_WIDTH wide (None for an empty pdf);
    raises when the pdf cannot be read or drawn."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(source)
    try:
        if len(pdf) == 0:
            return None
        page = pdf[0]
        width, height = page.get_size()
        scale = min(PREVIEW_WIDTH / max(width, 1), PREVIEW_MAX_HEIGHT / max(height, 1), 4.0)
        image = page.render(scale=scale).to_pil()
        page.close()
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        pdf.close()


def pdf_preview(source) -> bytes | None:
    """Like `render_preview`, but None when the pdf cannot be drawn."""
    try:
        return render_preview(source)
    except MemoryError:
        raise
    except Exception:
        log.warning("could not render a pdf preview", exc_info=True)
        return None
