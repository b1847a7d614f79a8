"""Rule-based inflection handling: a few core irregular forms and suffix-stripping candidates.

Used at build time (so the form table covers ``be``/``have``/``do`` even without ECDICT) and
at run time as the first fallback for forms the lexicon does not list.
"""

from __future__ import annotations

from collections.abc import Iterator

CORE_IRREGULARS: dict[str, str] = {
    "am": "be",
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "being": "be",
    "has": "have",
    "had": "have",
    "having": "have",
    "does": "do",
    "did": "do",
    "done": "do",
    "doing": "do",
    "went": "go",
    "gone": "go",
    "goes": "go",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "people": "person",
}
# Words the surface table should never treat as forms of something else.
KEEP_AS_IS = frozenset({"people", "news", "data", "means", "series", "species", "us", "its"})

_VOWELS = set("aeiou")


def suffix_candidates(word: str) -> Iterator[str]:
    """Possible lemmas of a regular inflected form, most likely first (may yield non-words)."""
    w = word
    n = len(w)
    if n > 4 and w.endswith("ies"):
        yield w[:-3] + "y"
    if n > 3 and w.endswith("es"):
        yield w[:-2]
    if n > 2 and w.endswith("s") and not w.endswith("ss"):
        yield w[:-1]
    if n > 4 and w.endswith("ied"):
        yield w[:-3] + "y"
    if n > 3 and w.endswith("ed"):
        yield from _stem_variants(w[:-2])
    if n > 4 and w.endswith("ing"):
        yield from _stem_variants(w[:-3])
    if n > 4 and w.endswith("ier"):
        yield w[:-3] + "y"
    if n > 5 and w.endswith("iest"):
        yield w[:-4] + "y"
    if n > 3 and w.endswith("er"):
        yield from _stem_variants(w[:-2])
    if n > 4 and w.endswith("est"):
        yield from _stem_variants(w[:-3])
    if n > 3 and w.endswith("ly"):
        yield w[:-2]


def _stem_variants(stem: str) -> Iterator[str]:
    yield stem
    yield stem + "e"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        yield stem[:-1]
