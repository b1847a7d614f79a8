"""Render a worksheet dict as bytes: ``render(worksheet, "html" | "docx" | "pdf")``."""

from __future__ import annotations


class RenderError(RuntimeError):
    """The worksheet cannot be rendered in this format here (no CJK font for the PDF)."""


CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render(worksheet: dict, fmt: str) -> bytes:
    if fmt == "html":
        from .render_html import standalone_html

        return standalone_html(worksheet).encode()
    if fmt == "docx":
        from .render_docx import docx_bytes

        return docx_bytes(worksheet)
    if fmt == "pdf":
        from .render_pdf import pdf_bytes

        return pdf_bytes(worksheet)
    raise ValueError(f"unknown format {fmt!r}")
