"""Filling every blank with its answer gives back the original text, for any text made of
sentences (hypothesis), including quotes, line breaks and odd spacing."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.worksheets.conftest import POOL, TEXTS
from yingdu.worksheets.generate import WorksheetError, fill, generate

WORDS = sorted(set(" ".join(TEXTS.values()).replace("\n", " ").split()))
word = st.sampled_from(WORDS)
sentence = st.builds(
    lambda words, end: " ".join(words).strip(".,\"'") + end,
    st.lists(word, min_size=4, max_size=18),
    st.sampled_from([".", "!", "?", '."', "…"]),
)
gap = st.sampled_from([" ", "  ", "\n", "\n\n", " \n"])
text = st.builds(
    lambda pairs, head, tail: head + "".join(s + g for s, g in pairs) + tail,
    st.lists(st.tuples(sentence, gap), min_size=8, max_size=30),
    st.sampled_from(["", "Title line\n\n", "  "]),
    st.sampled_from(["", "\n", " "]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=text, seed=st.integers(0, 10_000), level=st.sampled_from(["primary", "senior"]))
def test_filled_worksheet_is_the_original_text(lexicon, text, seed, level):
    try:
        worksheet = generate(text, level, seed=seed, pool=[POOL], lexicon=lexicon)
    except WorksheetError:
        return  # too few words or sentences for a section: refused, nothing to fill
    for section in worksheet["sections"]:
        if "passage" in section:
            assert fill(section) == text
