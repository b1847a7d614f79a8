"""The conventions of Chinese English-learning portals: section prefixes in titles, Xinhua
datelines, 每日一词 titles, composition metadata (作者, 年级, 字数) and bilingual pairs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from yingdu.grades import grade_in as grade_code

from .document import Block, plain
from .lines import BREADCRUMB_LABELS, HAN, LATIN, SENTENCE_END, is_body_like, script_lang

SECTION_PREFIXES = (
    (re.compile(r"^\s*国际英语资讯\s*[:：]\s*"), "international"),
    (re.compile(r"^\s*国内英语资讯\s*[:：]\s*"), "domestic"),
)
DAILY_PREFIX = re.compile(r"^\s*每日一词\s*[∣|｜丨:：]\s*")
BILINGUAL_PREFIX = re.compile(r"^\s*(双语|中英双语|双语阅读|双语新闻)\s*[:：]\s*")
COMPOSITION_PREFIX = re.compile(
    r"^\s*([一二三四五六七八九]年级|初[一二三]|高[一二三]|大学|小学|初中|高中)?\s*(英语)?作文\s*[:：]\s*"
)

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\."
)
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.\-]*(?: [A-Z][A-Z'.\-]*){0,3}),\s+"
    rf"(?P<date>(?:{MONTH_NAMES})\s+\d{{1,2}})"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:--|—|–)\s*"
)
CHINESE_PLACES = {
    "BEIJING", "SHANGHAI", "TIANJIN", "CHONGQING", "GUANGZHOU", "SHENZHEN", "HANGZHOU",
    "NANJING", "WUHAN", "CHENGDU", "XI'AN", "XIAN", "CHANGSHA", "KUNMING", "HARBIN",
    "SHENYANG", "JINAN", "QINGDAO", "XIAMEN", "FUZHOU", "HEFEI", "ZHENGZHOU", "NANCHANG",
    "NANNING", "GUIYANG", "LANZHOU", "XINING", "YINCHUAN", "URUMQI", "LHASA", "HOHHOT",
    "TAIYUAN", "SHIJIAZHUANG", "CHANGCHUN", "HAIKOU", "SANYA", "HONG KONG", "MACAO",
    "TAIPEI", "SUZHOU", "NINGBO", "DALIAN", "WENZHOU", "YIWU", "LIJIANG", "DUNHUANG",
}  # fmt: skip

META_FIELD = re.compile(
    r"(?P<key>作者|年级|字数|词数|来源|发布时间|发布日期|更新时间|发表时间|时间|日期)\s*[：:]\s*"
    r"(?P<value>[^\s　|｜]+(?:\s\d{1,2}:\d{2}(?::\d{2})?)?)"
)
DATE_VALUE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
NUMBER = re.compile(r"\d+")
BREADCRUMB_START = re.compile(rf"^({BREADCRUMB_LABELS})\s*[：:]")


@dataclass
class PageMeta:
    """Metadata found in the visible lines of a page: 年级：… 字数：… and the crumb (作者：…
    is recognized and dropped)."""

    grade: str | None = None
    length: int | None = None
    source: str = ""
    date: date | None = None
    breadcrumb: str = ""


def parse_date(text: str) -> date | None:
    match = DATE_VALUE.search(text or "")
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def page_meta(lines: list[str]) -> PageMeta:
    """The first value of each field in the page's lines (filter rows are skipped)."""
    meta = PageMeta()
    for line in lines:
        if line.count("|") + line.count("｜") >= 2 or "不限" in line:
            continue
        if not meta.breadcrumb and BREADCRUMB_START.match(line):
            meta.breadcrumb = line
        if len(line) > 160:
            continue
        for match in META_FIELD.finditer(line):
            key, value = match["key"], match["value"]
            if key == "作者":
                continue  # a child's name: never kept (PIPL; docs/privacy.md)
            if key == "年级" and meta.grade is None:
                meta.grade = grade_code(value)
            elif key in ("字数", "词数") and meta.length is None:
                number = NUMBER.search(value)
                meta.length = int(number.group()) if number else None
            elif key == "来源" and not meta.source:
                meta.source = value[:100]
            elif meta.date is None and key not in ("作者", "年级", "字数", "词数", "来源"):
                meta.date = parse_date(value)
        if meta.date is None and len(line) < 80 and DATE_VALUE.match(line):
            meta.date = parse_date(line)  # "2024-02-24　来源：…" under the title
    return meta


def split_section(title: str) -> tuple[str | None, str]:
    """'国际英语资讯:Lake cities …' -> ('international', 'Lake cities …')."""
    for pattern, section in SECTION_PREFIXES:
        match = pattern.match(title)
        if match:
            return section, title[match.end() :].strip()
    return None, title


def split_daily_term(title: str) -> tuple[str, str] | None:
    """'每日一词∣乡村振兴 rural revitalization' -> ('乡村振兴', 'rural revitalization')."""
    match = DAILY_PREFIX.match(title)
    if not match:
        return None
    zh, en = split_languages(title[match.end() :])
    return (zh, en) if zh and en else None


def split_languages(text: str) -> tuple[str, str]:
    """'纸灯笼点亮古城 Paper lanterns' or 'Paper lanterns 纸灯笼点亮古城' -> (zh, en)."""
    text = text.strip()
    first_han = HAN.search(text)
    first_latin = LATIN.search(text)
    if not first_han or not first_latin:
        return (text, "") if first_han else ("", text)
    cut = max(first_han.start(), first_latin.start())
    head, tail = text[:cut].strip(" -–—:：|/"), text[cut:].strip(" -–—:：|/")
    return (head, tail) if first_han.start() < first_latin.start() else (tail, head)


def strip_known_prefix(title: str) -> str:
    for pattern in (BILINGUAL_PREFIX, COMPOSITION_PREFIX):
        title = pattern.sub("", title, count=1)
    return title.strip()


@dataclass
class Dateline:
    place: str
    printed: str  # "April 21", as printed
    month: int
    day: int


def find_dateline(paragraph: str) -> Dateline | None:
    """'HANGZHOU, March 3 (Xinhua) -- …' -> Dateline('HANGZHOU', 'March 3', 3, 3)."""
    match = DATELINE.match(paragraph or "")
    if not match:
        return None
    printed = " ".join(match["date"].split())
    month = MONTHS[printed[:3].lower()]
    return Dateline(match["place"].strip(), printed, month, int(printed.split()[-1]))


def dateline_date(line: Dateline, page_date: date | None, today: date) -> date | None:
    """The dateline's day in the year of the page's publish date (December datelines on a
    January page belong to the year before)."""
    reference = page_date or today
    year = reference.year
    if line.month - reference.month > 6:
        year -= 1
    try:
        return date(year, line.month, line.day)
    except ValueError:
        return None


def is_chinese_place(place: str) -> bool:
    return place.upper().split(",")[0].strip() in CHINESE_PLACES


def align_pairs(paragraphs: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(English, Chinese) pairs of a bilingual text, and the paragraphs left unpaired.

    A run of English paragraphs followed by a run of Chinese ones of the same length is
    paired one to one; runs of different lengths are joined into one pair."""
    runs: list[tuple[str | None, list[str]]] = []
    for paragraph in map(plain, paragraphs):  # pairs hold plain text, never a block's HTML
        lang = script_lang(paragraph)
        if runs and runs[-1][0] == lang:
            runs[-1][1].append(paragraph)
        else:
            runs.append((lang, [paragraph]))
    pairs: list[tuple[str, str]] = []
    unpaired: list[str] = []
    n = 0
    while n < len(runs):
        lang, items = runs[n]
        following = runs[n + 1] if n + 1 < len(runs) else None
        if lang == "en" and following and following[0] == "zh":
            zh_items = following[1]
            if len(items) == len(zh_items):
                pairs.extend(zip(items, zh_items, strict=True))
            else:
                pairs.append((" ".join(items), "".join(zh_items)))
            n += 2
            continue
        unpaired.extend(items)
        n += 1
    return pairs, unpaired


TITLE_PREFIXES = (*(pattern for pattern, _ in SECTION_PREFIXES), DAILY_PREFIX, BILINGUAL_PREFIX)
FULL_PARAGRAPH_CHARS = 200  # longer than any title, even without a final full stop
MAIN_SCRIPT_SHARE = 0.25  # a script with this share of the body-like text is the article's


def has_title_prefix(line: str) -> bool:
    """'国际英语资讯:…', '每日一词∣…', '双语：…': a title of the portal's lists."""
    return any(pattern.match(line) for pattern in TITLE_PREFIXES)


def article_scripts(paragraphs: list[str]) -> set[str]:
    """The scripts the article is written in ('en', 'zh' or both for bilingual pages): those
    of a good share of its sentence-like paragraphs."""
    weights: dict[str, int] = {}
    for paragraph in paragraphs:
        text = plain(paragraph)
        lang = script_lang(text)
        if lang and is_body_like(text) and not has_title_prefix(text):
            size = len(text) * (3 if lang == "zh" else 1)  # a character as much as 3 letters
            weights[lang] = weights.get(lang, 0) + size
    total = sum(weights.values())
    return {lang for lang, weight in weights.items() if weight >= MAIN_SCRIPT_SHARE * total}


def is_full_paragraph(text: str, scripts: set[str]) -> bool:
    return (
        script_lang(text) in scripts
        and not has_title_prefix(text)
        and is_body_like(text)
        and (text.endswith(SENTENCE_END) or len(text) >= FULL_PARAGRAPH_CHARS)
    )


INTRODUCING = (":", "：")  # "See the tweets:" before a quote
LONG_LINE = 120  # no title of a list is this long
TITLE_LIST_LINKS = 0.8  # a list whose text is this much links is a list of other pages' titles


def _still_article(paragraph: str, scripts: set[str]) -> bool:
    """After the last full paragraph: a short closing sentence, a line introducing what
    follows, a table, quote or code block of the article, as opposed to the first entry of
    a title list."""
    if isinstance(paragraph, Block):
        if paragraph.kind == "code":
            return True
        lines = paragraph.text.split("\n")
        foreign = [
            line
            for line in lines
            if script_lang(line) not in (*scripts, None) or has_title_prefix(line)
        ]
        if 2 * len(foreign) > len(lines):
            return False
        if paragraph.kind in ("table", "quote"):
            return True
        return paragraph.links < TITLE_LIST_LINKS
    return (
        script_lang(paragraph) in scripts
        and not has_title_prefix(paragraph)
        and (paragraph.endswith((*SENTENCE_END, *INTRODUCING)) or len(paragraph) >= LONG_LINE)
    )


def trim_article_end(paragraphs: list[str]) -> list[str]:
    """The body up to where the article ends: after its last full paragraph (sentence-like,
    in the article's script), the page's title lists (short lines in another script,
    lines with section prefixes, title-like lines, filter rows) are dropped."""
    scripts = article_scripts(paragraphs)
    full = [
        n
        for n, paragraph in enumerate(paragraphs)
        if not isinstance(paragraph, Block) and is_full_paragraph(paragraph, scripts)
    ]
    if not full:
        return paragraphs
    end = full[-1] + 1
    while end < len(paragraphs):
        if _still_article(paragraphs[end], scripts):
            end += 1
        elif headed := _headed_block(paragraphs[end : end + 3], scripts):
            end += headed
        else:
            break
    return paragraphs[:end]


def _headed_block(following: list[str], scripts: set[str]) -> int:
    """How many paragraphs make one or two short headings ('Ingredients') and the list or
    table that belongs to the article under them; 0 if that is not what follows."""
    for n, paragraph in enumerate(following):
        if isinstance(paragraph, Block):
            return n + 1 if n and _still_article(paragraph, scripts) else 0
        if not (
            script_lang(paragraph) in scripts
            and not has_title_prefix(paragraph)
            and len(paragraph) < LONG_LINE
        ):
            return 0
    return 0
