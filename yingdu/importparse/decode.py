"""Bytes of a page -> text in the right encoding, so that no mojibake is ever saved.

Chinese pages are often GBK or GB18030 while declaring UTF-8, ISO-8859-1 or nothing at
all. A declared (header or <meta>) charset is trusted only when the bytes decode under it
cleanly; otherwise charset_normalizer decides. GB2312 and GBK are read as GB18030, their
superset. Binary content is refused."""

from __future__ import annotations

import codecs
import re

from yingdu.text import HAN

from .document import SourceError

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "ascii": "utf-8"}
BINARY_MAGIC = (
    b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"MZ",
    b"\x7fELF", b"Rar!", b"7z\xbc\xaf", b"\xd0\xcf\x11\xe0", b"ID3", b"OggS", b"RIFF",
)  # fmt: skip
SNIFF_BYTES = 64 * 1024


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return SUPERSETS.get(name, name)


def declared_charset(data: bytes, content_type: str = "") -> str | None:
    """The charset a Content-Type header, an XML declaration or a <meta> tag claims."""
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    if match:
        return _codec(match.group(1))
    head = data[:4096]
    for pattern in (XML_ENCODING, META_CHARSET):
        found = pattern.search(head)
        if found:
            return _codec(found.group(1).decode("ascii", "ignore"))
    return None


def check_not_binary(data: bytes) -> None:
    if data.startswith(BINARY_MAGIC):
        raise SourceError("binary content, not a web page or text")
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("binary content, not a web page or text")


def decode_bytes(data: bytes, content_type: str = "") -> str:
    """Text of a page or text file; SourceError for binary content or an unknown encoding."""
    check_not_binary(data)
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    declared = declared_charset(data, content_type)
    if declared and not _single_byte(declared):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration: let the detector decide
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    chinese = _as_chinese(data)  # the commonest non-UTF-8 encoding of Chinese pages
    if chinese is not None:
        return chinese
    if declared:  # a single-byte declaration (servers default to ISO-8859-1) that fits
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return _detect(data)


def _single_byte(codec: str) -> bool:
    """Latin-1, cp1252 and the like accept any byte, so they never prove a declaration."""
    try:
        return len("\u00e9".encode(codec)) == 1 and codec not in ("utf-8",)
    except (UnicodeEncodeError, LookupError):
        return codec.startswith(("iso8859", "cp125", "latin", "mac", "koi8"))


def _as_chinese(data: bytes) -> str | None:
    """GB18030 text when the bytes decode under it and their non-ASCII characters are mostly
    Chinese (GB18030 decodes almost anything, so the result is checked)."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return text
    han = sum(
        1 for c in wide if HAN.match(c) or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
    )
    return text if han >= 0.7 * len(wide) else None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * SNIFF_BYTES]).best()
    if best is None or not best.encoding:
        raise SourceError("cannot tell the text encoding (binary content?)")
    encoding = SUPERSETS.get(best.encoding, best.encoding)
    return data.decode(encoding, errors="replace")
