"""Generated portal pages for bulk tests and the import benchmark: each page is a different
English news article (random sentences from word pools, seeded) inside the same heavy
portal boilerplate as the hand-written fixtures."""

from __future__ import annotations

import random
from pathlib import Path

SUBJECTS = [
    "Volunteers", "Teachers", "Engineers", "Farmers", "Students", "Doctors", "Officials",
    "Scientists", "Librarians", "Local residents", "Bus drivers", "Young athletes",
    "Museum staff", "Park rangers", "Nurses", "Shop owners", "Fishermen", "Architects",
]  # fmt: skip
VERBS = [
    "planted", "repaired", "opened", "tested", "painted", "measured", "cleaned", "designed",
    "delivered", "counted", "rebuilt", "recorded", "protected", "lit", "mapped", "shared",
]  # fmt: skip
OBJECTS = [
    "the old bridge", "a new library", "forty solar lamps", "the river banks", "a school garden",
    "the harbour walls", "a mountain trail", "two hundred trees", "the night market",
    "a wind farm", "the city archive", "a field hospital", "the railway station",
    "a music hall", "the tea terraces", "a flood barrier", "the bird reserve",
]  # fmt: skip
PLACES = [
    "near the lake", "in the northern hills", "along the coast", "beside the canal",
    "in the old quarter", "on the island", "across the valley", "outside the capital",
    "in three villages", "at the border town", "under the new highway", "by the harbour",
]  # fmt: skip
TAILS = [
    "before the rainy season began", "with help from a local company", "in less than a week",
    "after months of planning", "to the surprise of many visitors", "using recycled materials",
    "while schools were on holiday", "as part of a regional plan", "despite the cold weather",
    "with money raised by families", "for the first time in decades", "during the festival",
]  # fmt: skip
CITIES = ["GENEVA", "NAIROBI", "LIMA", "OSLO", "HANOI", "CAIRO", "QUITO", "DUBLIN", "PERTH"]
MONTHS = ["January", "March", "April", "June", "August", "October", "November"]


def sentence(rng: random.Random) -> str:
    number = rng.randint(2, 900)
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"{rng.choice(PLACES)} {rng.choice(TAILS)}, and {number} people "
        f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."
    )


def article(n: int, seed: int = 2024) -> tuple[str, list[str]]:
    rng = random.Random(seed * 100_003 + n)
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} ({n})"
    city, month, day = rng.choice(CITIES), rng.choice(MONTHS), rng.randint(1, 28)
    paragraphs = [" ".join(sentence(rng) for _ in range(3)) for _ in range(rng.randint(4, 7))]
    paragraphs[0] = f"{city}, {month} {day} -- " + paragraphs[0]
    return title, paragraphs


def page(n: int, seed: int = 2024) -> str:
    title, paragraphs = article(n, seed)
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    related = "".join(
        f'<li><a href="/news/world/{n + k}.html">国际英语资讯:{article(n + k, seed)[0]}</a></li>'
        for k in range(1, 6)
    )
    day, previous = f"2024-{1 + n % 12:02}-{1 + n % 28:02}", article(n - 1, seed)[0]
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>国际英语资讯:{title}_英语资讯_英语学习网</title>
<meta property="og:site_name" content="英语学习网">
<meta property="article:published_time" content="{day}T08:00:00+08:00">
</head><body>
<div class="top-bar">欢迎来到英语学习网！ <a href="/login">登录</a> | <a href="/reg">注册</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/news/world/">国际英语资讯</a></li>
<li><a href="/news/china/">国内英语资讯</a></li><li><a href="/daily/">每日一词</a></li>
<li><a href="/bilingual/">双语阅读</a></li><li><a href="/zuowen/">作文</a></li></ul></div>
<div class="filter">不限 | 英语教案 | 英语课件 | 英语试题 | 英语学案 | 英语素材 |</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt;
<a href="/news/world/">国际英语资讯</a> &gt; 正文</div>
<div class="main"><div class="article">
<h1>国际英语资讯:{title}</h1>
<div class="info">时间：{day}　来源：英语学习网　点击：{n * 7}</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="content">
{body}
</div>
<div class="pages">上一篇：<a href="/news/world/{n - 1}.html">国际英语资讯:{previous}</a></div>
</div>
<div class="related"><h3>相关文章</h3><ul>{related}</ul></div></div>
<div class="footer"><p>Copyright © 2009-2024 英语学习网 All Rights Reserved 版权所有</p>
<p>京ICP备12345678号-2　京公网安备11010502030000号</p></div>
</body></html>
"""


def write_pages(folder: Path, count: int, seed: int = 2024) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"page{n:05}.html"
        path.write_text(page(n, seed), encoding="utf-8")
        paths.append(path)
    return paths
