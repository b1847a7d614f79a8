"""Unit tests of the source parsers on small inline samples."""

import io

from yingdu.lexicon.bands import BAND_LABELS, BANDS, band_rank
from yingdu.lexicon.ecdict import iter_ecdict, parse_exchange, tag_band
from yingdu.lexicon.glosses import parse_definition, split_pos_glosses
from yingdu.lexicon.ipa import arpabet_to_ipa, clean_ipa
from yingdu.lexicon.wordlists import (
    detect_glossed,
    parse_glossed_line,
    parse_plain_line,
    parse_wordlist_text,
)


def test_bands_are_ordered():
    assert BANDS[0] == "primary" and BANDS[-1] == "beyond"
    assert band_rank("cet4") < band_rank("cet6") < band_rank("kaoyan")
    assert BAND_LABELS["senior"] == "高考"


def one(line, band="cet4"):
    entries = parse_glossed_line(line, band)
    assert len(entries) == 1, entries
    return entries[0]


def test_glossed_basic():
    entry = one("ability [əˈbɪlɪtɪ] n. 能力;才能")
    assert (entry.headword, entry.ipa, entry.glosses) == (
        "ability",
        "əˈbɪlɪtɪ",
        [("n", "能力;才能")],
    )


def test_glossed_headers_and_headings_are_skipped():
    assert parse_glossed_line("\ufeff大学英语四级大纲单词表", "cet4") == []
    assert parse_glossed_line("(共 4615 词)", "cet4") == []
    assert parse_glossed_line("\ufeffA", "cet4") == []
    assert one("I pron.(主格)我").headword == "I"


def test_glossed_forms_and_variants():
    assert one("a (an) [ə] art. 一（个）").forms == ["an"]
    assert one("businessman (pl. businessmen) [ˈbɪznɪsmæn] n. 商人").forms == ["businessmen"]
    entry = one("abide [əˈbaid] vi.(abode,abided)(by)遵守;vt.忍受")
    assert entry.forms == ["abode", "abided"]
    assert entry.glosses[0][0] == "v" and "abode" not in entry.glosses[0][1]
    assert one("begin(began,begun) [bɪˈɡɪn] v. 开始").forms == ["began", "begun"]


def test_glossed_odd_phonetics_and_pos():
    entry = one("abandon [әˈbændәn] vt.离弃,丢弃   ")
    assert entry.ipa == "əˈbændən"
    assert entry.glosses == [("v", "离弃,丢弃")]
    entry = one("arbitrary ˈɑːbɪtrərɪ /adj. 1. 随意的 2. 专横的")
    assert entry.headword == "arbitrary" and entry.ipa == "ˈɑːbɪtrərɪ"
    assert entry.glosses == [("adj", "随意的；专横的")]
    assert one("am/æm/ v. be的人称形式之一").ipa == "æm"


def test_glossed_numbered_homograph_and_phrases():
    entry = one("attribute 1[əˈtrɪbjuːt] v. 把…归因于 || attribute to把…归于")
    assert entry.headword == "attribute"
    assert entry.phrases == [("attribute to", [("", "把…归于")])]


def test_glossed_two_entries_on_one_line():
    entries = parse_glossed_line(
        "better [ˈbetə] a. 更好的事物between [bɪˈtwiːn] prep. 在之间", "junior"
    )
    assert [e.headword for e in entries] == ["better", "between"]


def test_plain_lines():
    assert parse_plain_line("toward(s)", "senior").variants == ["towards"]
    assert parse_plain_line("ice cream  ", "primary").headword == "ice cream"
    assert parse_plain_line("Mr.", "senior").headword == "Mr"
    assert parse_plain_line("A", "senior") is None
    assert parse_plain_line("I", "primary").headword == "I"
    assert parse_plain_line("", "primary") is None


def test_format_detection():
    assert detect_glossed(["able [ˈeɪbl] a. 能够的", "about ad. 大约"])
    assert not detect_glossed(["able", "about", "above"])
    entries = list(parse_wordlist_text("\ufeffcat\n\ndog\ndog \n", "primary"))
    assert [e.headword for e in entries] == ["cat", "dog", "dog"]


def test_split_pos_glosses():
    assert split_pos_glosses("a.较好的 ad.更好地 v.改良") == [
        ("adj", "较好的"),
        ("adv", "更好地"),
        ("v", "改良"),
    ]
    assert split_pos_glosses("prep./ad. 横过") == [("prep", "横过"), ("adv", "横过")]
    assert split_pos_glosses("1. 抛弃，放弃 2. 离弃") == [("", "抛弃，放弃；离弃")]


def test_parse_definition_prefers_real_senses():
    text = "n. 罩；风帽\\nv. 覆盖\\n[网络] 胡德"
    assert parse_definition(text) == [("n", "罩；风帽"), ("v", "覆盖")]
    assert parse_definition("[网络] 胡德") == [("", "胡德")]


def test_ipa_helpers():
    assert clean_ipa("[ә'bændәn]") == "əˈbændən"
    assert clean_ipa("[kæn, kən]") == "kæn"
    assert clean_ipa("") == ""
    assert arpabet_to_ipa(["AH0", "B", "AE1", "N", "D", "AH0", "N"]) == "əˈbændən"
    assert arpabet_to_ipa(["S", "T", "R", "IY1", "T"]) == "strit"


def test_ecdict_fields(tmp_path):
    assert parse_exchange("p:went/d:gone/0:go/junk") == {"p": "went", "d": "gone", "0": "go"}
    assert tag_band("gk cet4 toefl") == band_rank("senior")
    assert tag_band("toefl gre") is None
    csv_path = tmp_path / "e.csv"
    csv_path.write_text(
        "word,phonetic,definition,translation,pos,collins,oxford,tag,bnc,frq,exchange,detail,audio\n"
        'go,gəʊ,,"v. 去\\nn. 尝试",,5,1,zk gk,100,90,p:went/d:gone/3:goes,,\n'
        "went,,,v. 去（go的过去式）,,,,,0,0,0:go/1:p,,\n"
        '"unterminated,quote\n',
        encoding="utf-8",
    )
    rows = list(iter_ecdict(csv_path))
    assert rows[0].word == "go" and rows[0].band == band_rank("junior")
    assert set(rows[0].forms) == {"went", "gone", "goes"}
    assert rows[1].lemma == "go" and rows[1].is_form_only
    assert io  # keeps the import used
