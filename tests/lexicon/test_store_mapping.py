"""The lexicon file is read through a memory map (yingdu/lexicon/store.py, `_connect`): the
workers share its pages, and a page once read stays mapped, where a kernel may page out
idle file pages that no process maps."""

import shutil
from pathlib import Path

import pytest

from tests.procfs import MAPS, mapped_files
from yingdu.lexicon.store import Lexicon


def own_copy(sample_build, tmp_path) -> Path:
    """The sample lexicon in a file no other test's lexicon has open (or mapped)."""
    path = (tmp_path / "lexicon.sqlite3").resolve()
    shutil.copyfile(sample_build[0], path)
    return path


@pytest.mark.skipif(not MAPS.exists(), reason="needs Linux's /proc/self/maps")
def test_the_lexicon_is_read_through_a_memory_map(sample_build, tmp_path):
    path = own_copy(sample_build, tmp_path)
    lexicon = Lexicon(path)
    assert lexicon.lookup("took").lemma == "take"
    assert str(path) in mapped_files()
    lexicon._con.close()
    assert str(path) not in mapped_files()


@pytest.mark.skipif(not MAPS.exists(), reason="needs Linux's /proc/self/maps")
def test_a_reconnected_lexicon_maps_its_file_again(sample_build, tmp_path):
    """After a fork the child opens its own connection (`_connect`), mapped as well."""
    path = own_copy(sample_build, tmp_path)
    lexicon = Lexicon(path)
    lexicon._con.close()
    lexicon._connect()
    lexicon.lookup.cache_clear()
    assert lexicon.lookup("apples").lemma == "apple"
    assert str(path) in mapped_files()
