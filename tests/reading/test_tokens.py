"""The plain-tuple layout of the annotator's tokens is Token's, field for field."""

from yingdu.reading import Token, annotate, to_json, token_json, tokens


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


def test_parallel_lists_and_tuples_agree(sample_lexicon):
    """The tokens are kept as parallel lists; the tuples, the named tokens and the stored JSON
    made from them say the same, after contractions are split and expressions marked."""
    text = "Obstinate cats don't take part in it. Mr. Darcy's cat won't, at 10:30. " * 3
    result = annotate(text, "junior", sample_lexicon)
    labelled = result.labelled
    lists = (labelled.words, labelled.starts, labelled.ends, labelled.lemmas, labelled.bands)
    assert {len(items) for items in (*lists, labelled.tails)} == {len(result.raw_tokens)}
    assert to_json(result)["tokens"] == [token_json(t) for t in result.raw_tokens]
    for i, token in enumerate(result.tokens):
        assert text[token.start : token.end] == token.text
        assert labelled.token(i) == result.raw_tokens[i] == tuple(token)
    assert [t.text for t in result.tokens if t.mwe is not None] == ["take", "part", "in"] * 3
