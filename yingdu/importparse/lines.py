"""Line-level cleaning: the language of a line by its script, and the boilerplate of Chinese
learning portals (navigation, breadcrumbs, filter rows, share bars, previous/next links,
"相关文章" lists, copyright and ICP lines) told apart from an article's paragraphs."""

from __future__ import annotations

import re
import unicodedata
from html import unescape

from yingdu.text import HAN

from .document import Block, plain

LATIN = re.compile(r"[A-Za-z]")
SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")

COPYRIGHT = re.compile(
    r"(?i)copyright\s*(©|\(c\)|&copy;|\d{4})|^©|版权所有|all rights reserved|"
    r"ICP[备证]|公网安备|本站部分内容来自|如有侵权|转载请注明"
)
BREADCRUMB_LABELS = "当前位置|您的位置|你的位置|所在位置|位置"  # "you are here: …"
NAVIGATION = re.compile(
    r"^(上一篇|下一篇|上一页|下一页|上一条|下一条|返回列表|返回顶部|返回首页|打印本文|关闭窗口|"
    rf"收藏本文|加入收藏|分享到|分享|点击排行|责任编辑|编辑|{BREADCRUMB_LABELS})"
    r"\s*[：:]?"
)
META = re.compile(
    r"^(作者|来源|出处|时间|日期|发布时间|发布日期|更新时间|发表时间|点击|点击数|浏览|浏览次数|阅读|"
    r"阅读次数|人气|年级|字数|词数|关键词|标签|Tags?|Source|Author|Editor)\s*[：:]"
)
META_WORDS = re.compile(r"(来源|作者|点击|阅读|浏览|编辑|人气|评论)\s*[：:]?")
LABEL = re.compile(r"^[【\[〔(（]?\s*[^\s【】\[\]]{1,8}\s*[】\]〕)）]?\s*[：:]?$")
BRACKET_LABEL = re.compile(r"^[【\[〔]\s*([^【】\[\]]{1,10})\s*[】\]〕]\s*[：:]?\s*")
RELATED = re.compile(
    r"^[【\[〔]?\s*(相关(文章|阅读|推荐|新闻|资讯|作文|词汇|链接|内容|专题|热词)|推荐(阅读|文章)|"
    r"热门(文章|排行|推荐|阅读)|延伸阅读|猜你喜欢|更多(阅读|精彩|文章)?|精彩推荐|"
    r"Related (articles|stories|reading)|Read more|More stories)\s*[】\]〕]?\s*[：:]?\s*$",
    re.IGNORECASE,
)
BREADCRUMB_SEP = re.compile(r"\s*(>|&gt;|»|›|→|/)\s*")
FILTER_BARS = ("|", "｜")
FILTER_ROW_CHARS = 200  # a longer line with bars is a filter row only if its entries are short
MENU_ENTRY_CHARS = 25
SENTENCE_END = tuple('.!?。！？…"”’』」)）')
DATE_ONLY = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?")


def normalize_line(line: str) -> str:
    return SPACES.sub(" ", line).strip()


def script_lang(text: str) -> str | None:
    """'zh' or 'en' by the script most of the text is written in; None without letters.

    A Chinese character counts as much as three Latin letters (about a word each)."""
    han = len(HAN.findall(text))
    latin = len(LATIN.findall(text))
    if not han and not latin:
        return None
    return "zh" if han * 3 >= latin else "en"


KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
WORD = re.compile(r"[a-z]+")
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "for",
        "it",
        "with",
        "was",
        "on",
        "as",
        "are",
        "be",
        "by",
        "this",
        "at",
        "from",
        "have",
        "not",
    ]
)
TAUGHT = ("en", "zh")


def _script_name(char: str) -> str:
    return unicodedata.name(char, "other").split()[0].lower()


def untaught_language(text: str, declared: str = "") -> str | None:
    """The language of a text the site does not teach, else None: 'ja' (kana among the
    Chinese characters), 'ko' (hangul), the declared language (or the script) of a text in
    another script, or of a Latin-script text declared in another language and with hardly
    any English function words. `declared` is the page's lang attribute, if any."""
    declared = (declared or "").lower().split("-")[0]
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return None
    han, kana, hangul = (len(p.findall(text)) for p in (HAN, KANA, HANGUL))
    latin = len(LATIN.findall(text))
    if kana * 5 >= han + kana and kana >= 10:
        return "ja"
    if hangul * 2 >= len(letters):
        return "ko"
    if (han + latin + kana + hangul) * 2 < len(letters):
        others = [_script_name(c) for c in letters if not (HAN.match(c) or LATIN.match(c))]
        script = max(set(others), key=others.count)
        return declared if declared and declared not in TAUGHT else f"{script} script"
    if declared and declared not in TAUGHT and latin > 3 * han:
        words = WORD.findall(text.lower())
        if words and sum(word in ENGLISH_WORDS for word in words) < 0.04 * len(words):
            return declared
    return None


def is_filter_row(line: str) -> bool:
    """'不限 | 英语教案 | 英语课件 | 英语试题 |' and other rows of links split by bars."""
    if line.startswith("每日一词"):
        return False
    bars = sum(line.count(b) for b in FILTER_BARS)
    if bars >= 2 and len(line) >= FILTER_ROW_CHARS:  # a paragraph quoting a site's headlines
        return len(line) < MENU_ENTRY_CHARS * (bars + 1)
    return bars >= 2 or line.startswith("不限") or (bars == 1 and len(line) < 40)


def is_breadcrumb(line: str) -> bool:
    parts = [p for p in BREADCRUMB_SEP.split(line) if p and not BREADCRUMB_SEP.fullmatch(p)]
    seps = len(BREADCRUMB_SEP.findall(line))
    return seps >= 2 and all(len(p) <= 20 for p in parts) and line.startswith(("首页", "主页"))


def is_boilerplate(line: str) -> bool:
    """A line that is never part of an article, wherever it appears."""
    if not line:
        return True
    if len(line) < 200 and COPYRIGHT.search(line):
        return True
    if len(line) < 120 and (NAVIGATION.match(line) or META.match(line)):
        return True
    date = DATE_ONLY.match(line)
    if date and len(line) < 80:  # "2024-02-24　来源：英语学习网　阅读：2045" under a title
        rest = line[date.end() :].strip()
        if not rest or META_WORDS.search(rest):
            return True
    return is_filter_row(line) or is_breadcrumb(line)


def is_related_marker(line: str) -> bool:
    return bool(RELATED.match(line))


def is_body_like(line: str) -> bool:
    """A sentence-like paragraph, as opposed to a short title-like line of a list or menu."""
    han = len(HAN.findall(line))
    ends = line.endswith(SENTENCE_END)
    if script_lang(line) == "zh":
        return han >= 40 or (han >= 12 and ends)
    return len(line) >= 120 or (len(line) >= 40 and ends and " " in line)


def join_wrapped(lines: list[str]) -> str:
    """Lines of one paragraph as one line: joined by spaces, or directly for Chinese."""
    joiner = "" if script_lang(" ".join(lines)) == "zh" else " "
    return joiner.join(lines)


WRAP_WIDTH = 50  # narrower blocks are menus and lists, not wrapped text
NEAR_WIDTH = 0.7  # a wrapped line fills at least this share of the block's width


def _continues(line: str, following: str, width: int) -> bool:
    """Whether `following` goes on the paragraph of `line` in a hard-wrapped block."""
    if is_boilerplate(line) or is_boilerplate(following):
        return False
    if script_lang(line) != script_lang(following) or line.endswith(("：", ":")):
        return False
    open_end = not line.endswith(SENTENCE_END)
    if open_end and following[:1].islower():
        return True
    return width >= WRAP_WIDTH and len(line) >= NEAR_WIDTH * width and open_end


def wrapped_paragraphs(lines: list[str]) -> list[str]:
    """The paragraphs of a block of lines of pasted text: lines are joined where one visibly
    goes on in the next (a line near the block's width without a sentence end, a next line
    starting in lower case); short lines (menus, titles) stay lines of their own."""
    if len(lines) < 2:
        return list(lines)
    width = max(len(line) for line in lines)
    paragraphs: list[list[str]] = [[lines[0]]]
    for line, following in zip(lines, lines[1:], strict=False):
        if _continues(line, following, width):
            paragraphs[-1].append(following)
        else:
            paragraphs.append([following])
    return [join_wrapped(group) for group in paragraphs]


def strip_label(line: str) -> str:
    """'【例句】The village …' -> 'The village …'; a line that is only a label -> ''."""
    line = BRACKET_LABEL.sub("", line)
    return "" if LABEL.fullmatch(line) and not is_body_like(line) and len(line) <= 10 else line


def clean_lines(lines: list[str]) -> list[str]:
    """Drop boilerplate lines and cut at a '相关文章' list (and everything after it);
    blocks (tables, lists, quotes, code) are kept as they are."""
    kept: list[str] = []
    for raw in lines:
        if isinstance(raw, Block):  # tables, lists, quotes and code: filtered when built
            kept.append(raw)
            continue
        line = normalize_line(raw)
        if is_related_marker(line):
            if kept:
                break
            continue
        if is_boilerplate(line):
            continue
        if line.startswith(("【", "[", "〔")):
            line = strip_label(line)
            if not line:
                continue
        kept.append(line)
    return kept


def trim_title_runs(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split lines into (leading title-like lines, body): the body runs from the first
    sentence-like paragraph to the last; the short lines around it are menus and lists."""
    body_at = [n for n, line in enumerate(lines) if is_body_like(plain(line))]
    if not body_at:
        return [], lines
    return lines[: body_at[0]], lines[body_at[0] : body_at[-1] + 1]


BLOCK_TAGS = re.compile(
    r"(?is)<\s*/?\s*(div|p|br|li|ul|ol|tr|td|th|table|h[1-6]|dd|dt|dl|section|article|header|"
    r"footer|nav|aside|form|option|select|title)\b[^>]*>"
)
DROP_BLOCKS = re.compile(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->")
TAGS = re.compile(r"(?s)<[^>]*>")


def page_lines(html: str) -> list[str]:
    """The visible text of a whole page, one line per block element (cheap, regex-based):
    where metadata such as 作者：… 年级：… and the breadcrumb are looked for."""
    text = DROP_BLOCKS.sub(" ", html)
    text = BLOCK_TAGS.sub("\n", text)
    text = unescape(TAGS.sub("", text))
    return [line for line in (normalize_line(s) for s in text.split("\n")) if line]
