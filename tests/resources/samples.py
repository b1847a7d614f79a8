"""Small real files of every accepted kind, and forged or hostile ones, made in memory."""

import io
import zipfile

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def pdf(text: str = "Unit 1 Hello everyone", pages: int = 1) -> bytes:
    """A minimal valid PDF with real text (Helvetica), one text line per page."""
    objects = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    font_id = 3 + 2 * pages
    for i in range(pages):
        stream = f"BT /F1 24 Tf 72 720 Td ({text} {i + 1}) Tj ET".encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    return with_xref(out.getvalue(), offsets)


def with_xref(body: bytes, offsets: list[int]) -> bytes:
    """BODY (a pdf's header and objects) followed by the cross-reference table of the objects
    at OFFSETS and the trailer."""
    out = io.BytesIO(body)
    out.seek(0, io.SEEK_END)
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    )
    return out.getvalue()


def docx(text: str = "Lesson plan: Unit 2 My family") -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Step 1"
    table.rows[0].cells[1].text = "Warm-up song"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pptx(text: str = "Courseware: Colours and shapes") -> bytes:
    import pptx as python_pptx

    deck = python_pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = text
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def ooxml(folder: str) -> bytes:
    """A minimal Office Open XML container (xlsx: folder 'xl/')."""
    return zip_of({"[Content_Types].xml": b"<Types/>", f"{folder}workbook.xml": b"<workbook/>"})


def zip_of(entries: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def ole2() -> bytes:
    return OLE2 + b"\x00" * 1016


def image(kind: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 40)).save(out, format={"jpg": "JPEG", "png": "PNG"}[kind])
    return out.getvalue()


def mp3_id3() -> bytes:
    return b"ID3\x03\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10 + b"\xff\xfb\x90\x64" + b"\x00" * 400


def mp3_frames() -> bytes:
    return b"\xff\xfb\x90\x64" + b"\x00" * 413 + b"\xff\xfb\x90\x64" + b"\x00" * 413


def mp4() -> bytes:
    ftyp = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    return ftyp + b"\x00\x00\x00\x08free" + b"\x00\x00\x00\x10mdat" + b"\x00" * 8


def exe() -> bytes:
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 200
        + b"PE\x00\x00"
    )


def zip_bomb(size: int = 20 * 1024 * 1024) -> bytes:
    return zip_of({"zeros.txt": b"\x00" * size})


GOOD = {
    "教案.docx": docx,
    "课件.pptx": pptx,
    "成绩.xlsx": lambda: ooxml("xl/"),
    "old.doc": ole2,
    "old.ppt": ole2,
    "old.xls": ole2,
    "试题.pdf": pdf,
    "材料.zip": lambda: zip_of({"a.txt": b"hello", "sub/b.txt": b"world"}),
    "song.mp3": mp3_id3,
    "frames.mp3": mp3_frames,
    "clip.mp4": mp4,
    "photo.jpg": lambda: image("jpg"),
    "photo.jpeg": lambda: image("jpg"),
    "chart.png": lambda: image("png"),
}


def inflated(document: bytes, part: str, marker: bytes, unit: bytes, size: int) -> bytes:
    """An Office file whose `part` holds `size` bytes of `unit` repeated before `marker`:
    valid XML that compresses about 300:1 (a "document bomb")."""
    source = zipfile.ZipFile(io.BytesIO(document))
    entries = {info.filename: source.read(info) for info in source.infolist()}
    head, tail = entries[part].split(marker, 1)
    entries[part] = head + unit * (size // len(unit)) + marker + tail
    return zip_of(entries)


def docx_bomb(size: int = 40 * 1024 * 1024) -> bytes:
    unit = b"<w:p><w:r><w:t>Unit 1 Hello everyone</w:t></w:r></w:p>"
    return inflated(docx("Bomb"), "word/document.xml", b"<w:tbl>", unit, size)


def pptx_bomb(size: int = 40 * 1024 * 1024) -> bytes:
    unit = b"<a:p><a:r><a:t>Colours and shapes</a:t></a:r></a:p>"
    return inflated(pptx("Bomb"), "ppt/slides/slide1.xml", b"</p:txBody>", unit, size)


def pdf_page_of_strokes(strokes: int = 180_000) -> bytes:
    """A 10 KB pdf whose one page strokes the same line again and again: deflated, its
    content stream is megabytes of drawing that takes pdfium minutes to render."""
    import zlib

    ops = zlib.compress(b"0 0 m 612 792 l S " * strokes, 9)
    page = pdf("Strokes")
    contents = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(ops) + ops
    # Point the first page's content at the stroke stream (object 4 is its content).
    start = page.index(b"4 0 obj\n") + len(b"4 0 obj\n")
    end = page.index(b"\nendstream", start)
    return rebuild_xref(page[:start] + contents + page[end:])


def rebuild_xref(body: bytes) -> bytes:
    """A pdf with its cross-reference table recomputed after objects changed size."""
    import re

    body = body[: body.index(b"xref\n")]
    offsets = [m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj\n", body)]
    return with_xref(body, offsets)
