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
    if not value or value == "0":
        return 0
    try:
        return int(value)
    except ValueError:
        return 0


def row_from_dict(raw: dict[str, str | None]) -> EcdictRow | None:
    """Convert one csv.DictReader row; None when the row is unusable."""
    return _row(*(raw.get(name) for name in _FIELDS))


# The columns the lexicon reads, in the argument order of :func:`_row`.
_FIELDS = ("word", "phonetic", "translation", "tag", "collins", "oxford", "frq", "bnc", "exchange")


def _row(word, phonetic, translation, tag, collins, oxford, frq, bnc, exchange):
    word = (word or "").strip()
    if not word or len(word) > 60:
        return None
    return EcdictRow(
        word=word,
        phonetic=(phonetic or "").strip(),
        translation=(translation or "").strip(),
        band=tag_band(tag) if tag else None,
        collins=_int(collins),
        oxford=_int(oxford) > 0,
        frq=_int(frq),
        bnc=_int(bnc),
        exchange=parse_exchange(exchange) if exchange else {},
    )


def iter_ecdict(path: Path | str) -> Iterator[EcdictRow]:
    """Stream the rows of an ECDICT CSV file.

    Fields are taken by position from the header (``csv.reader``, not ``DictReader``: a
    third less time on the full file); rows too short for a column read it as empty.
    """
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = [name.strip() for name in next(reader)]
        except (StopIteration, csv.Error):
            return
        columns = [header.index(name) if name in header else None for name in _FIELDS]
        width = len(header)
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error:
                continue
            if len(fields) < width:
                fields = fields + [""] * (width - len(fields))
            row = _row(*(fields[i] if i is not None else None for i in columns))
            if row:
                yield row
