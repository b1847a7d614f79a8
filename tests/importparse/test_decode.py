"""Encodings: GBK / GB18030 with a wrong or missing declaration, UTF-8, binary content."""

import pytest

from yingdu.importparse import SourceError
from yingdu.importparse.decode import declared_charset, decode_bytes

ARTICLE = "<html><body><p>为了方便备考的学生，市图书馆开放夜间自习室。</p></body></html>"


def test_gbk_without_declaration(fixtures_dir):
    text = decode_bytes((fixtures_dir / "zh_news_gbk_nocharset.html").read_bytes())
    assert "城市图书馆推出夜间自习室" in text


def test_gb18030_declared_as_utf8_in_meta(fixtures_dir):
    data = (fixtures_dir / "zh_news_gb18030_wrong_charset.html").read_bytes()
    assert declared_charset(data) == "utf-8"
    assert "区图书馆推出周末英语角" in decode_bytes(data)


@pytest.mark.parametrize("header", ["text/html; charset=utf-8", "text/html; charset=iso-8859-1"])
def test_gbk_with_a_wrong_header(header):
    data = ARTICLE.encode("gbk")
    text = decode_bytes(data, header)
    assert "夜间自习室" in text


def test_gb2312_declaration_read_as_gb18030():
    data = ('<meta charset="gb2312">' + ARTICLE + "䶮").encode("gb18030")
    assert "䶮" in decode_bytes(data)


def test_utf8_and_bom():
    assert "自习室" in decode_bytes(ARTICLE.encode("utf-8"))
    assert decode_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")).startswith("<html>")


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n" + b"\0" * 100, b"%PDF-1.7 binary", b"PK\x03\x04zip", b"ab\0cd"]
)
def test_binary_is_refused(data):
    with pytest.raises(SourceError, match="binary"):
        decode_bytes(data)


def test_latin1_declaration_still_reads_latin1():
    data = "<html><body><p>Caf\u00e9 cr\u00e8me at the fa\u00e7ade.</p></body></html>".encode(
        "latin-1"
    )
    assert "Café crème" in decode_bytes(data, "text/html; charset=iso-8859-1")
