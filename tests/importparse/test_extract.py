"""Each fixture page (news with dateline, bilingual, daily term, compositions, GBK pages,
pasted text) gives every field right, and no boilerplate line reaches the body."""

import json
from datetime import date

import pytest

from yingdu.importparse import SourceError, parse_html, parse_text
from yingdu.importparse.decode import decode_bytes

BOILERPLATE = [
    "首页", "相关", "ICP", "Copyright", "©", "版权所有", "上一篇", "下一篇", "分享", "不限",
    "英语教案", "英语课件", "当前位置", "您的位置", "热门", "推荐阅读", "点击", "来源", "微信",
    "Rail line reopens", "Farmers test", "Museum returns", "Shanghai adds English signs",
    "Dragon boats", "农业现代化", "美丽乡村", "我家的小花园", "老师点评", "作者", "年级",
    "字数", "词数", "Ferry service", "lighthouse keeper", "|", "ICP备", "京公网安备",
    "如有侵权", "没有了", "高考英语作文万能句型", "碳中和", "My Favourite Season",
]  # fmt: skip


def page(fixtures_dir, name, kind="auto"):
    data = (fixtures_dir / name).read_bytes()
    return parse_html(decode_bytes(data), name, kind=kind)


def assert_clean(item):
    texts = [*item.paragraphs, *(t for pair in item.pairs for t in pair)]
    assert texts
    for text in texts:
        for marker in BOILERPLATE:
            assert marker not in text, f"boilerplate {marker!r} in {text!r}"


def test_international_news_with_dateline(fixtures_dir):
    item = page(fixtures_dir, "news_international.html")
    assert item.kind == "news"
    assert item.section == "international"
    assert item.title == "Lake cities agree to share flood warnings"
    assert (item.dateline_place, item.dateline_date) == ("GENEVA", "April 21")
    assert item.date == date(2024, 4, 21)
    assert item.lang == "en"
    assert item.site_name == "英语学习网"
    assert len(item.paragraphs) == 4
    assert item.paragraphs[0].startswith("GENEVA, April 21 -- Twelve cities")
    assert item.paragraphs[-1].endswith("arrive in July.")
    assert item.pairs == [] and item.grade is None
    assert_clean(item)
    data = item.to_json()
    assert data["term_zh"] is None and data["grade"] is None and data["pairs"] is None


def test_domestic_news_with_xinhua_dateline_and_related_links_in_body(fixtures_dir):
    item = page(fixtures_dir, "news_domestic.html")
    assert (item.kind, item.section) == ("news", "domestic")
    assert item.title == "Hangzhou opens free bike lanes along the canal"
    assert (item.dateline_place, item.dateline_date) == ("HANGZHOU", "March 3")
    assert item.date == date(2023, 3, 3)
    assert item.site_name == "外语港"  # from 来源： when the page has no og:site_name
    assert len(item.paragraphs) == 4
    assert_clean(item)


def test_bilingual_pairs_and_titles(fixtures_dir):
    item = page(fixtures_dir, "bilingual.html")
    assert item.kind == "bilingual"
    assert item.title == "Paper lanterns light up the old town"
    assert item.title_zh == "纸灯笼点亮古城"
    assert item.date == date(2024, 2, 24)
    assert item.lang == "en-zh"
    assert len(item.pairs) == 3
    assert item.pairs[0][0].startswith("On the fifteenth night")
    assert item.pairs[0][1].startswith("正月十五的夜晚")
    assert item.pairs[2][1].endswith("仍然感到自豪。")
    assert item.section is None and item.to_json()["section"] is None
    assert_clean(item)


def test_daily_term(fixtures_dir):
    item = page(fixtures_dir, "daily_term.html")
    assert item.kind == "daily"
    assert (item.term_zh, item.term_en) == ("乡村振兴", "rural revitalization")
    assert item.title == "乡村振兴 rural revitalization"
    assert item.date == date(2024, 5, 6)
    assert item.paragraphs == [
        "乡村振兴是指通过发展产业、改善环境和提高公共服务水平，让农村地区更加繁荣、宜居。"
    ]
    assert [en for en, _ in item.pairs] == [
        "The village opened a small food factory as part of its rural revitalization plan.",
        "Young people who return home play an important role in rural revitalization.",
    ]
    assert item.pairs[1][1] == "返乡的年轻人在乡村振兴中发挥着重要作用。"
    assert_clean(item)


def test_chinese_composition(fixtures_dir):
    item = page(fixtures_dir, "composition_zh.html")
    assert item.kind == "compositions"
    assert item.title == "我家的小菜园"
    assert (item.grade, item.length, item.lang) == ("p3", 312, "zh")
    assert "林小雨" not in json.dumps(item.to_json(), ensure_ascii=False)  # 作者 dropped
    assert item.date == date(2023, 10, 12)  # 更新时间, not the copyright year
    assert len(item.paragraphs) == 4
    assert item.paragraphs[0].startswith("我家的阳台上有一个小菜园")
    assert_clean(item)


def test_english_composition(fixtures_dir):
    item = page(fixtures_dir, "composition_en.html")
    assert (item.kind, item.grade, item.length, item.lang) == ("compositions", "j2", 118, "en")
    assert "陈浩" not in json.dumps(item.to_json(), ensure_ascii=False)
    assert item.title == "My Weekend at the Science Museum"
    assert_clean(item)


@pytest.mark.parametrize(
    "name, title",
    [
        ("zh_news_gbk_nocharset.html", "城市图书馆推出夜间自习室"),
        ("zh_news_gb18030_wrong_charset.html", "区图书馆推出周末英语角"),
    ],
)
def test_gbk_pages_without_mojibake(fixtures_dir, name, title):
    item = page(fixtures_dir, name)
    assert (item.kind, item.section, item.lang) == ("zh_news", "zh", "zh")
    assert item.title == title
    assert item.date == date(2024, 1, 15)
    assert item.paragraphs[0].startswith("为了方便备考的学生和上班族")
    assert "\ufffd" not in "".join(item.paragraphs)
    assert_clean(item)


def test_pasted_text_keeps_only_the_body(fixtures_dir):
    text = (fixtures_dir / "pasted_news.txt").read_text(encoding="utf-8")
    item = parse_text(text, "-")
    assert (item.kind, item.section) == ("news", "international")
    assert item.title == "Coastal town trains dogs to find lost hikers"
    assert (item.dateline_place, item.dateline_date, item.date) == (
        "SYDNEY", "June 2", date(2024, 6, 2)
    )  # fmt: skip
    assert len(item.paragraphs) == 3
    assert item.paragraphs[2].startswith('"They work faster')
    assert_clean(item)


def test_pasted_chinese_text_with_trailing_related_titles():
    text = "\n".join(
        [
            "英语学习网", "中文资讯", "寒假里的英语夏令营", "2024-01-20 来源：英语学习网",
            "寒假期间，学校为三十名学生组织了为期一周的英语夏令营，外教每天带大家做游戏、唱英文歌。",
            "同学们说，最开心的是最后一天的英语话剧表演，家长们也来到学校观看。",
            "相关文章", "暑假英语学习计划", "如何背单词更高效",
            "不限 | 英语教案 | 英语课件 | 英语试题 |",
            "Copyright © 2024 英语学习网 京ICP备12345678号",
        ]
    )  # fmt: skip
    item = parse_text(text, "-")
    assert (item.kind, item.title, item.date) == (
        "zh_news",
        "寒假里的英语夏令营",
        date(2024, 1, 20),
    )
    assert len(item.paragraphs) == 2
    assert_clean(item)


def test_hard_wrapped_paste_is_joined():
    text = (
        "BEIJING, April 21 -- Students from forty schools took part in a reading\n"
        "festival on Sunday, sharing their favourite English books with visitors.\n\n"
        "Organizers said the festival would become a yearly event for the city."
    )
    item = parse_text(text, "-", kind="news")
    assert item.paragraphs[0].startswith("BEIJING, April 21 -- Students from forty schools took")
    assert item.paragraphs[0].endswith("with visitors.")
    assert (item.section, item.dateline_place) == ("domestic", "BEIJING")


def test_forced_kind_overrides_detection(fixtures_dir):
    item = page(fixtures_dir, "bilingual.html", kind="news")
    assert item.kind == "news" and item.section == "international"


@pytest.mark.parametrize(
    "html, message",
    [
        ("", "empty page"),
        ("<html><body><div><p></div></body>", "no article text"),
        ("<html><head><title>x</title></head><body><nav>首页 | 新闻 | 关于</nav></body></html>",
         "no article text"),
    ],
)  # fmt: skip
def test_pages_without_an_article_are_errors(html, message):
    with pytest.raises(SourceError, match=message):
        parse_html(html, "bad.html")


def test_broken_but_readable_html_still_imports(fixtures_dir):
    html = (fixtures_dir / "news_international.html").read_text(encoding="utf-8")
    broken = html.replace("</p>", "").replace("</div>", "")[: len(html) - 600]
    item = parse_html(broken, "broken.html")
    assert item.title == "Lake cities agree to share flood warnings"
    assert item.paragraphs[0].startswith("GENEVA, April 21")


def test_daily_term_needs_a_date():
    text = "每日一词∣碳达峰 peaking carbon dioxide emissions\n\n" + (
        "碳达峰是指二氧化碳排放量达到历史最高值，然后经历平台期进入持续下降的过程。"
    )
    with pytest.raises(SourceError, match="no date"):
        parse_text(text, "-")


def test_composition_needs_a_grade():
    text = (
        "作文：春天来了\n\n"
        "春天来了，小草从地里探出头来，柳树也长出了嫩绿的新芽，到处都是一片生机勃勃的景象。"
    )
    with pytest.raises(SourceError, match="no grade"):
        parse_text(text, "-", kind="compositions")
