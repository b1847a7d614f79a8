"""Highlighted snippets built from a document's original text (plain Python).

The index holds segmented, lemmatized terms, so the engine cannot cut a readable snippet;
this module finds the first place in the original text where a query term occurs (Chinese
by substring, English by lemma) and returns an escaped window with the hits in <mark>.
"""

from html import escape

from .analysis import IS_HAN, RUN, lemma, normalize

WINDOW = 120


def _hits(text: str, terms: list[str]) -> list[tuple[int, int]]:
    folded = normalize(text)
    if len(folded) != len(text):  # NFKC changed lengths: fall back to case folding only
        folded = text.casefold()
    wanted_words = {t for t in terms if not IS_HAN.match(t)}
    hits = []
    for term in terms:
        if IS_HAN.match(term):
            start = folded.find(term)
            while start != -1 and len(hits) < 50:
                hits.append((start, start + len(term)))
                start = folded.find(term, start + len(term))
    if wanted_words:
        for match in RUN.finditer(folded):
            if not IS_HAN.match(match.group()) and lemma(match.group()) in wanted_words:
                hits.append(match.span())
    return sorted(set(hits))


def _merge(hits):
    merged = []
    for start, end in hits:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, terms: list[str], width: int = WINDOW) -> str:
    """Escaped HTML: about `width` characters around the first hit, hits in <mark>."""
    text = " ".join((text or "").split())
    hits = _merge(_hits(text, terms))
    begin = max(0, hits[0][0] - width // 3) if hits else 0
    end = min(len(text), begin + width)
    out, cursor = [], begin
    for start, stop in hits:
        if start < begin or stop > end:
            continue
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:stop])}</mark>")
        cursor = stop
    out.append(escape(text[cursor:end]))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(out) + suffix
