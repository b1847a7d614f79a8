"""Property-based checks: annotation never crashes and offsets slice back to token text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yingdu.reading import annotate, to_json

ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ '’-.,!?\"“”\n\t0123456789")
    + ["ｗ", "Ａ", "é", "中", "文", "😀", "\x00", "\ufffd", "ﬁ", "İ", "ß"]
)
texts = st.one_of(st.text(), st.text(alphabet=ALPHABET, max_size=300))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts, level=st.sampled_from(["primary", "junior", "cet4", "kaoyan"]))
def test_never_crashes_and_offsets_hold(sample_lexicon, text, level):
    result = annotate(text, level, sample_lexicon)
    for tok in result.tokens:
        assert text[tok.start : tok.end] == tok.text
        assert tok.start < tok.end
    starts = [t.start for t in result.tokens]
    assert starts == sorted(starts)
    assert 0.0 <= result.above_level_ratio <= 1.0
    to_json(result)
