"""How much of a text a reader knows (plain Python, no Django).

A text's profile (stored when it is annotated, yingdu/aids/service.py) holds its tokens per
band and each lemma's count and band rank. A reader is (known lemmas, mastered band rank,
known share per band). The exact coverage walks the text's lemmas (item pages); the
estimate needs only the tokens per band and the reader's share per band, a constant amount
of work per item whatever its length (list rows, recommendations).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yingdu.lexicon import BANDS, LEVELS

COMFORT = (0.95, 0.98)  # coverage at which a text is read with little help (Hu & Nation)


@dataclass(frozen=True)
class Reader:
    mastered: int = -1  # rank in BANDS of the mastered band, -1 for none
    known: frozenset = field(default_factory=frozenset)  # lemmas known besides the bands
    shares: tuple = ()  # per band rank: share of the band's words known (1.0 when mastered)

    def knows(self, lemma: str, rank: int) -> bool:
        """The one test of a known word, for coverage and the Word Bank alike: its band
        (rank in BANDS) is mastered, or the reader knows it besides."""
        return rank <= self.mastered or lemma in self.known


def level_reader(level: str) -> Reader:
    """A reader who knows every word up to `level` (a visitor's chosen level)."""
    rank = BANDS.index(level)
    return Reader(rank, frozenset(), tuple(1.0 if r <= rank else 0.0 for r in range(len(BANDS))))


def exact(profile: dict, reader: Reader) -> tuple[float | None, list[str]]:
    """(share of the text's words known, the unknown lemmas, most frequent first)."""
    words = profile.get("words", 0)
    if not words:
        return None, []
    known_tokens, unknown = 0, []
    for lemma, (count, rank) in profile.get("lemmas", {}).items():
        if reader.knows(lemma, rank):
            known_tokens += count
        else:
            unknown.append((-count, lemma))
    return known_tokens / words, [lemma for _, lemma in sorted(unknown)]


def by_band(lemmas: dict) -> list[dict]:
    """A profile's {lemma: [count, band rank]} as one {lemma: count} per band rank: what
    list rows keep (plain dicts of str and int, which the garbage collector never scans)."""
    bands: list[dict] = [{} for _ in BANDS]
    for lemma, (count, rank) in lemmas.items():
        bands[rank][lemma] = count
    return bands


def known_share(lemmas_by_band: list[dict], words: int, reader: Reader) -> float | None:
    """exact()'s share alone, from by_band()'s form (list rows): a mastered band's words
    are all known without looking at them."""
    if not words:
        return None
    knows, known_tokens = reader.knows, 0
    for rank, counts in enumerate(lemmas_by_band):
        if rank <= reader.mastered:
            known_tokens += sum(counts.values())
        else:
            known_tokens += sum(n for lemma, n in counts.items() if knows(lemma, rank))
    return known_tokens / words


def estimate(band_tokens, shares) -> float | None:
    """Share of the words known from the tokens per band and the known share per band."""
    words = sum(band_tokens)
    if not words:
        return None
    return sum(count * share for count, share in zip(band_tokens, shares, strict=False)) / words


def band_tokens_of(difficulty: list[dict]) -> list[float] | None:
    """Tokens per band (as shares) from an item's stored per-level difficulty: the share
    above each level is the share of every band after it."""
    if not difficulty or len(difficulty) != len(LEVELS):
        return None
    above = [level["ratio"] for level in difficulty]
    shares = [1 - above[0]]
    shares += [above[i - 1] - above[i] for i in range(1, len(LEVELS))]
    shares.append(above[-1])
    return [max(share, 0.0) for share in shares]


def by_level(band_tokens) -> list[float]:
    """Coverage of a reader of each level (LEVELS order)."""
    return [estimate(band_tokens, level_reader(level).shares) or 0.0 for level in LEVELS]


def distance(coverage: float) -> float:
    """How far a coverage is from the comfortable band (0 inside it)."""
    low, high = COMFORT
    return max(0.0, low - coverage, coverage - high)


def percent(coverage: float | None) -> int | None:
    """Whole per cent, rounded down near the top so 99.6% never shows as 100%."""
    if coverage is None:
        return None
    return min(int(coverage * 100 + 0.5), 99 if coverage < 1 else 100)
