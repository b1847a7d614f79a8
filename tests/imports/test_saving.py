"""Imports saved as items: every field, drafts unless published, slugs and dates, one
transaction per item, deduplication (exact and near) against every item on the site."""

import datetime as dt

import pytest
from django.utils import timezone

from yingdu.bilingual.models import BilingualArticle, ParagraphPair
from yingdu.compositions.models import Composition
from yingdu.core.models import Status
from yingdu.daily.models import DailyTerm
from yingdu.importparse.sources import Task, plan
from yingdu.imports.models import ImportRecord
from yingdu.imports.service import Importer, run_import
from yingdu.news.models import NewsArticle

pytestmark = pytest.mark.django_db


def one(fixtures_dir, name, **options):
    outcomes = run_import([str(fixtures_dir / name)], **options)
    assert len(outcomes) == 1
    return outcomes[0]


def test_news_saved_as_draft_with_dateline(fixtures_dir):
    outcome = one(fixtures_dir, "news_international.html")
    assert outcome.status == "created", outcome.error
    item = NewsArticle.objects.get(pk=outcome.id)
    assert item.status == Status.DRAFT
    assert item.section == "international"
    assert item.title == "Lake cities agree to share flood warnings"
    assert item.slug == "lake-cities-agree-to-share-flood-warnings"
    assert (item.dateline_place, item.dateline_date, item.source) == (
        "GENEVA", "April 21", "英语学习网"
    )  # fmt: skip
    assert timezone.localtime(item.published_at).date() == dt.date(2024, 4, 21)
    assert item.paragraphs()[0].startswith("GENEVA, April 21 -- Twelve")
    assert len(item.paragraphs()) == 4 and item.body_has_dateline
    assert "<" not in item.body
    record = ImportRecord.objects.get(object_id=item.pk, content_type__model="newsarticle")
    assert record.source.endswith("news_international.html") and len(record.signature) == 512


def test_publish_option(fixtures_dir):
    outcome = one(fixtures_dir, "news_domestic.html", publish=True)
    item = NewsArticle.objects.get(pk=outcome.id)
    assert item.status == Status.PUBLISHED and item.is_published
    assert item.section == "domestic"


def test_bilingual_saved_with_pairs(fixtures_dir):
    outcome = one(fixtures_dir, "bilingual.html")
    item = BilingualArticle.objects.get(pk=outcome.id)
    assert (item.title, item.title_zh, item.source) == (
        "Paper lanterns light up the old town", "纸灯笼点亮古城", "英语学习网"
    )  # fmt: skip
    pairs = list(item.pairs.values_list("en", "zh"))
    assert len(pairs) == 3 and pairs[1][1].startswith("一家人在灯下")


def test_daily_term_saved_with_examples(fixtures_dir):
    outcome = one(fixtures_dir, "daily_term.html")
    term = DailyTerm.objects.get(pk=outcome.id)
    assert (term.term_zh, term.term_en, term.date) == (
        "乡村振兴", "rural revitalization", dt.date(2024, 5, 6)
    )  # fmt: skip
    assert term.explanation.startswith("乡村振兴是指")
    assert term.examples.count() == 2
    assert term.slug == "rural-revitalization"


def test_daily_term_on_a_taken_date_is_an_error(fixtures_dir):
    DailyTerm.objects.create(
        term_zh="碳中和", term_en="carbon neutrality", date=dt.date(2024, 5, 6)
    )
    outcome = one(fixtures_dir, "daily_term.html")
    assert outcome.status == "error"
    assert "already a daily term for 2024-05-06" in outcome.error
    assert (
        DailyTerm.objects.count() == 1 and not ImportRecord.objects.filter(source__gt="").exists()
    )


def test_compositions(fixtures_dir):
    zh = Composition.objects.get(pk=one(fixtures_dir, "composition_zh.html").id)
    assert (zh.language, zh.grade, zh.author_name, zh.title) == ("zh", "p3", "", "我家的小菜园")
    assert "林" not in zh.public_author  # no name kept from the page (PIPL)
    assert zh.length == 183  # counted by the model (汉字 only); the page claimed 312
    assert zh.slug == "wo-jia-de-xiao-cai-yuan"
    en = Composition.objects.get(pk=one(fixtures_dir, "composition_en.html").id)
    assert (en.language, en.grade, en.author_name) == ("en", "j2", "")
    record = ImportRecord.objects.get(object_id=en.pk, content_type__model="composition")
    assert record.source.endswith("composition_en.html")  # the source is recorded instead


def test_rerun_reports_duplicates_and_saves_nothing_twice(fixtures_dir):
    first = run_import([str(fixtures_dir)])
    assert {o.status for o in first} == {"created", "duplicate"}  # two GBK copies of one text
    counts = NewsArticle.objects.count(), BilingualArticle.objects.count()
    second = run_import([str(fixtures_dir)])
    assert {o.status for o in second} == {"duplicate"}
    created = {o.source: o.id for o in first if o.status == "created"}
    for outcome in second:
        if outcome.source in created:
            assert outcome.id == created[outcome.source] and outcome.match == "exact"
    assert (NewsArticle.objects.count(), BilingualArticle.objects.count()) == counts


def test_exact_duplicate_of_an_item_written_by_hand(fixtures_dir):
    body = (
        "GENEVA, April 21 -- Twelve cities around a large Alpine lake agreed on Sunday to share "
        "flood warnings within minutes, after a wet spring raised water levels to a ten-year "
        "high.\n\nUnder the agreement, sensors on rivers that feed the lake will send readings "
        "to a common centre, which will text residents in three languages when a warning is "
        'issued.\n\n"Water does not stop at a town border, so our warnings should not stop '
        'there either," said the mayor of one of the smaller towns, who chaired the meeting.'
        "\n\nEngineers said the system would cost less than a new pumping station and could be "
        "running before the summer storms arrive in July."
    )
    mine = NewsArticle.objects.create(section="international", title="Flood warnings", body=body)
    outcome = one(fixtures_dir, "news_international.html")
    assert (outcome.status, outcome.id, outcome.match) == ("duplicate", mine.pk, "exact")


def test_near_duplicate_of_an_edited_item(fixtures_dir):
    first = one(fixtures_dir, "news_international.html")
    item = NewsArticle.objects.get(pk=first.id)
    item.body = item.body.replace("ten-year high", "decade high").replace("July", "June")
    item.save()  # edited after it was fingerprinted: the next run refreshes its fingerprint
    ImportRecord.objects.all().delete()  # and items without a fingerprint get one lazily
    again = one(fixtures_dir, "news_international.html")
    assert (again.status, again.id, again.match) == ("duplicate", item.pk, "near")


def test_deleted_item_can_be_imported_again(fixtures_dir):
    first = one(fixtures_dir, "bilingual.html")
    BilingualArticle.objects.filter(pk=first.id).delete()
    again = one(fixtures_dir, "bilingual.html")
    assert again.status == "created" and again.id != first.id


def test_a_failure_half_way_leaves_nothing(fixtures_dir, monkeypatch):
    """Killed while saving the pairs: the article, its pairs and its record roll back, and the
    next run imports it."""
    calls = {"n": 0}
    original = ParagraphPair.save

    def crash(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # as a Ctrl-C in the middle of an item
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ParagraphPair, "save", crash)
    importer = Importer()
    with pytest.raises(KeyboardInterrupt):
        list(importer.run(plan([str(fixtures_dir / "bilingual.html")])))
    assert not BilingualArticle.objects.exists() and not ParagraphPair.objects.exists()
    assert not ImportRecord.objects.exists()
    monkeypatch.setattr(ParagraphPair, "save", original)
    outcome = one(fixtures_dir, "bilingual.html")
    assert outcome.status == "created"
    assert BilingualArticle.objects.get().pairs.count() == 3


def test_dry_run_saves_nothing(fixtures_dir):
    outcomes = run_import([str(fixtures_dir)], dry_run=True)
    assert {o.status for o in outcomes} == {"new", "duplicate"}
    [copy] = [o for o in outcomes if o.status == "duplicate"]  # the second GBK page
    assert copy.id is None and copy.of_source.endswith("zh_news_gb18030_wrong_charset.html")
    assert not NewsArticle.objects.exists() and not ImportRecord.objects.exists()


def test_url_sources_and_served_feed(server, limits):
    importer = Importer(limits=limits)
    tasks = plan([f"{server}/feed.xml", f"{server}/redirect", f"{server}/loop-a"])
    outcomes = list(importer.run(tasks))
    assert [o.status for o in outcomes] == ["created", "created", "created", "duplicate", "error"]
    assert outcomes[0].source == f"{server}/news_international.html"
    assert outcomes[3].id == outcomes[0].id
    assert "redirect loop" in outcomes[4].error
    assert DailyTerm.objects.count() == 1 and BilingualArticle.objects.count() == 1


def test_pasted_text_task(fixtures_dir):
    text = (fixtures_dir / "pasted_news.txt").read_text(encoding="utf-8")
    [outcome] = Importer().run([Task("pasted text", "text", text=text)])
    item = NewsArticle.objects.get(pk=outcome.id)
    assert item.title == "Coastal town trains dogs to find lost hikers"
    assert "ICP" not in item.body and "相关" not in item.body and "|" not in item.body


def test_imported_items_get_reading_aids(fixtures_dir, site_lexicon):
    outcome = one(fixtures_dir, "news_international.html")
    item = NewsArticle.objects.get(pk=outcome.id)
    assert item.reading.get("html") and item.difficulty


def test_published_imports_are_searchable_drafts_not(fixtures_dir):
    from yingdu.search.service import run_search

    one(fixtures_dir, "news_international.html", publish=True)
    one(fixtures_dir, "news_domestic.html")  # a draft
    titles = [hit.title for hit in run_search("flood warnings").hits]
    assert "Lake cities agree to share flood warnings" in titles
    assert not [hit for hit in run_search("bike lanes canal").hits]


def test_bulk_command_batches_page_cache_bumps_but_not_other_receivers(fixtures_dir):
    from django.db.models.signals import post_save

    from yingdu.core import pagecache
    from yingdu.imports.service import batched_page_cache

    before = pagecache.content_generation()
    with batched_page_cache() as one_saved:
        outcome = one(fixtures_dir, "news_international.html", publish=True)
        one_saved()
    assert pagecache.content_generation() != before  # bumped at the end
    item = NewsArticle.objects.get(pk=outcome.id)
    assert item.reading.get("stamp") is not None  # reading aids still computed per item
    from yingdu.core.signals import content_changed

    assert content_changed in [r[1]() for r in post_save.receivers if r[1]() is not None]


def test_parallel_parsers_give_the_same_outcomes(fixtures_dir):
    """With worker processes the outcomes are the same, feed entries possibly later."""
    from collections import Counter

    sources = [str(fixtures_dir / "feed.xml"), str(fixtures_dir), "missing.html"]
    outcomes = list(Importer(dry_run=True).run(plan(sources), jobs=2))
    sequential = list(Importer(dry_run=True).run(plan(sources)))
    assert sorted(o.source for o in outcomes) == sorted(o.source for o in sequential)
    assert Counter(o.status for o in outcomes) == Counter(o.status for o in sequential)
    assert Counter(o.status for o in outcomes) == {"new": 7, "duplicate": 4, "error": 1}
