"""The whole article and only the article: title lists after an article are dropped (pasted
text and HTML), tables, lists, quotes, code and wrapped lines are kept, pages in languages
the site does not teach are reported as such, link pages are not refused."""

import pickle
from pathlib import Path

import pytest

from yingdu.importparse import SourceError, parse_html, parse_text
from yingdu.importparse.document import Block, plain

EVAL = Path(__file__).resolve().parent.parent / "fixtures" / "extract_eval"

TITLE_LISTS = [
    "我的压岁钱", "春天", "我的妈妈", "一次难忘的旅行", "美丽的校园", "国际英语资讯",
    "国内英语资讯", "Scientists map", "Old railway bridge", "Shenzhen opens", "Panda twins",
    "每日一词", "碳达峰", "carbon peak", "digital economy", "Why we should read aloud",
    "种树的男孩", "珊瑚礁", "读书节", "不限", "英语课件", "|", "Copyright", "版权所有",
]  # fmt: skip


def eval_page(name: str, **options):
    return parse_html((EVAL / f"{name}.html").read_text(encoding="utf-8"), name, **options)


def reference(name: str) -> list[str]:
    return (EVAL / f"{name}.txt").read_text(encoding="utf-8").strip().split("\n\n")


def assert_no_title_lists(texts):
    for text in texts:
        for marker in TITLE_LISTS:
            assert marker not in plain(text), f"title list {marker!r} left in {text!r}"


def test_pasted_news_ends_where_the_article_ends(fixtures_dir):
    text = (fixtures_dir / "pasted_news_title_lists.txt").read_text(encoding="utf-8")
    item = parse_text(text, "-")
    assert (item.kind, item.section) == ("news", "international")
    assert item.title == "River towns test floating gardens to fight floods"
    assert len(item.paragraphs) == 4
    assert item.paragraphs[0].startswith("DHAKA, April 21 -- Farmers")
    assert item.paragraphs[-1].endswith("who tried the method for the first time.")
    # a paragraph wrapped over two lines is joined, not cut
    assert "when the season ends the rotting plants become compost" in item.paragraphs[2]
    assert_no_title_lists(item.paragraphs)


def test_title_from_the_first_line_leaves_the_dateline_out(fixtures_dir):
    text = (fixtures_dir / "pasted_news_no_title.txt").read_text(encoding="utf-8")
    item = parse_text(text, "-")
    assert item.title == "A team of volunteers has planted more than ten thousand…"
    assert (item.dateline_place, item.dateline_date) == ("BEIJING", "April 21")
    assert len(item.paragraphs) == 2
    assert_no_title_lists(item.paragraphs)


@pytest.mark.parametrize("name", ["portal_news_title_lists", "portal_news_title_lists_text"])
def test_html_news_ends_where_the_article_ends(name):
    item = eval_page(name)  # the title lists as links, and as text lines
    assert (item.kind, item.section) == ("news", "international")
    assert item.title == "Highland schools collect rain for their taps"
    assert item.paragraphs == reference(name)
    assert_no_title_lists(item.paragraphs)


@pytest.mark.parametrize("name", ["portal_zh_news", "wrapped_lines", "quote_article"])
def test_paragraphs_are_those_of_the_reference(name):
    assert [plain(p) for p in eval_page(name).paragraphs] == reference(name)


def test_bilingual_article_without_its_title_lists():
    item = eval_page("bilingual_article")
    assert item.kind == "bilingual" and len(item.pairs) == 3
    assert_no_title_lists([text for pair in item.pairs for text in pair])


def test_tables_are_kept_as_tables():
    item = eval_page("table_article")
    tables = [p for p in item.paragraphs if isinstance(p, Block)]
    assert [t.kind for t in tables] == ["table"]
    assert tables[0].startswith("<table><tr><th>Lighthouse</th> <th>First lit</th>")
    assert "<td>Cormorant Rock</td> <td>1902</td>" in tables[0]
    assert tables[0].text.split("\n")[1] == "Grey Point 1796 32 April to October"
    assert plain(item.paragraphs[-1]).startswith("Keepers lived in most of these towers")


def test_lists_and_their_headings_are_kept_and_link_lists_after_the_article_are_not():
    item = eval_page("list_article")
    kinds = [p.kind if isinstance(p, Block) else p[:12] for p in item.paragraphs]
    assert kinds == ["Repotting a ", "What you nee", "list", "Steps", "list", "After a mont"]
    assert item.paragraphs[2].startswith("<ul><li>A pot one size larger")
    assert item.paragraphs[4].startswith("<ol><li>Water the plant the day before")
    assert "Building a bird box" not in "\n\n".join(item.paragraphs)


def test_code_blocks_keep_their_lines_and_are_escaped():
    item = eval_page("code_article")
    code = [p for p in item.paragraphs if isinstance(p, Block)]
    assert [c.kind for c in code] == ["code", "code"]
    assert code[0].startswith("<pre><code>def count_words(path):<br>    counts = {}<br>")
    html = (
        "<html><body><article><p>Compare two numbers in the shell with the test command, as "
        "the example shows.</p><pre><code>if [ $a -lt 3 ] &amp;&amp; echo '&lt;b&gt;'\nfi"
        "</code></pre></article></body></html>"
    )
    block = next(p for p in parse_html(html, "x").paragraphs if isinstance(p, Block))
    assert block == "<pre><code>if [ $a -lt 3 ] &amp;&amp; echo '&lt;b&gt;'<br>fi</code></pre>"


def test_plain_paragraphs_are_escaped_and_blocks_kept_as_html():
    html = (
        "<html><body><article><p>Use the tag &lt;b&gt; for bold text &amp; the tag &lt;i&gt; "
        "for italics, as the table below shows for each of them.</p><table><tr><td>b &amp; "
        "i</td></tr></table></article></body></html>"
    )
    text, table = parse_html(html, "x").paragraphs
    assert text.startswith("Use the tag &lt;b&gt; for bold text &amp; the tag &lt;i&gt;")
    assert isinstance(table, Block) and table == "<table><tr><td>b &amp; i</td></tr></table>"


def test_blocks_survive_worker_processes():
    block = Block("<ul><li>x</li></ul>", "x", "list", 0.5)
    copy = pickle.loads(pickle.dumps(block))
    assert (type(copy), copy, copy.text, copy.kind, copy.links) == (
        Block, block, "x", "list", 0.5
    )  # fmt: skip


def test_a_japanese_page_is_reported_as_not_taught():
    with pytest.raises(SourceError, match="^language not taught: ja"):
        eval_page("japanese_page")
    with pytest.raises(SourceError, match="^language not taught: ja"):
        parse_text("\n\n".join(reference("japanese_page")), "-")


@pytest.mark.parametrize(
    "lang, text, code",
    [
        ("fr", "Le village organise chaque année une fête des cerfs-volants sur la colline "
         "derrière l'école, et les enfants préparent leurs cerfs-volants pendant des "
         "semaines avec leurs grands-parents.", "fr"),
        ("ru", "Каждую осень деревня устраивает праздник воздушных змеев на холме за школой, "
         "и дети готовятся к нему несколько недель.", "ru"),
        ("", "매년 가을 마을은 학교 뒤 언덕에서 연 축제를 엽니다. 아이들은 몇 주 동안 "
         "할머니 할아버지와 함께 연을 만듭니다.", "ko"),
    ],
)  # fmt: skip
def test_other_languages_are_reported_as_not_taught(lang, text, code):
    attr = f' lang="{lang}"' if lang else ""
    html = f"<html{attr}><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    with pytest.raises(SourceError, match=f"^language not taught: {code}"):
        parse_html(html, "x")


def test_an_english_article_on_a_page_declared_in_another_language_is_imported():
    text = (
        "The village holds a kite festival on the hill behind the school every autumn, and "
        "the children spend weeks making their kites with their grandparents."
    )
    html = f'<html lang="de"><body><article><p>{text}</p></article></body></html>'
    assert parse_html(html, "x").paragraphs == [text]


def test_a_page_made_of_links_is_not_refused():
    item = eval_page("links_page")
    assert [plain(p) for p in item.paragraphs] == [
        reference("links_page")[0], "\n".join(reference("links_page")[1:])
    ]  # fmt: skip
    titles = ["Tides for Beginners", "The Salt Road", "Notes from a Lighthouse",
              "Gulls and Their Neighbours", "The Island School"]  # fmt: skip
    items = "".join(f'<li><a href="/b/{n}">{title}</a></li>' for n, title in enumerate(titles))
    html = f"<html><body><main><h1>Books</h1><ul>{items}</ul></main></body></html>"
    item = parse_html(html, "x")
    assert "Gulls and Their Neighbours" in plain(item.paragraphs[0])
