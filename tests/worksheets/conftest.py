"""Fixtures for the worksheet tests: a lexicon (pip-only build, offline) and texts written for
the tests."""

from pathlib import Path

import pytest

from tests.lexicon.fixtures import pip_build  # noqa: F401
from yingdu.lexicon import load_lexicon

HERE = Path(__file__).parent

POOL = (HERE / "pool.txt").read_text(encoding="utf-8")
TEXTS = {name: (HERE / f"{name}.txt").read_text(encoding="utf-8") for name in ("bikes", "river")}


@pytest.fixture(scope="session")
def lexicon(pip_build):  # noqa: F811
    return load_lexicon(pip_build[0])
