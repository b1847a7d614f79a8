"""The plain-tuple layout of the annotator's tokens is Token's, field for field."""

from yingdu.reading import Token, annotate, tokens


def test_field_positions_follow_token():
    positions = [getattr(tokens, name.upper()) for name in Token._fields]
    assert positions == list(range(len(Token._fields)))


def test_raw_tokens_read_by_position_and_by_name(sample_lexicon):
    result = annotate("Obstinate cats don't take part in it.", "junior", sample_lexicon)
    assert len(result.raw_tokens) == len(result.tokens) > 0
    for raw, token in zip(result.raw_tokens, result.tokens, strict=True):
        assert raw[tokens.LEMMA] == token.lemma and raw[tokens.BAND] == token.band
        assert (raw[tokens.START], raw[tokens.END], raw[tokens.MWE]) == (
            token.start, token.end, token.mwe,
        )  # fmt: skip
    assert [t.text for t in result.tokens if t.mwe is not None] == ["take", "part", "in"]
