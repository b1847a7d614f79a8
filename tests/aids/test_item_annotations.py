"""Items are annotated when saved: highlighted words, word bank, per-level difficulty."""

import pytest

from yingdu.bilingual.models import BilingualArticle
from yingdu.compositions.models import Composition
from yingdu.daily.models import DailyTerm
from yingdu.news.models import NewsArticle, Section

pytestmark = pytest.mark.django_db

BODY = (
    "GENEVA, May 3 -- Scientists said the <strong>biodiversity</strong> of the wetland "
    "had improved.\n\nThe children went to school and planted trees near the river."
)


@pytest.fixture
def article(site_lexicon):
    return NewsArticle.objects.create(
        section=Section.INTERNATIONAL, title="Wetland", body=BODY, status="published"
    )


def test_saving_annotates_the_body(article):
    article.refresh_from_db()
    html = article.reading["html"]
    assert set(html) == {"p0", "p1"}
    assert "<strong>" in html["p0"] and 'class="w b' in html["p0"]
    lemmas = [entry["lemma"] for entry in article.reading["bank"]]
    assert "biodiversity" in lemmas
    assert "go" not in lemmas and "child" not in lemmas  # primary words stay unmarked
    assert "geneva" not in [lemma.lower() for lemma in lemmas]  # proper nouns never


def test_difficulty_for_every_level(article):
    article.refresh_from_db()
    levels = [entry["level"] for entry in article.difficulty]
    assert levels == ["primary", "junior", "senior", "cet4", "cet6", "kaoyan"]
    ratios = [entry["ratio"] for entry in article.difficulty]
    assert ratios == sorted(ratios, reverse=True)
    assert ratios[0] > 0


def test_page_shows_spans_word_bank_and_glossary(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="word-bank"' in html
    assert 'id="glossary"' in html
    assert 'data-g="' in html
    assert "biodiversity" in html
    assert "<strong>" in html


def test_editing_re_annotates(article):
    article.body = "The astronaut admired the magnificent nebula."
    article.save()
    article.refresh_from_db()
    lemmas = [entry["lemma"] for entry in article.reading["bank"]]
    assert "nebula" in lemmas and "biodiversity" not in lemmas


def test_bilingual_pairs_added_after_the_article_are_annotated(site_lexicon):
    item = BilingualArticle.objects.create(title="Kites", status="published")
    pair = item.pairs.create(
        position=0, en="The committee approved the proposal.", zh="委员会批准了提议。"
    )
    item.refresh_from_db()
    assert f"pair{pair.pk}" in item.reading["html"]
    pair.delete()
    item.refresh_from_db()
    assert item.reading.get("html", {}) == {}


def test_daily_term_examples_are_annotated(site_lexicon):
    term = DailyTerm.objects.create(
        term_zh="激发市场主体活力", term_en="spur vitality of market entities",
        date="2026-04-21", status="published",
    )  # fmt: skip
    example = term.examples.create(en="Reforms spur the vitality of market entities.", zh="…")
    term.refresh_from_db()
    assert {"term", f"ex{example.pk}"} <= set(term.reading["html"])


def test_chinese_compositions_get_pinyin_not_annotations(client, site_lexicon):
    item = Composition.objects.create(
        title="春天", author_name="小雨", grade="p2", language="zh",
        body="春天来了，小草绿了。", status="published",
    )  # fmt: skip
    item.refresh_from_db()
    assert item.difficulty == []
    assert "<ruby>春天<rt>chūn tiān</rt></ruby>" in item.reading["ruby"]["p0"]
    html = client.get(item.get_absolute_url()).content.decode()
    assert "pinyin-toggle" in html and "<rt>chūn tiān</rt>" in html


def test_hostile_text_stays_escaped_in_annotations(client, site_lexicon):
    term = DailyTerm.objects.create(
        term_zh="测试", term_en="<script>alert(1)</script> biodiversity",
        date="2026-04-22", status="published",
    )  # fmt: skip
    term.examples.create(en='<img src=x onerror="alert(2)"> wetland', zh="")
    html = client.get(term.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html


def test_without_a_lexicon_pages_still_render(client, db, tmp_path, settings):
    settings.LEXICON_PATH = tmp_path / "missing.sqlite3"
    item = NewsArticle.objects.create(
        section=Section.DOMESTIC, title="Plain", body="Plain words here.", status="published"
    )
    item.refresh_from_db()
    assert item.difficulty == [] and "html" not in item.reading
    assert "Plain words here." in client.get(item.get_absolute_url()).content.decode()
