"""Facts written once: the grade scheme, the Chinese-character pattern, the reader levels."""

import re
from pathlib import Path

import pytest

import yingdu
from yingdu.compositions.models import Composition
from yingdu.grades import CODES, LEGACY_CODES, current_code, grade_in
from yingdu.lexicon import BAND_LABELS, LEVELS
from yingdu.resources.models import Resource
from yingdu.text import HAN, count_han

SOURCE = Path(yingdu.__file__).parent


def python_sources():
    for path in SOURCE.rglob("*.py"):
        if "migrations" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


def test_compositions_and_resources_share_the_grade_codes():
    for model in (Composition, Resource):
        assert tuple(v for v, _ in model._meta.get_field("grade").choices) == CODES
    assert CODES[:6] == tuple(f"p{n}" for n in range(1, 7))
    assert CODES[6:] == ("j1", "j2", "j3", "s1", "s2", "s3", "college")


@pytest.mark.parametrize(
    "old, new", [("g1", "p1"), ("g6", "p6"), ("g7", "j1"), ("g9", "j3"), ("g12", "s3"),
                 ("p3", "p3"), ("college", "college"), ("g13", None), ("", None), (None, None)],
)  # fmt: skip
def test_old_codes_map_to_the_scheme(old, new):
    assert current_code(old) == new
    assert len(LEGACY_CODES) == 12


def test_grade_names_in_text():
    assert [grade_in(t) for t in ("三年级作文", "七年级", "初三", "高二", "大一", "初中")] == [
        "p3", "j1", "j3", "s2", "college", None,
    ]  # fmt: skip


def test_han_pattern_covers_extensions_and_nothing_else():
    assert count_han("汉字㐀𠀀豈") == 5  # basic, Extension A, Extension B, compatibility
    assert count_han("䷀，。ABC１２３") == 0  # Yijing hexagram, punctuation, full-width forms
    assert HAN.match("字")


def test_han_ranges_are_defined_only_in_yingdu_text():
    range_start = re.compile(r"\\u(?:4e00|3400)|一-|\\u9f[a-f]{2}")
    found = [
        p.relative_to(SOURCE).as_posix() for p, text in python_sources() if range_start.search(text)
    ]
    assert found == ["text.py"]


def test_levels_are_defined_once():
    labels = [BAND_LABELS[level] for level in LEVELS]
    assert labels == ["小学", "中考", "高考", "四级", "六级", "考研"]
    spelled_out = re.compile(r"[\"']primary[\"'],\s*[\"']junior[\"']|[\"']小学[\"'],\s*[\"']中考")
    found = [
        p.relative_to(SOURCE).as_posix() for p, text in python_sources() if spelled_out.search(text)
    ]
    assert found == ["lexicon/bands.py"]


def test_demo_content_uses_the_scheme():
    from yingdu.demo.loader import read_content

    assert {entry["grade"] for entry in read_content()["compositions"]} <= set(CODES)


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["p3", "g3"])
def test_search_filters_by_grade_with_old_codes_mapped(client, composition, code):
    html = client.get("/search/", {"q": "压岁钱", "grade": code}).content.decode()
    assert composition.title in html
    other = client.get("/search/", {"q": "压岁钱", "grade": "p4"}).content.decode()
    assert composition.title not in other
