"""Shared test data and session-wide lexicon builds (imported by both conftest files)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from yingdu.lexicon import build_lexicon, load_lexicon
from yingdu.lexicon.paths import find_ecdict, shared_lexicon_dir

SAMPLE_LISTS = {
    "primary.txt": "a\nan\nthe\nI\ngo\nchild\nchildren\nbig\nred\nhe\nshe\nis\nin\nto\nof\nand\n"
    "day\ncat\nsee\nit\nwas\nmy\nbook\nlike\nschool\nwe\n",
    "junior.txt": "\ufeffA\n"
    "take (took, taken) [teɪk] v. 拿；带走；花费\n"
    "part [pɑːt] n. 部分；角色\n"
    "study [ˈstʌdi] v. 学习 n. 研究；书房\n"
    "morning [ˈmɔːnɪŋ] n. 早晨；上午\n"
    "China [ˈtʃaɪnə] n. 中国\n"
    "B\n"
    "bright [braɪt] a. 明亮的；聪明的\n",
    "cet4.txt": "大学英语四级大纲单词表\n(共 3 词)\n"
    "abandon [әˈbændәn] vt.放弃；抛弃 n.放任\n"
    "record [ˈrekɔːd] n.记录；唱片 vt.记录；录音\n"
    "glimmer [ˈɡlɪmə] n.微光 vi.发微光\n",
}

SAMPLE_ECDICT = textwrap.dedent(
    """\
    word,phonetic,definition,translation,pos,collins,oxford,tag,bnc,frq,exchange,detail,audio
    take part in,,,参加；参与,,,,zk gk,0,0,,,
    make up one's mind,,,下定决心,,,,cet4,0,0,,,
    abandon,ə'bændən,,vt. 放弃；抛弃\\nn. 放任,,4,1,cet4 cet6 ky,3000,2800,ABANDON_FORMS,,
    went,went,,v. 去（go的过去式）,,,,,0,0,0:go/1:p,,
    glacier,'glæsiә,,n. 冰河；冰川,,2,,ielts,9000,8000,s:glaciers,,
    meadow,'medәu,,n. 草地；牧场,,3,,cet6 ky,7000,7100,s:meadows,,
    Zorbland,,,n. (Zorbland)人名,,,,,0,0,,,
    obstinate,'ɔbstinit,,a. 固执的；倔强的,,2,,ky,12000,15000,,,
    broken row without enough columns
    """
).replace("ABANDON_FORMS", "d:abandoned/p:abandoned/i:abandoning/3:abandons")


def shared_dir() -> Path | None:
    """The shared lexicon folder from YINGDU_LEXICON_DIR, or None."""
    return shared_lexicon_dir()


def write_sample(folder: Path) -> tuple[Path, Path]:
    """Write the inline sample lists and ECDICT rows; return (lists folder, csv path)."""
    lists = folder / "lists"
    lists.mkdir(parents=True, exist_ok=True)
    for name, text in SAMPLE_LISTS.items():
        (lists / name).write_text(text, encoding="utf-8")
    csv_path = folder / "ecdict.sample.csv"
    csv_path.write_text(SAMPLE_ECDICT, encoding="utf-8")
    return lists, csv_path


_BUILT: dict[str, tuple[Path, dict]] = {}


def build_once(kind: str, factory) -> tuple[Path, dict]:
    """(path, summary) of the session's lexicon build KIND (sample, pip or full), made on first
    use in a folder of FACTORY (tmp_path_factory); the site's lexicon is a copy of one."""
    if kind not in _BUILT:
        folder = factory.mktemp(f"lexicon-{kind}")
        out = folder / "lexicon.sqlite3"
        if kind == "sample":
            lists, csv_path = write_sample(folder)
            summary = build_lexicon(out, lists, csv_path)
        elif kind == "pip":
            summary = build_lexicon(out)
        else:
            shared = shared_dir()
            summary = build_lexicon(out, shared, find_ecdict(shared))
        _BUILT[kind] = (out, summary)
    return _BUILT[kind]


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """(path, summary) of a lexicon built from the inline samples plus pip sources."""
    return build_once("sample", tmp_path_factory)


@pytest.fixture(scope="session")
def sample_lexicon(sample_build):
    return load_lexicon(sample_build[0])


@pytest.fixture(scope="session")
def pip_build(tmp_path_factory):
    """(path, summary) of a lexicon built from pip-only sources."""
    return build_once("pip", tmp_path_factory)


@pytest.fixture(scope="session")
def full_build(tmp_path_factory):
    """(path, summary) of the full lexicon from YINGDU_LEXICON_DIR (skips when unset)."""
    if shared_dir() is None:
        pytest.skip("YINGDU_LEXICON_DIR is not set or missing: shared word lists unavailable")
    return build_once("full", tmp_path_factory)


@pytest.fixture(scope="session")
def full_lexicon(full_build):
    return load_lexicon(full_build[0])
