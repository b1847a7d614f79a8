"""The difficulty of every level, derived from one annotation, equals annotating at each
level (words, ratios, grade, reading time, word-bank size)."""

import pytest

from yingdu.lexicon import LEVELS
from yingdu.reading import annotate, per_level

TEXTS = [
    "The children went to the museum, where Dr. Li explained biodiversity and photosynthesis.",
    "In 2025, 300 volunteers took part in planting trees; they weren't tired at all!",
    "Mr. Darcy's reluctance was palpable; Elizabeth's prejudice, however, was unwavering.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_per_level_matches_annotating_at_each_level(site_lexicon, text):
    derived = per_level(annotate(text, LEVELS[0], site_lexicon))
    for level, entry in zip(LEVELS, derived, strict=True):
        direct = annotate(text, level, site_lexicon)
        assert entry == {
            "level": level, "words": direct.words, "ratio": direct.above_level_ratio,
            "distinct_ratio": direct.distinct_above_ratio, "grade": direct.grade,
            "minutes": direct.reading_minutes, "bank": len(direct.word_bank),
        }  # fmt: skip
