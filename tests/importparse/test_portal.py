"""Portal conventions and line filters, one rule at a time."""

from datetime import date

import pytest

from yingdu.importparse import fingerprint, portal
from yingdu.importparse.lines import clean_lines, is_boilerplate, script_lang, trim_title_runs


@pytest.mark.parametrize(
    "text, place, printed, month_day",
    [
        ("BEIJING, April 21 -- China's schools…", "BEIJING", "April 21", (4, 21)),
        ("HANGZHOU, March 3 (Xinhua) -- The city…", "HANGZHOU", "March 3", (3, 3)),
        ("UNITED NATIONS, Sept. 9 (Xinhua) — The UN…", "UNITED NATIONS", "Sept. 9", (9, 9)),
        ("RIO DE JANEIRO, Dec. 30 -- Fireworks…", "RIO DE JANEIRO", "Dec. 30", (12, 30)),
    ],
)
def test_datelines(text, place, printed, month_day):
    line = portal.find_dateline(text)
    assert (line.place, line.printed, (line.month, line.day)) == (place, printed, month_day)


@pytest.mark.parametrize(
    "text", ["Beijing is big.", "BEIJING -- no date", "In April 21 people came", "CHINA, 2024 --"]
)
def test_not_datelines(text):
    assert portal.find_dateline(text) is None


def test_dateline_year_comes_from_the_page_date():
    line = portal.find_dateline("GENEVA, December 30 -- …")
    assert portal.dateline_date(line, date(2025, 1, 2), date(2026, 1, 1)) == date(2024, 12, 30)
    line = portal.find_dateline("GENEVA, April 21 -- …")
    assert portal.dateline_date(line, date(2023, 4, 22), date(2026, 1, 1)) == date(2023, 4, 21)
    assert portal.dateline_date(line, None, date(2026, 5, 1)) == date(2026, 4, 21)


def test_section_prefixes():
    assert portal.split_section("国际英语资讯:Lake cities") == ("international", "Lake cities")
    assert portal.split_section("国内英语资讯： Trains add night services") == (
        "domestic", "Trains add night services"
    )  # fmt: skip
    assert portal.split_section("Lake cities") == (None, "Lake cities")


@pytest.mark.parametrize("sep", ["∣", "|", "｜", "：", ":"])
def test_daily_term_titles(sep):
    assert portal.split_daily_term(f"每日一词{sep}乡村振兴 rural revitalization") == (
        "乡村振兴", "rural revitalization"
    )  # fmt: skip


@pytest.mark.parametrize(
    "text, code",
    [("三年级", "p3"), ("六年级作文", "p6"), ("初一", "j1"), ("八年级", "j2"), ("九年级", "j3"),
     ("高三", "s3"), ("高一", "s1"), ("大学", "college"), ("一年级", "p1"), ("初中", None)],
)  # fmt: skip
def test_grades(text, code):
    assert portal.grade_code(text) == code


def test_page_meta_skips_filter_rows():
    meta = portal.page_meta(
        [
            "年级：不限 | 一年级 | 二年级 | 三年级 |",
            "作者：林小雨　年级：四年级　字数：312字　更新时间：2023-10-12",
        ]
    )
    assert (meta.grade, meta.length, meta.date) == ("p4", 312, date(2023, 10, 12))
    assert "林小雨" not in repr(meta)  # a child's name is never kept


def test_script_language():
    assert script_lang("The village opened a small food factory.") == "en"
    assert script_lang("这个村子开办了一家小型食品厂。") == "zh"
    assert script_lang("乡村振兴（rural revitalization）是一项重要战略。") == "zh"
    assert script_lang("The term 乡村振兴 means rural revitalization in English.") == "en"
    assert script_lang("2024 —— 123") is None


def test_pairs_of_runs():
    pairs, unpaired = portal.align_pairs(
        ["One sentence here.", "Two sentences here.", "一句话。", "两句话。", "Lonely line."]
    )
    assert pairs == [("One sentence here.", "一句话。"), ("Two sentences here.", "两句话。")]
    assert unpaired == ["Lonely line."]


@pytest.mark.parametrize(
    "line",
    [
        "不限 | 英语教案 | 英语课件 | 英语试题 |",
        "Copyright © 2009-2024 英语学习网 All Rights Reserved",
        "京ICP备12345678号-2",
        "上一篇：国际英语资讯:Rail line reopens after landslide",
        "下一篇：没有了",
        "分享到：微信 微博 QQ空间",
        "当前位置：首页 > 英语资讯 > 正文",
        "首页 > 英语资讯 > 国际英语资讯",
        "时间：2024-04-21 09:30　来源：英语学习网",
        "2024-02-24　来源：英语学习网　阅读：2045",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Copyright law protects the work of writers, and students should learn how it works.",
        "2024年4月21日，全市四十所学校的学生参加了读书节，和来宾分享了他们最喜欢的英文书。",
        "每日一词|乡村振兴 rural revitalization",
    ],
)
def test_article_lines_are_kept(line):
    assert not is_boilerplate(line)


def test_clean_lines_cuts_at_related_list():
    lines = ["A first paragraph that is long enough to be a sentence.", "【相关阅读】", "Other"]
    assert clean_lines(lines) == ["A first paragraph that is long enough to be a sentence."]


def test_title_runs():
    leading, body = trim_title_runs(
        ["Home", "A title", "The first paragraph of the article ends here.", "Short", "list item"]
    )
    assert leading == ["Home", "A title"]
    assert body == ["The first paragraph of the article ends here."]


def test_fingerprints_ignore_punctuation_width_and_case():
    a = ["GENEVA, April 21 -- Twelve cities agreed on Sunday to share flood warnings."]
    b = ["Geneva，April 21 — twelve cities agreed on Sunday to share flood warnings!"]
    assert fingerprint.content_hash(a) == fingerprint.content_hash(b)
    signature = fingerprint.minhash(a)
    again = fingerprint.from_bytes(fingerprint.to_bytes(signature))
    assert fingerprint.similarity(again, signature) == 1.0
    long = [
        a[0] + " Engineers said sensors on the rivers would send readings every minute "
        "to a common centre, which will text residents in three languages." * 2
    ]
    edited = [long[0].replace("Sunday", "Monday", 1)]
    near = fingerprint.similarity(fingerprint.minhash(long), fingerprint.minhash(edited))
    assert 0.6 < near < 1.0
    assert fingerprint.minhash(["too short"]) is None
