"""Building and loading lexicons from the inline sample and from pip-only sources."""

import json
import os

import pytest

from yingdu.lexicon import (
    BANDS,
    LexiconError,
    build_lexicon,
    default_lexicon_path,
    load_lexicon,
)
from yingdu.lexicon.store import clear_cache


def test_sample_bands_and_sources(sample_lexicon):
    lx = sample_lexicon
    assert lx.band_of("take") == "junior"
    assert lx.band_of("abandon") == "cet4"  # word list beats ECDICT tag
    assert lx.band_of("meadow") == "cet6"  # ECDICT tag when no list has it
    assert lx.band_of("zzqxv") == "beyond"
    entry = lx.lookup("abandon")
    assert entry.band_source == "wordlist"
    assert entry.ipa_uk == "əˈbændən" and entry.ipa_us
    assert ("v", "放弃；抛弃") in entry.glosses
    assert entry.sources["glosses"] == "wordlist"
    assert lx.lookup("meadow").sources["band"] == "ecdict"
    json.dumps(entry.to_dict(), ensure_ascii=False)


def test_sample_forms(sample_lexicon):
    lx = sample_lexicon
    assert lx.lemma_of("took") == "take"  # irregular from the list
    assert lx.lemma_of("went") == "go"
    assert lx.lemma_of("abandoning") == "abandon"  # ECDICT exchange
    assert lx.lemma_of("children") == "child"
    assert lx.lemma_of("studies") == "study"
    assert lx.lemma_of("was") == "be"
    assert "took" in lx.lookup("take").forms


def test_sample_mwes(sample_lexicon):
    entry = sample_lexicon.mwe("take part in")
    assert entry and entry.band == "junior" and entry.glosses
    assert sample_lexicon.mwes_starting_with("take")
    assert sample_lexicon.mwe("make up one's mind")


def test_sample_names_are_flagged(sample_lexicon):
    assert sample_lexicon.lookup("zorbland") is None


def test_summary(sample_build):
    _, summary = sample_build
    assert summary["entries"] > 1000
    assert set(summary["bands"]) == set(BANDS)
    assert summary["sources"]["ecdict"] == 9
    assert summary["band_sources"]["wordlist"] >= 20
    assert summary["mwes"] >= 2


def test_pip_only_build(pip_build):
    path, summary = pip_build
    lx = load_lexicon(path)
    assert summary["entries"] > 20000
    assert "wordlists" not in summary["sources"]
    assert lx.lemma_of("went") == "go"
    assert lx.band_of("cat") == "primary"
    assert lx.lookup("abandon").band_source == "curriculum"  # the shipped band table
    assert lx.lookup("glimmer").band_source == "cefr-estimated"
    assert lx.lookup("computer").glosses  # from CC-CEDICT


def test_load_is_cached_and_reloads_after_rebuild(tmp_path, sample_build):
    path = tmp_path / "copy.sqlite3"
    path.write_bytes(sample_build[0].read_bytes())
    first = load_lexicon(path)
    assert load_lexicon(path) is first
    os.utime(path, ns=(1, 1))
    assert load_lexicon(path) is not first
    clear_cache()


def test_missing_lexicon_is_a_clear_error(tmp_path):
    with pytest.raises(LexiconError, match="lexicon build"):
        load_lexicon(tmp_path / "nope.sqlite3")


def test_default_path_reads_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("YINGDU_DATA_DIR", str(tmp_path))
    assert default_lexicon_path() == tmp_path / "lexicon.sqlite3"
    monkeypatch.delenv("YINGDU_DATA_DIR")
    assert str(default_lexicon_path()).endswith("var/lexicon.sqlite3")


def test_interrupted_build_leaves_old_file(tmp_path, sample_build):
    out = tmp_path / "lexicon.sqlite3"
    out.write_bytes(b"old")

    def explode(stage, done, total):
        if stage == "pip sources":
            raise KeyboardInterrupt

    lists = sample_build[0]  # any existing path works as a (missing-file) list folder
    with pytest.raises(KeyboardInterrupt):
        build_lexicon(out, wordlists_dir=lists.parent, progress=explode, pip_sources=False)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["lexicon.sqlite3"]


def test_a_forked_child_reads_through_its_own_connection(sample_build):
    """gunicorn workers fork from a master that loaded the lexicon (--preload): each child
    gets its own SQLite connection, and a look-up that reads the database works there."""
    from yingdu.lexicon import load_lexicon

    lexicon = load_lexicon(sample_build[0])
    parent_connection = lexicon._con
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: report, then leave without running pytest's teardown
        try:
            entry = load_lexicon(sample_build[0]).lookup("abandon")
            fresh = load_lexicon(sample_build[0])._con is not parent_connection
            os.write(write, json.dumps([fresh, entry is not None]).encode())
        finally:
            os._exit(0)
    os.close(write)
    reported = json.loads(os.read(read, 1000) or b"null")
    os.waitpid(child, 0)
    assert reported == [True, True]
    assert lexicon._con is parent_connection  # the parent's own stays as it was
