"""File types are judged by content and must agree with the extension; hostile archives
and forged files are refused (plain Python, no database)."""

import io

import pytest

from yingdu.resources.filecheck import FileRejected, Limits, check_file, display_name

from . import samples


def check(name, data, limits=None):
    return check_file(io.BytesIO(data), name, limits)


@pytest.mark.parametrize("name", sorted(samples.GOOD))
def test_every_accepted_kind_passes(name):
    expected = name.rsplit(".", 1)[1].replace("jpeg", "jpg")
    assert check(name, samples.GOOD[name]()) == expected


def reason(name, data, limits=None) -> str:
    with pytest.raises(FileRejected) as caught:
        check(name, data, limits)
    return caught.value.code


def test_an_executable_renamed_pdf_is_refused():
    assert reason("试题.pdf", samples.exe()) == "mismatch"


@pytest.mark.parametrize(
    "name,data",
    [
        ("photo.png", samples.image("jpg")),  # a real jpeg called .png
        ("song.mp3", samples.pdf()),
        ("plan.docx", samples.pptx()),  # a presentation called .docx
        ("plan.docx", samples.zip_of({"a.txt": b"x"})),  # a plain zip called .docx
        ("slides.pptx", samples.ole2()),  # an old Office file with a new extension
        ("old.doc", samples.docx()),
        ("clip.mp4", samples.mp3_id3()),
        ("notes.pdf", b"just some text, not a pdf at all"),
        ("archive.zip", samples.exe()),
    ],
)
def test_content_must_agree_with_the_extension(name, data):
    assert reason(name, data) == "mismatch"


@pytest.mark.parametrize("name", ["virus.exe", "page.html", "script.js", "noextension", "a.svg"])
def test_other_extensions_are_refused(name):
    assert reason(name, samples.pdf()) == "extension"


def test_empty_file_is_refused():
    assert reason("empty.pdf", b"") == "empty"


def test_zip_bomb_is_refused_by_expanded_size():
    data = samples.zip_bomb(5 * 1024 * 1024)
    assert len(data) < 100 * 1024
    assert reason("bomb.zip", data, Limits(zip_max_expanded=1024 * 1024)) == "zip_expanded"


def test_zip_with_too_many_entries_is_refused():
    data = samples.zip_of({f"f{i}.txt": b"x" for i in range(11)})
    assert reason("many.zip", data, Limits(zip_max_entries=10)) == "zip_entries"
    assert check("many.zip", data, Limits(zip_max_entries=11)) == "zip"


def test_docx_bomb_is_refused_too():
    data = samples.zip_of(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * 2**21}
    )
    assert reason("bomb.docx", data, Limits(zip_max_expanded=2**20)) == "zip_expanded"


@pytest.mark.parametrize(
    "entry", ["../evil.txt", "a/../../evil.txt", "/etc/passwd", "C:/Windows/evil.dll", "..\\evil"]
)
def test_zip_with_traversal_names_is_refused(entry):
    assert reason("paths.zip", samples.zip_of({"ok.txt": b"x", entry: b"x"})) == "zip_path"


def test_zip_whose_headers_lie_about_sizes_is_refused():
    data = bytearray(samples.zip_of({"a.txt": b"hello world " * 1000}))
    # Shrink the declared size in the central directory: expansion no longer matches.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    assert reason("liar.zip", bytes(data)) == "damaged"


def test_truncated_zip_is_refused():
    assert reason("cut.zip", samples.zip_of({"a.txt": b"hello" * 100})[:60]) == "damaged"


@pytest.mark.parametrize(
    "raw,kind,expected",
    [
        ("五年级上册 Unit1 课件.pptx", "pptx", "五年级上册 Unit1 课件.pptx"),
        ("../../etc/passwd.pdf", "pdf", "passwd.pdf"),
        ("C:\\Users\\li\\教案.docx", "docx", "教案.docx"),
        ('a<b>:"c"|?*.pdf', "pdf", "a_b___c____.pdf"),
        ("bad\x00name\x1b.pdf", "pdf", "badname.pdf"),
        ("...", "zip", "file.zip"),
        ("photo.jpeg", "jpg", "photo.jpg"),
        ("x" * 300 + ".pdf", "pdf", "x" * 120 + ".pdf"),
    ],
)
def test_display_names_are_sanitized(raw, kind, expected):
    assert display_name(raw, kind) == expected
