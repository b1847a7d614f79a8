"""Quality checks against the real curriculum lists in YINGDU_LEXICON_DIR."""

import pytest

from yingdu.lexicon import band_rank, load_lexicon
from yingdu.lexicon.wordlists import (
    WORDLIST_FILES,
    load_wordlists,
    parse_wordlist_text,
    read_text,
)
from yingdu.reading import annotate

pytestmark = pytest.mark.shared_data


def _list_words(folder, band):
    text = read_text(folder / WORDLIST_FILES[band])
    return {e.headword.lower() for e in parse_wordlist_text(text, band) if " " not in e.headword}


@pytest.mark.parametrize("band", list(WORDLIST_FILES))
def test_every_list_word_gets_its_band_or_lower(full_build, full_lexicon, band):
    from tests.lexicon.fixtures import shared_dir

    words = _list_words(shared_dir(), band)
    assert words
    too_high = [w for w in words if band_rank(full_lexicon.band_of(w)) > band_rank(band)]
    assert not too_high, too_high[:20]


def test_default_install_gives_every_list_word_its_band(pip_build):
    """Without YINGDU_LEXICON_DIR: the lowest list band of every word, or lower only through a
    documented derivation (slowly <- slow) or a lower-band lemma (found -> find)."""
    from tests.lexicon.fixtures import shared_dir

    lexicon = load_lexicon(pip_build[0])
    lowest: dict[str, int] = {}
    for entry in load_wordlists(shared_dir()):
        for word in [entry.headword, *entry.variants]:
            if " " not in word:
                lowest.setdefault(word.lower(), band_rank(entry.band))
    too_high = [w for w, rank in lowest.items() if band_rank(lexicon.band_of(w)) > rank]
    assert not too_high, too_high[:20]
    unexplained = [
        w
        for w, rank in lowest.items()
        if band_rank(lexicon.band_of(w)) < rank
        and lexicon.lemma_of(w) == w
        and lexicon.lookup(w).band_source != "derived"
    ]
    assert not unexplained, unexplained[:20]


@pytest.mark.parametrize(
    ("form", "lemma"),
    [("went", "go"), ("studies", "study"), ("children", "child"), ("was", "be"), ("took", "take")],
)
def test_inflected_forms_resolve(full_lexicon, form, lemma):
    assert full_lexicon.lemma_of(form) == lemma


def test_cet6_glosses_cover_95_percent(full_lexicon):
    from tests.lexicon.fixtures import shared_dir

    words = _list_words(shared_dir(), "cet6")
    glossed = [w for w in words if (e := full_lexicon.lookup(w)) and e.glosses]
    assert len(glossed) >= 0.95 * len(words), len(glossed) / len(words)


def test_junior_words_never_in_junior_word_bank(full_lexicon):
    from tests.lexicon.fixtures import shared_dir

    junior = sorted(_list_words(shared_dir(), "junior") | _list_words(shared_dir(), "primary"))
    text = ". ".join(
        " ".join(junior[i : i + 12]) + " with quarrelsome photosynthesis"
        for i in range(0, len(junior), 12)
    )
    result = annotate(text, "junior", full_lexicon)
    bank = {item["lemma"] for item in result.word_bank}
    assert not bank & set(junior)
    assert "photosynthesis" in bank
