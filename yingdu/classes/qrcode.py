"""The join link as a QR code, drawn as SVG on the server with segno (pure Python)."""

import io
from functools import lru_cache

import segno


@lru_cache(maxsize=256)  # a class page is opened often; its join link never changes
def svg(text: str, scale: int = 4) -> str:
    """An inline <svg> (no XML declaration) with a title for screen readers."""
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        out,
        kind="svg",
        scale=scale,
        border=2,
        xmldecl=False,
        svgns=True,
        title="班级二维码 QR code",
        svgclass="qr",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    return out.getvalue().decode()
