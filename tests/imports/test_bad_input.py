"""Bad input in one batch: every bad source gets a clear error of its own, the good ones
are still imported, and nothing of a failed source is saved."""

import pytest

from yingdu.bilingual.models import BilingualArticle
from yingdu.compositions.models import Composition
from yingdu.daily.models import DailyTerm
from yingdu.importparse.sources import plan
from yingdu.imports.models import ImportRecord
from yingdu.imports.service import Importer
from yingdu.news.models import NewsArticle

pytestmark = pytest.mark.django_db


def items():
    models = (NewsArticle, BilingualArticle, DailyTerm, Composition)
    return sum(m.objects.count() for m in models)


def test_a_batch_of_bad_sources(server, limits, fixtures_dir, tmp_path):
    (tmp_path / "broken.html").write_text("<html><body><div><p></div><table><tr>", "utf-8")
    (tmp_path / "blank.html").write_text("   \n  ", "utf-8")
    (tmp_path / "zip.html").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    (tmp_path / "huge.html").write_bytes(b"<p>" + b"w" * (limits.max_bytes + 1))
    (tmp_path / "nav-only.html").write_text(
        "<html><body><div class='nav'>首页 | 英语资讯 | 作文</div>"
        "<div class='footer'>Copyright © 2024 英语学习网 京ICP备12345678号</div></body></html>",
        "utf-8",
    )
    sources = [str(tmp_path / name) for name in
               ("broken.html", "blank.html", "zip.html", "huge.html", "nav-only.html")]  # fmt: skip
    urls = ["/image.png", "/report.pdf", "/loop-a", "/chain/1", "/huge-chunked.html",
            "/slow.html", "/missing.html", "/binary.html", "/empty.html"]  # fmt: skip
    sources += [f"{server}{u}" for u in urls]
    sources += [str(fixtures_dir / "feed_broken_entries.xml"), str(fixtures_dir / "bilingual.html")]
    outcomes = list(Importer(limits=limits).run(plan(sources)))
    errors = {o.source.rsplit("/", 1)[-1]: o.error for o in outcomes if o.status == "error"}
    assert errors["broken.html"] == "no article text found in the page"
    assert errors["blank.html"] == "empty page"
    assert errors["zip.html"] == "binary content, not a web page or text"
    assert errors["huge.html"].startswith("larger than the")
    assert errors["nav-only.html"] == "no article text found in the page"
    assert errors["image.png"] == "not a web page or feed (content type image/png)"
    assert errors["report.pdf"] == "not a web page or feed (content type application/pdf)"
    assert errors["loop-a"].startswith("redirect loop")
    assert errors["1"] == "more than 3 redirects"
    assert errors["huge-chunked.html"].startswith("larger than the")
    assert errors["slow.html"].startswith("timed out")
    assert errors["missing.html"].startswith("HTTP 404")
    assert errors["binary.html"] == "binary content, not a web page or text"
    assert errors["empty.html"] == "empty page"
    assert errors["missing-page.html"] == "no such file"
    assert any("no page link" in e or "no link" in e for e in errors.values())
    created = [o for o in outcomes if o.status == "created"]
    assert sorted(o.source.rsplit("/", 1)[-1] for o in created) == [
        "bilingual.html", "news_domestic.html"
    ]  # fmt: skip
    assert items() == 2 and ImportRecord.objects.count() == 2


def test_unexpected_failure_while_saving_is_reported_and_rolled_back(fixtures_dir, monkeypatch):
    from yingdu.daily.models import Example

    def broken(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Example, "save", broken)
    outcomes = list(Importer().run(plan([str(fixtures_dir / "daily_term.html")])))
    assert outcomes[0].status == "error" and "disk full" in outcomes[0].error
    assert not DailyTerm.objects.exists() and not ImportRecord.objects.exists()
