"""The WordNet reader and its bridge to Chinese glosses, on a small database written here.

The fixture folder has the layout and line formats of WordNet 3.0 (wndb(5)) with a handful
of synsets made up for the tests; data lines start at the byte offset they name, as in the
real files.  The Chinese glosses of the neighbours stand in for CC-CEDICT's.
"""

from pathlib import Path

import pytest

from yingdu.lexicon import load_lexicon
from yingdu.lexicon.wordnet import (
    Sense,
    parse_data_line,
    parse_index_line,
    wordnet_dir,
    wordnet_forms,
    wordnet_glosses,
    wordnet_lemmas,
)

# (key, pos letter, words, pointers (symbol, key, source/target)); keys name synsets
SYNSETS = {
    "noun": [
        ("calm", "n", ["composure", "calmness"], []),
        ("away", "n", ["absence"], [("+", "absent", "0101")]),
        ("cab", "n", ["hansom"], []),
        ("spouse", "n", ["wife"], []),
        ("coach", "n", ["coach"], []),
        ("landau", "n", ["landau"], [("@", "coach", "0000")]),
        ("tilbury", "n", ["Tilbury"], [("@", "coach", "0000")]),  # written as a name
    ],
    "adj": [
        ("absent", "a", ["absent"], [("+", "away", "0101")]),
        ("choosy", "a", ["fastidious"], [("&", "picky", "0000")]),
        ("picky", "s", ["picky", "fussy"], [("&", "choosy", "0000")]),
    ],
    "verb": [("shake", "v", ["shake"], [])],
}
EXCEPTIONS = {"noun": "wives wife\n", "verb": "shook shake\nshook_hands shake_hands\n"}
NEIGHBOURS = {
    "calmness": (1.0, [("", "镇静，平静")]),
    "absent": (1.0, [("adj", "缺席的")]),
    "picky": (1.0, [("adj", "挑剔的")]),
    "fussy": (1.5, [("adj", "挑剔的，爱挑剔")]),
    "wife": (1.0, [("", "妻子")]),
    "shake": (1.0, [("v", "摇动")]),
    "coach": (1.0, [("", "马车，客车")]),
}
_HEADER = "  1 This is a made-up WordNet-format database for Yingdu's tests.  \n"


def _data_lines(synsets, offsets) -> list[str]:
    lines = []
    for key, letter, words, pointers in synsets:
        word_part = " ".join(f"{w.replace(' ', '_')} 0" for w in words)
        pointer_part = " ".join(
            f"{symbol} {offsets[target][1]:08d} {offsets[target][0]} {st}"
            for symbol, target, st in pointers
        )
        lines.append(
            f"{offsets[key][1]:08d} 00 {letter} {len(words):02x} {word_part} "
            f"{len(pointers):03d} {pointer_part} | made-up gloss  \n"
        )
    return lines


def write_wordnet(folder: Path) -> Path:
    """Write the fixture database; data offsets are byte positions, as in WordNet."""
    folder.mkdir(parents=True, exist_ok=True)
    offsets = {key: (letter, 0) for syns in SYNSETS.values() for key, letter, *_ in syns}
    for _ in range(2):  # offsets have a fixed width: the second pass gets them right
        for synsets in SYNSETS.values():
            position = len(_HEADER)
            for (key, letter, *_), line in zip(synsets, _data_lines(synsets, offsets), strict=True):
                offsets[key] = (letter, position)
                position += len(line.encode())
    senses: dict[tuple[str, str], list[int]] = {}
    for name, synsets in SYNSETS.items():
        (folder / f"data.{name}").write_text(
            _HEADER + "".join(_data_lines(synsets, offsets)), encoding="utf-8"
        )
        for key, _letter, words, _pointers in synsets:
            for word in words:
                senses.setdefault((name, word.lower()), []).append(offsets[key][1])
    for name in SYNSETS:
        lines = [
            f"{word.replace(' ', '_')} {name[0]} {len(found)} 0 {len(found)} 1 "
            + " ".join(f"{o:08d}" for o in found)
            + "  \n"
            for (pos_name, word), found in sorted(senses.items())
            if pos_name == name
        ]
        (folder / f"index.{name}").write_text(_HEADER + "".join(lines), encoding="utf-8")
        if name in EXCEPTIONS:
            (folder / f"{name}.exc").write_text(EXCEPTIONS[name], encoding="utf-8")
    return folder


@pytest.fixture
def wn_folder(tmp_path):
    return write_wordnet(tmp_path / "wordnet")


def test_index_and_data_lines_parse():
    senses = parse_index_line("composure n 2 1 @ 2 1 00000066 00000300  \n")
    assert senses == [Sense("n", 0, 1, 66), Sense("n", 1, 1, 300)]
    synset = parse_data_line(
        "00000066 00 s 02 picky 0 fussy(p) 0 001 & 00000120 a 0000 | hard to please  \n"
    )
    assert synset.words == ("picky", "fussy")
    assert synset.pointers == (("&", 120, "a", 0, 0),)


def test_synonyms_derivations_and_similar_adjectives_bridge_to_chinese(wn_folder):
    words = {"composure", "absence", "fastidious", "hansom", "zzz"}
    found = wordnet_glosses(words, NEIGHBOURS.get, wn_folder)
    assert found["composure"] == ("synonym calmness", [("n", "镇静，平静")])
    assert found["absence"] == ("related absent", [("n", "缺席")])  # the adjective's gloss
    how, glosses = found["fastidious"]
    assert how.startswith("similar") and glosses[0][1].startswith("挑剔的")
    assert "hansom" not in found and "zzz" not in found  # no glossed neighbour: no guess


def test_a_noun_no_neighbour_glosses_is_a_kind_of_its_hypernym(wn_folder):
    """Second pass: landau has no glossed synonym; it is a coach, 一种马车 (the best item
    only).  A word WordNet writes as a name gets nothing."""
    found = wordnet_glosses({"landau", "tilbury", "composure"}, NEIGHBOURS.get, wn_folder)
    assert found["landau"] == ("kind coach", [("n", "一种马车")])
    assert found["composure"][0] == "synonym calmness"  # the first pass is unchanged
    assert "tilbury" not in found


def test_irregular_forms_and_lemmas(wn_folder):
    """Forms go to the build's form table; the bridge glosses no form (wives has no
    synset of its own)."""
    assert wordnet_glosses({"wives", "shook"}, NEIGHBOURS.get, wn_folder) == {}
    assert wordnet_forms(wn_folder) == {"wives": ["wife"], "shook": ["shake"]}
    assert {"composure", "fastidious", "hansom", "shake"} <= wordnet_lemmas(wn_folder)


def test_a_weak_neighbour_is_not_enough(wn_folder):
    """A neighbour glossed only weakly (a high CC-CEDICT score) gives no gloss."""
    weak = {"calmness": (20.0, [("", "镇静")])}
    assert wordnet_glosses({"composure"}, weak.get, wn_folder) == {}


def test_without_wordnet_nothing_is_bridged(tmp_path, monkeypatch):
    monkeypatch.setenv("YINGDU_WORDNET_DIR", str(tmp_path / "none"))
    assert wordnet_dir() is None
    assert wordnet_glosses({"composure"}, NEIGHBOURS.get) == {}
    assert wordnet_forms() == {} and wordnet_lemmas() == set()


def test_the_build_reads_the_folder_in_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("YINGDU_WORDNET_DIR", str(write_wordnet(tmp_path / "wn")))
    assert wordnet_dir() == tmp_path / "wn"


needs_wordnet = pytest.mark.skipif(
    wordnet_dir() is None, reason="WordNet is not installed (Debian package wordnet-base)"
)


@pytest.fixture(scope="module")
def pip_lexicon(pip_build):
    return load_lexicon(pip_build[0])


@needs_wordnet
@pytest.mark.parametrize(
    ("word", "chinese"),
    [("composure", ""), ("mirth", "欢乐"), ("hauteur", "傲"), ("greatcoat", "大衣")],
)
def test_default_build_glosses_rare_words_through_wordnet(pip_lexicon, word, chinese):
    entry = pip_lexicon.lookup(word)
    assert entry is not None and entry.glosses and chinese in entry.glosses[0][1], entry
    assert entry.sources["glosses"] == "wordnet" and entry.sources["gloss_via"]


@needs_wordnet
def test_default_build_reads_irregular_forms_from_wordnet(pip_lexicon):
    assert pip_lexicon.lemma_of("wives") == "wife"
    assert pip_lexicon.lemma_of("shook") == "shake"


def test_default_build_prefers_a_regular_lemma_with_a_meaning(pip_lexicon):
    """simplemma lemmatizes developed as "develope", a word without a meaning."""
    assert pip_lexicon.lemma_of("developed") == "develop"
    assert pip_lexicon.lemma_of("mixed") == "mix"


def test_rare_regular_forms_find_their_entry(pip_lexicon):
    """A rare word is an entry without being in the surface table: its forms find it."""
    entry = pip_lexicon.lookup("sixths")
    assert entry is not None and entry.lemma == "sixth" and entry.glosses


def test_able_adjectives_from_verbs_are_possibility(wn_folder):
    """A related verb gives an -able adjective 可…的 (believable: 可相信的, not 相信的)."""
    from yingdu.lexicon.wordnet import _convert

    assert _convert("believable", "相信", "related", "adj", "v") == "可相信的"
    assert _convert("barometric", "气压计", "related", "adj", "n") == "气压计的"
    assert _convert("reasoner", "推理", "related", "n", "v") is None  # an agent, not the act
    assert _convert("absence", "缺席的", "related", "n", "adj") == "缺席"
