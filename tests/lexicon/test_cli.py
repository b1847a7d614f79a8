"""Run the real commands through ``python -m yingdu.lexicon.cli``."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(args, tmp_path, stdin=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "YINGDU_DATA_DIR": str(tmp_path)}
    env.pop("YINGDU_LEXICON_DIR", None)
    env.pop("YINGDU_LEXICON_PATH", None)
    return subprocess.run(
        [sys.executable, "-m", "yingdu.lexicon.cli", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_build):
    tmp = tmp_path_factory.mktemp("cli")
    (tmp / "lexicon.sqlite3").write_bytes(sample_build[0].read_bytes())
    return tmp


def test_build_command(tmp_path):
    from tests.lexicon.fixtures import write_sample

    lists, csv_path = write_sample(tmp_path)
    proc = run(["lexicon", "build", "--wordlists", str(lists), "--ecdict", str(csv_path)], tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "primary" in out and "cefr-estimated" in out
    assert (tmp_path / "lexicon.sqlite3").is_file()


def test_show_json(built):
    proc = run(["lexicon", "show", "took", "--json"], built)
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data["lemma"] == "take" and data["band"] == "junior"
    assert "拿" in proc.stdout.decode("utf-8")


def test_show_unknown_word(built):
    proc = run(["lexicon", "show", "qqqzzz"], built)
    assert proc.returncode == 1
    assert b"qqqzzz: not in the lexicon" in proc.stdout


SHOW_KEYS = ["word", "lemma", "band", "band_source", "ipa", "glosses"]


def test_show_batch_json_lines(built):
    proc = run(["lexicon", "show", "took", "qqqzzz", "Abandoned", "--json"], built)
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["word"] for r in records] == ["took", "qqqzzz", "Abandoned"]
    took, unknown, abandoned = records
    assert list(took) == SHOW_KEYS and list(abandoned) == SHOW_KEYS
    assert took["lemma"] == "take" and took["band"] == "junior"
    assert took["band_source"] == "wordlist" and took["ipa"] == "teɪk"
    assert ["v", "拿；带走；花费"] in took["glosses"]
    assert unknown == {"word": "qqqzzz", "error": "not in the lexicon"}
    assert abandoned["lemma"] == "abandon" and abandoned["band"] == "cet4"


def test_show_words_from_stdin(built):
    words = ["cat", "", "  glacier  ", "qqqzzz", "take part in"] * 400
    stdin = "\n".join(words).encode("utf-8")
    proc = run(["lexicon", "show", "-", "--json"], built, stdin)
    assert proc.returncode == 0, proc.stderr.decode()
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert len(records) == 1600  # blank lines skipped, one record per word, in order
    assert [r["word"] for r in records[:4]] == ["cat", "glacier", "qqqzzz", "take part in"]
    assert records[1]["lemma"] == "glacier" and records[1]["glosses"][0] == ["n", "冰河；冰川"]
    assert "error" in records[2] and records[3]["lemma"] == "take part in"


def test_show_several_words_as_text(built):
    proc = run(["lexicon", "show", "took", "abandon"], built)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert out.index("took → take") < out.index("abandon  [cet4")
    assert "放弃" in out and "拿" in out


def test_annotate_json_from_file(built):
    text = "The children took part in a bright morning study. Abandon nothing!"
    (built / "in.txt").write_text(text, encoding="utf-8")
    proc = run(["annotate", "in.txt", "--level", "primary"], built)
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    assert data["level"] == "primary" and data["words"] == 11
    assert [t["text"] for t in data["tokens"]][:3] == ["The", "children", "took"]
    for tok in data["tokens"]:
        assert text[tok["start"] : tok["end"]] == tok["text"]
    assert {"abandon", "take part in"} <= {w["lemma"] for w in data["word_bank"]}


def test_annotate_text_from_stdin(built):
    proc = run(["annotate", "-", "--level", "junior", "--format", "text"], built, b"I abandon it.")
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert "abandon" in out and "放弃" in out


def test_annotate_big_garbage_stdin(built):
    blob = (os.urandom(200_000) + b"The cat was abandoned. " * 20_000) * 2
    proc = run(["annotate", "-", "--level", "junior"], built, blob)
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    assert data["words"] > 160_000


def test_missing_lexicon(tmp_path):
    proc = run(["annotate", "-", "--level", "junior"], tmp_path, b"hello")
    assert proc.returncode == 2
