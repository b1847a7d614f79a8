"""`yingdu import`: JSON lines, dry runs, standard input, exit codes, the summary table, and
a real separate process killed half-way through a batch."""

import io
import json
import signal
import sys

import pytest

from tests.conftest import YINGDU, run_yingdu, start_python
from tests.importparse.pagegen import write_pages
from yingdu.cli import main
from yingdu.imports.models import ImportRecord
from yingdu.news.models import NewsArticle

pytestmark = pytest.mark.django_db

FIELDS = {
    "source", "status", "error", "id", "kind", "title", "date", "dateline_place", "section",
    "lang", "paragraphs", "pairs", "term_zh", "term_en", "grade",
}  # fmt: skip


def run_json(capsys, *args):
    code = main(["import", "--json", *args])
    out = capsys.readouterr()
    return code, [json.loads(line) for line in out.out.splitlines()], out.err


def test_json_lines_for_a_folder(capsys, fixtures_dir):
    code, rows, err = run_json(capsys, str(fixtures_dir))
    assert code == 0
    assert len(rows) == 8 and all(set(row) >= FIELDS for row in rows)
    by_name = {row["source"].rsplit("/", 1)[-1]: row for row in rows}
    news = by_name["news_international.html"]
    assert news["status"] == "created" and news["id"]
    assert (news["kind"], news["section"], news["dateline_place"], news["date"]) == (
        "news", "international", "GENEVA", "2024-04-21"
    )  # fmt: skip
    assert news["pairs"] is None and news["term_zh"] is None and news["grade"] is None
    term = by_name["daily_term.html"]
    assert (term["term_zh"], term["term_en"], term["section"]) == (
        "乡村振兴", "rural revitalization", None
    )  # fmt: skip
    assert len(term["pairs"]) == 2
    assert by_name["composition_zh.html"]["grade"] == "p3"
    assert by_name["bilingual.html"]["lang"] == "en-zh"
    first, copy = (
        by_name["zh_news_gb18030_wrong_charset.html"],
        by_name["zh_news_gbk_nocharset.html"],
    )
    assert (first["status"], copy["status"], copy["id"]) == ("created", "duplicate", first["id"])
    assert "Import" in err  # the summary goes to stderr when stdout carries JSON


def test_dry_run_prints_and_saves_nothing(capsys, fixtures_dir):
    code = main(["import", "--dry-run", str(fixtures_dir / "daily_term.html")])
    out = capsys.readouterr().out
    assert code == 0
    assert "rural revitalization" in out and "乡村振兴是指" in out and "dry run" in out
    assert not ImportRecord.objects.exists()


def test_stdin_text(capsys, monkeypatch, fixtures_dir):
    data = (fixtures_dir / "pasted_news.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, [row], _ = run_json(capsys, "--publish", "-")
    assert code == 0 and row["source"] == "-" and row["status"] == "created"
    assert NewsArticle.objects.get(pk=row["id"]).is_published


def test_errors_do_not_abort_the_batch(capsys, fixtures_dir, tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 50)
    args = [str(tmp_path / "empty.html"), str(tmp_path / "photo.html"), "nope.html"]
    code, rows, err = run_json(capsys, *args, str(fixtures_dir / "bilingual.html"))
    assert code == 1
    assert [r["status"] for r in rows] == ["error", "error", "error", "created"]
    assert [r["error"] for r in rows[:3]] == [
        "empty page", "binary content, not a web page or text", "no such file, folder or URL"
    ]  # fmt: skip
    assert rows[0]["kind"] is None and rows[0]["paragraphs"] is None
    assert "Not imported" in err and "empty page" in err


def test_summary_table(capsys, fixtures_dir):
    main(["import", str(fixtures_dir / "news_domestic.html")])
    main(["import", str(fixtures_dir / "news_domestic.html")])
    out = capsys.readouterr().out
    assert "created" in out and "duplicate" in out and "exact duplicate of newsarticle" in out


def test_kind_option(capsys, fixtures_dir):
    code, [row], _ = run_json(
        capsys, "--dry-run", "--kind", "news", str(fixtures_dir / "bilingual.html")
    )
    assert (row["status"], row["kind"]) == ("new", "news")


def test_killed_process_then_rerun_imports_the_rest(fresh_env, fixtures_dir, tmp_path):
    """A real `yingdu import` process killed in the middle of a batch (SIGKILL, nothing can
    clean up): the re-run creates the rest and duplicates nothing."""
    env = {**fresh_env, "SECRET_KEY": "kill-test-" + "k" * 40}
    run_yingdu(env, "migrate", "-v", "0")
    folder = tmp_path / "pages"
    write_pages(folder, 40)
    proc = start_python(env, *YINGDU, "import", "--json", str(folder))
    seen = [proc.stdout.readline() for _ in range(3)]  # three items saved, then kill it
    assert all('"created"' in line for line in seen)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    rerun = run_yingdu(env, "import", "--json", str(folder))
    rows = [json.loads(line) for line in rerun.stdout.splitlines()]
    statuses = [row["status"] for row in rows]
    assert len(rows) == 40 and statuses.count("duplicate") >= 3
    assert statuses.count("created") + statuses.count("duplicate") == 40
    assert all(row["match"] == "exact" for row in rows if row["status"] == "duplicate")
    count = "from yingdu.news.models import NewsArticle as N; print(N.objects.count())"
    check = run_yingdu(env, "manage", "shell", "-c", count)
    assert check.stdout.strip().splitlines()[-1] == "40"


def test_kind_old_spellings_are_accepted_and_unknown_kinds_refused(capsys, fixtures_dir):
    page = str(fixtures_dir / "composition_zh.html")
    code, rows, _ = run_json(capsys, "--dry-run", "--kind", "composition", page)
    assert code == 0 and rows[0]["kind"] == "compositions" and rows[0]["status"] == "new"
    assert main(["import", "--kind", "essays", page]) == 2
    error = capsys.readouterr().err
    assert "unknown kind 'essays'" in error and "news, daily, bilingual, compositions" in error
