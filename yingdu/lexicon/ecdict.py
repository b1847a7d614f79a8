"""Streaming reader for the ECDICT CSV (word, phonetic, definition, translation, pos, collins,
oxford, tag, bnc, frq, exchange, detail, audio).

The full file has ~770,000 rows; :func:`iter_ecdict` yields one small record at a time and
never holds the file in memory.  Broken rows (missing columns, stray quotes) are skipped.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .bands import band_rank

# ECDICT exam tags -> band; a word's band is the lowest tag present.
TAG_BANDS = {"zk": "junior", "gk": "senior", "cet4": "cet4", "cet6": "cet6", "ky": "kaoyan"}
# exchange keys giving inflected forms of the row's word
FORM_KEYS = frozenset("pdi3srt")
# Translations of rows that are nothing but an inflected form ("go的过去式").
FORM_ONLY_MARKERS = (
    "的过去式",
    "的过去分词",
    "的现在分词",
    "的复数",
    "第三人称单数",
    "的比较级",
    "的最高级",
)


@dataclass(slots=True)
class EcdictRow:
    """The fields of one ECDICT row the lexicon uses."""

    word: str
    phonetic: str
    translation: str
    band: int | None
    collins: int
    oxford: bool
    frq: int
    bnc: int
    exchange: dict[str, str]

    @property
    def forms(self) -> list[str]:
        """Inflected forms of this word listed in ``exchange`` (went, gone, going …)."""
        out = []
        for key, value in self.exchange.items():
            if key in FORM_KEYS:
                out.extend(v for v in value.split(",") if v)
        return out

    @property
    def lemma(self) -> str | None:
        """The lemma this row is a form of (``exchange`` key ``0``), if any."""
        return self.exchange.get("0") or None

    @property
    def is_form_only(self) -> bool:
        """True for rows that only say "X 的过去式" and have no meaning of their own."""
        return bool(self.lemma) and any(m in self.translation for m in FORM_ONLY_MARKERS)


def tag_band(tag: str) -> int | None:
    """Lowest band among the exam tags of a row (``"zk gk cet4"`` -> junior)."""
    ranks = [band_rank(TAG_BANDS[t]) for t in tag.split() if t in TAG_BANDS]
    return min(ranks) if ranks else None


def parse_exchange(text: str) -> dict[str, str]:
    """``"p:went/d:gone/0:go"`` -> ``{"p": "went", "d": "gone", "0": "go"}``."""
    out = {}
    for part in (text or "").split("/"):
        key, sep, value = part.partition(":")
        if sep and key and value:
            out[key.strip()] = value.strip()
    return out


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def row_from_dict(raw: dict[str, str | None]) -> EcdictRow | None:
    """Convert one csv.DictReader row; None when the row is unusable."""
    word = (raw.get("word") or "").strip()
    if not word or len(word) > 60:
        return None
    return EcdictRow(
        word=word,
        phonetic=(raw.get("phonetic") or "").strip(),
        translation=(raw.get("translation") or "").strip(),
        band=tag_band(raw.get("tag") or ""),
        collins=_int(raw.get("collins")),
        oxford=_int(raw.get("oxford")) > 0,
        frq=_int(raw.get("frq")),
        bnc=_int(raw.get("bnc")),
        exchange=parse_exchange(raw.get("exchange") or ""),
    )


def iter_ecdict(path: Path | str) -> Iterator[EcdictRow]:
    """Stream the rows of an ECDICT CSV file."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        while True:
            try:
                raw = next(reader)
            except StopIteration:
                return
            except csv.Error:
                continue
            row = row_from_dict(raw)
            if row:
                yield row
