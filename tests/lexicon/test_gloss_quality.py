"""Gloss quality of the default (pip-only) lexicon, measured against the shared data.

The curriculum lists' meanings (YINGDU_LEXICON_DIR) are the yardstick and the corpus
(YINGDU_CORPUS_DIR) gives the Word Bank entries; see yingdu/lexicon/quality.py and
bench/bench_lexicon.py.  The *floor* tests guard what the default install reaches today,
so a regression fails CI; the *target* tests hold the issue's goals: 80% agreement (reached,
a real test) and 98% glossed (a real test for the levels in ``TARGET_REACHED``, 小学 with
WordNet; expected to fail for the others until the gloss sources reach it).  That every
curriculum headword has a gloss is tested without the shared data (test_gloss_ranking.py).
"""

import os
from pathlib import Path

import pytest

from yingdu.lexicon import LEVELS, load_lexicon
from yingdu.lexicon.quality import corpus_texts, gloss_agreement, glossed_share, list_meanings
from yingdu.lexicon.wordnet import wordnet_dir

pytestmark = pytest.mark.shared_data

GLOSSED_TARGET = 0.98
AGREEMENT_TARGET = 0.80
# What the pip-only lexicon reaches today (bench/bench_lexicon.py), rounded down: with
# WordNet installed (Debian wordnet-base, as CI has it) and without.  Lowered in 2026-12 by
# 0.5-2 points when compounds stopped being glossed from false parts: the corpus words that
# lost a gloss all had a wrong one (circumspection 饬离子, sodden 草地巢穴; docs/lexicon.md).
if wordnet_dir() is not None:
    GLOSSED_FLOOR = {"primary": 0.98, "junior": 0.97, "senior": 0.955, "cet4": 0.925,
                     "cet6": 0.895, "kaoyan": 0.795}  # fmt: skip
    TARGET_REACHED = {"primary"}
else:
    GLOSSED_FLOOR = {"primary": 0.95, "junior": 0.93, "senior": 0.90, "cet4": 0.83,
                     "cet6": 0.76, "kaoyan": 0.58}  # fmt: skip
    TARGET_REACHED = set()
NOT_YET = "the issue's target, not reached yet by the pip-only sources (see the bench)"


def _folder(variable: str) -> Path:
    value = os.environ.get(variable)
    if not value or not Path(value).is_dir():
        pytest.skip(f"{variable} is not set or missing: shared data unavailable")
    return Path(value)


@pytest.fixture(scope="module")
def pip_lexicon(pip_build):
    return load_lexicon(pip_build[0])


@pytest.fixture(scope="module")
def glossed(pip_lexicon):
    texts = corpus_texts(_folder("YINGDU_CORPUS_DIR"))
    return {level: glossed_share(pip_lexicon, texts, level) for level in LEVELS}


@pytest.fixture(scope="module")
def agreement(pip_lexicon):
    return gloss_agreement(pip_lexicon, list_meanings(_folder("YINGDU_LEXICON_DIR")))[0]


@pytest.mark.parametrize("level", LEVELS)
def test_word_bank_glossed_share_floor(glossed, level):
    assert glossed[level].ratio >= GLOSSED_FLOOR[level], (glossed[level], glossed[level].misses)


@pytest.mark.parametrize(
    "level",
    [
        level
        if level in TARGET_REACHED
        else pytest.param(level, marks=pytest.mark.xfail(reason=NOT_YET, strict=False))
        for level in LEVELS
    ],
)
def test_word_bank_glossed_share_target(glossed, level):
    assert glossed[level].ratio >= GLOSSED_TARGET, glossed[level]


def test_first_gloss_agreement_target(agreement):
    assert agreement.ratio >= AGREEMENT_TARGET, agreement
