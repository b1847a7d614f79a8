"""Chinese segmentation and pinyin ruby."""

from yingdu.reading import pinyin_ruby, segment_zh


def test_segment_round_trips():
    text = "我们明天去图书馆学习英语。OK!"
    words = segment_zh(text)
    assert "".join(words) == text
    assert "图书馆" in words
    assert segment_zh("") == []


def test_pinyin_ruby():
    ruby = dict(pinyin_ruby("银行在门口"))
    assert ruby["银行"] == "yín háng"
    assert pinyin_ruby("abc 123") == [("abc", ""), (" ", ""), ("123", "")]
