"""bench/bench_extract.py: bag-of-token scores, both evaluation-set layouts, and a run on
the pages written for Yingdu."""

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_extract.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_extract", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tokens_and_scores(bench):
    assert bench.tokens("The cat, the CAT! 猫咪 2024") == ["the", "cat", "the", "cat", "猫", "咪",
                                                          "2024"]  # fmt: skip
    precision, recall, f1 = bench.scores("the cat sat", "the cat sat on the mat")
    assert (precision, recall) == (1.0, 0.5) and f1 == pytest.approx(2 / 3)
    assert bench.scores("", "the mat") == (0.0, 0.0, 0.0)
    assert bench.scores("", "") == (1.0, 1.0, 1.0)


def test_both_layouts(bench, tmp_path):
    simple = tmp_path / "simple"
    simple.mkdir()
    (simple / "a.html").write_text("<p>A</p>", encoding="utf-8")
    (simple / "a.txt").write_text("A", encoding="utf-8")
    (simple / "b.html.gz").write_bytes(gzip.compress(b"<p>B</p>"))
    (simple / "b.txt").write_text("B", encoding="utf-8")
    (simple / "orphan.txt").write_text("no page", encoding="utf-8")
    assert bench.evaluation_set(simple) == [("a", b"<p>A</p>", "A"), ("b", b"<p>B</p>", "B")]
    native = tmp_path / "native"
    (native / "html").mkdir(parents=True)
    (native / "html" / "x1.html.gz").write_bytes(gzip.compress(b"<p>X</p>"))
    (native / "ground-truth.json").write_text(json.dumps({"x1": {"articleBody": "X"}}))
    assert bench.evaluation_set(native) == [("x1", b"<p>X</p>", "X")]


def test_a_run_on_the_pages_written_for_yingdu(bench, capsys):
    assert bench.main([]) == 0
    out = capsys.readouterr().out
    rows = {line[:38].strip(): line[38:].split() for line in out.splitlines()[2:5]}
    assert set(rows) == {
        "yingdu import", "trafilatura alone (defaults)", "trafilatura alone (yingdu's options)"
    }  # fmt: skip
    ours = [float(x) for x in rows["yingdu import"]]
    theirs = [float(x) for x in rows["trafilatura alone (defaults)"]]
    assert ours[1] >= theirs[1] - 0.01  # recall within a point of trafilatura's
    assert ours[0] > theirs[0]  # the title lists are gone
    assert "japanese_page: language not taught: ja" in out
