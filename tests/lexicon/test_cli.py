"""Run the real commands through ``python -m yingdu.lexicon.cli``."""

import json
import os

import pytest

from tests.conftest import run_yingdu, subprocess_env


def run(args, folder, stdin=None, code=0):
    """The standalone entry point, in FOLDER, which is also the data folder."""
    unset = ("YINGDU_LEXICON_DIR", "YINGDU_LEXICON_PATH")
    env = {k: v for k, v in subprocess_env(folder).items() if k not in unset}
    return run_yingdu(env, *args, module="yingdu.lexicon.cli", input=stdin, code=code, cwd=folder)


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_build):
    tmp = tmp_path_factory.mktemp("cli")
    (tmp / "lexicon.sqlite3").write_bytes(sample_build[0].read_bytes())
    return tmp


def test_build_command(tmp_path):
    from tests.lexicon.fixtures import write_sample

    lists, csv_path = write_sample(tmp_path)
    proc = run(["lexicon", "build", "--wordlists", str(lists), "--ecdict", str(csv_path)], tmp_path)
    out = proc.stdout
    assert "primary" in out and "cefr-estimated" in out
    assert (tmp_path / "lexicon.sqlite3").is_file()


def test_show_json(built):
    proc = run(["lexicon", "show", "took", "--json"], built)
    data = json.loads(proc.stdout)
    assert data["lemma"] == "take" and data["band"] == "junior"
    assert "拿" in proc.stdout


def test_show_unknown_word(built):
    proc = run(["lexicon", "show", "qqqzzz"], built, code=1)
    assert "qqqzzz: not in the lexicon" in proc.stdout


SHOW_KEYS = ["word", "lemma", "band", "band_source", "ipa", "glosses"]


def test_show_batch_json_lines(built):
    proc = run(["lexicon", "show", "took", "qqqzzz", "Abandoned", "--json"], built)
    lines = proc.stdout.splitlines()
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
    stdin = "\n".join(words)
    proc = run(["lexicon", "show", "-", "--json"], built, stdin)
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == 1600  # blank lines skipped, one record per word, in order
    assert [r["word"] for r in records[:4]] == ["cat", "glacier", "qqqzzz", "take part in"]
    assert records[1]["lemma"] == "glacier" and records[1]["glosses"][0] == ["n", "冰河；冰川"]
    assert "error" in records[2] and records[3]["lemma"] == "take part in"


def test_show_several_words_as_text(built):
    proc = run(["lexicon", "show", "took", "abandon"], built)
    out = proc.stdout
    assert out.index("took → take") < out.index("abandon  [cet4")
    assert "放弃" in out and "拿" in out
    assert "gloss from " in out  # which source, for an operator looking into a gloss
    assert " //" not in out  # no empty IPA


def test_show_says_which_rule_made_a_gloss():
    from yingdu.lexicon.cli import _gloss_source

    derived = {"glosses": "derived", "gloss_via": "-an <- italy"}
    assert _gloss_source(derived) == "derived (-an <- italy)"
    at_lookup = {"glosses": "derived-at-lookup", "gloss_rule": "un- <- courteous"}
    assert _gloss_source(at_lookup) == "derived-at-lookup (un- <- courteous)"
    assert _gloss_source({"glosses": "cccedict"}) == "cccedict"
    assert _gloss_source({}) == ""


def test_annotate_json_from_file(built):
    text = "The children took part in a bright morning study. Abandon nothing!"
    (built / "in.txt").write_text(text, encoding="utf-8")
    proc = run(["annotate", "in.txt", "--level", "primary"], built)
    data = json.loads(proc.stdout)
    assert data["level"] == "primary" and data["words"] == 11
    assert [t["text"] for t in data["tokens"]][:3] == ["The", "children", "took"]
    for tok in data["tokens"]:
        assert text[tok["start"] : tok["end"]] == tok["text"]
    assert {"abandon", "take part in"} <= {w["lemma"] for w in data["word_bank"]}


def test_annotate_text_from_stdin(built):
    proc = run(["annotate", "-", "--level", "junior", "--format", "text"], built, b"I abandon it.")
    out = proc.stdout
    assert "abandon" in out and "放弃" in out


def test_annotate_big_garbage_stdin(built):
    blob = (os.urandom(200_000) + b"The cat was abandoned. " * 20_000) * 2
    proc = run(["annotate", "-", "--level", "junior"], built, blob)
    data = json.loads(proc.stdout)
    assert data["words"] > 160_000


def test_missing_lexicon(tmp_path):
    run(["annotate", "-", "--level", "junior"], tmp_path, "hello", code=2)
