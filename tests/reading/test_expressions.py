"""Multi-word expressions match through inflections, possessives and capitals; a near miss
(another last word) matches nothing."""

from yingdu.reading import annotate

TEXT = (
    "I made up my mind to take part in it. Make up your mind! We took part in the race. "
    "They take parts in plays, make up his story and made up Her mind. Take Part In it."
)


def test_expressions_found_and_near_misses_left(sample_lexicon):
    result = annotate(TEXT, "junior", sample_lexicon)
    found = [(m["phrase"], m["text"]) for m in result.mwes]
    assert found == [
        ("make up one's mind", "made up my mind"),
        ("take part in", "take part in"),
        ("make up one's mind", "Make up your mind"),
        ("take part in", "took part in"),
        ("take part in", "take parts in"),
        ("make up one's mind", "made up Her mind"),
        ("take part in", "Take Part In"),
    ]
    marked = {t.start for t in result.tokens if t.mwe is not None}
    story = TEXT.index("make up his story")
    assert story not in marked  # make up + a possessive, but not "mind"
