"""Read-only access to a built lexicon, with a per-process cache keyed by path and mtime.

Loading keeps only the compact *surface* table (lowercase form -> (lemma, band, flags)) and
the multi-word-expression index in memory; full entries (IPA, glosses, sources) are read
from SQLite on demand through an LRU cache.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .bands import BANDS, BEYOND
from .derive import derived_gloss
from .inflections import suffix_candidates
from .paths import default_lexicon_path
from .schema import SCHEMA_VERSION

Surface = tuple[str, int, int, str]  # (lemma, band rank, flags, band code)
MweKey = tuple[tuple[str, ...], str, int]  # (lemmas, phrase, band rank)
_MIN_DERIVED = 6  # shortest unknown word glossed from its parts at look-up time


@dataclass(frozen=True)
class Entry:
    """One headword or multi-word expression."""

    lemma: str
    headword: str
    band: str
    band_source: str
    ipa_uk: str = ""
    ipa_us: str = ""
    glosses: tuple[tuple[str, str], ...] = ()
    freq_rank: int | None = None
    zipf: float | None = None
    is_mwe: bool = False
    forms: tuple[str, ...] = ()
    sources: dict = field(default_factory=dict)

    @property
    def ipa(self) -> str:
        """UK IPA when known, else US."""
        return self.ipa_uk or self.ipa_us

    def gloss_for(self, pos: str = "", capitalised: bool = False) -> tuple[str, str]:
        """(pos, gloss) best matching ``pos`` ('' = first gloss); ('', '') when none.

        A group read from capitalised senses (``sources["capital"]``: March 三月) is chosen
        for a ``capitalised`` use, and only when nothing else exists for a lowercase one.
        """
        if not self.glosses:
            return ("", "")
        capital = self.sources.get("capital")
        if capital:
            if capitalised:
                pos = capital
            else:
                glosses = [g for g in self.glosses if g[0] != capital] or self.glosses
                return _best_for(glosses, pos)
        return _best_for(self.glosses, pos)

    def to_dict(self) -> dict:
        """JSON-ready dict (glosses as [[pos, gloss], …])."""
        return {
            "lemma": self.lemma,
            "headword": self.headword,
            "band": self.band,
            "band_label": _label(self.band),
            "band_source": self.band_source,
            "ipa_uk": self.ipa_uk,
            "ipa_us": self.ipa_us,
            "glosses": [list(g) for g in self.glosses],
            "freq_rank": self.freq_rank,
            "zipf": self.zipf,
            "is_mwe": self.is_mwe,
            "forms": list(self.forms),
            "sources": self.sources,
        }


# An untagged group (CC-CEDICT: mostly nouns and adjectives) before another part of speech.
_POS_FALLBACK = {
    "n": ("n", "", "adj"),
    "adj": ("adj", "", "n"),
    "v": ("v",),
    "adv": ("adv", "", "adj"),
}


def _best_for(glosses, pos: str) -> tuple[str, str]:
    for wanted in _POS_FALLBACK.get(pos, (pos,)):
        for gloss_pos, gloss in glosses:
            if gloss_pos == wanted:
                return gloss_pos, gloss
    return glosses[0]


def _label(band: str) -> str:
    from .bands import BAND_LABELS

    return BAND_LABELS.get(band, "")


class LexiconError(RuntimeError):
    """The lexicon file is missing or unreadable."""


class Lexicon:
    """A loaded lexicon.  Thread-safe; never writes."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise LexiconError(f"no lexicon at {self.path}; run `yingdu lexicon build` first")
        self._uri = f"{self.path.resolve().as_uri()}?mode=ro"
        self._connect()
        self.meta = dict(self._con.execute("SELECT key, value FROM meta"))
        if self.meta.get("schema_version") != str(SCHEMA_VERSION):
            raise LexiconError(f"{self.path} has an old schema; rebuild the lexicon")
        self.surface: dict[str, Surface] = self._load_surface()
        self.mwe_index: dict[str, tuple[MweKey, ...]] = self._load_mwes()
        self.ambiguous: dict[str, tuple[tuple[str, str], ...]] = self._load_ambiguous()
        self.memo: dict = {}  # scratch cache for consumers (the annotator's word cache)
        self.lookup = lru_cache(maxsize=8192)(self._lookup)
        self.fallback_lemma = lru_cache(maxsize=65536)(self._fallback_lemma)

    def _connect(self) -> None:
        """(Re)open the read-only connection; after a fork the child needs its own (SQLite
        connections must not cross a fork), while the loaded tables stay shared.

        SQLite reads the file through a memory map: the workers share its pages instead of
        each copying them into its own page cache, and pages once read stay mapped. A
        kernel that pages out idle file pages nobody maps (DAMON reclaim, on some virtual
        machines) would otherwise send a word's first look-up to the disk."""
        self._con = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
        self._con.execute(f"PRAGMA mmap_size = {self.path.stat().st_size}")
        self._lock = threading.Lock()

    def _load_surface(self) -> dict[str, Surface]:
        intern = sys.intern
        out: dict[str, Surface] = {}
        for key, lemma, band, flags in self._con.execute("SELECT * FROM surface"):
            out[intern(key)] = (intern(lemma), band, flags, BANDS[band])
        return out

    def _load_ambiguous(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Form -> ((lemma, kind 'n' or 'v'), …) for forms read by context (shelves); empty
        for a lexicon built before the table existed."""
        readings: dict[str, list[tuple[str, str]]] = {}
        try:
            rows = self._con.execute("SELECT form, lemma, kind FROM ambiguous").fetchall()
        except sqlite3.OperationalError:
            return {}
        for form, lemma, kind in rows:
            if lemma in self.surface:
                readings.setdefault(sys.intern(form), []).append((sys.intern(lemma), kind))
        return {form: tuple(pairs) for form, pairs in readings.items() if len(pairs) > 1}

    def _load_mwes(self) -> dict[str, tuple[MweKey, ...]]:
        index: dict[str, list[MweKey]] = {}
        self.mwe_pairs: set[tuple[str, str]] = set()
        for key, lemmas, band in self._con.execute("SELECT key, lemmas, band FROM mwes"):
            parts = tuple(lemmas.split())
            index.setdefault(parts[0], []).append((parts, key, band))
            self.mwe_pairs.add(parts[:2])
        self.mwe_poss_firsts = {first for first, second in self.mwe_pairs if second == "<poss>"}
        return {k: tuple(sorted(v, key=lambda m: -len(m[0]))) for k, v in index.items()}

    # -- forms and bands ---------------------------------------------------------------
    def resolve(self, word: str) -> Surface | None:
        """(lemma, band rank, flags, band code) of a word form (with fallbacks); None if unknown."""
        low = word.lower()
        hit = self.surface.get(low)
        if hit is None:
            lemma = self.fallback_lemma(low)
            hit = self.surface.get(lemma) if lemma else None
        return hit

    def _fallback_lemma(self, low: str) -> str | None:
        """Lemma of a form missing from the table: suffix rules, then simplemma."""
        for candidate in suffix_candidates(low):
            if candidate in self.surface:
                return self.surface[candidate][0]
        lemma = _simplemma(low)
        if lemma and lemma != low and lemma in self.surface:
            return self.surface[lemma][0]
        return None

    def lemma_of(self, form: str) -> str | None:
        """Lemma of an inflected form (went -> go); None when the word is unknown."""
        hit = self.resolve(form.strip())
        return hit[0] if hit else None

    def band_of(self, word: str) -> str:
        """Band code of a word or its lemma; 'beyond' for unknown words."""
        key = " ".join(word.lower().split())
        if " " in key:
            entry = self.lookup(key)
            return entry.band if entry else BANDS[BEYOND]
        hit = self.resolve(key)
        return BANDS[hit[1]] if hit else BANDS[BEYOND]

    # -- entries -----------------------------------------------------------------------
    def _lookup(self, lemma: str) -> Entry | None:
        key = " ".join(lemma.lower().replace("’", "'").split())
        if " " not in key:
            resolved = self.lemma_of(key)  # the same reading the annotator picks (took -> take)
            key = resolved or key
        row = self._query_entry(key)
        if row is None and " " not in key:
            row = self._cold_form_entry(key)
        if row is None and " " not in key:
            return self._derived_entry(key)
        return self._entry(row) if row else None

    def _derived_entry(self, word: str) -> Entry | None:
        """An entry made at look-up time for a word the lexicon does not store, from a stored
        word it derives from (uncourteous <- courteous, dustcoat <- dust + coat, gasfitters
        <- gas + fitter): band 超纲, the gloss built by :func:`.derive.derived_gloss`,
        ``band_source`` ``none`` and ``sources["glosses"]`` ``derived-at-lookup``."""
        if not word.isalpha() or len(word) < _MIN_DERIVED:
            return None

        def stored_gloss(key: str):
            row = self._query_entry(key)
            return json.loads(row[6]) if row and row[6] != "[]" else None

        for form in dict.fromkeys([word, *suffix_candidates(word)]):
            found = derived_gloss(form, stored_gloss)
            if found:
                rule, glosses = found
                return Entry(
                    lemma=form,
                    headword=form,
                    band=BANDS[BEYOND],
                    band_source="none",
                    glosses=tuple(tuple(g) for g in glosses),
                    sources={"glosses": "derived-at-lookup", "gloss_rule": rule},
                )
        return None

    def _cold_form_entry(self, form: str):
        """The entry of a regular form of a word outside the surface table (upbraided ->
        upbraid, ostlers -> ostler: rare words are entries without being hot), or of its
        spelling without accents."""
        for candidate in suffix_candidates(form):
            if candidate != form and (row := self._query_entry(candidate)):
                return row
        plain = unicodedata.normalize("NFKD", form).encode("ascii", "ignore").decode()
        if plain != form and plain.isalpha():
            return self._query_entry(plain)  # dénouement -> denouement, née -> nee
        for candidate in _apostrophe_readings(form):
            if row := self._query_entry(candidate):
                return row
        return None

    def stores_glossed(self, key: str) -> bool:
        """Whether ``key`` itself is stored with a gloss (no forms, spellings or derivations)."""
        row = self._query_entry(key)
        return row is not None and row[6] != "[]"

    def _query_entry(self, key: str):
        with self._lock:
            return self._con.execute("SELECT * FROM entries WHERE key=?", (key,)).fetchone()

    def _entry(self, row) -> Entry:
        key, headword, band, band_source, uk, us, glosses, rank, zipf, is_mwe, sources = row
        with self._lock:
            forms = tuple(
                f
                for (f,) in self._con.execute("SELECT form FROM forms WHERE lemma=?", (key,))
                if f != key and self.surface.get(f, ("",))[0] == key
            )
        return Entry(
            lemma=key,
            headword=headword,
            band=BANDS[band],
            band_source=band_source,
            ipa_uk=uk,
            ipa_us=us,
            glosses=tuple(tuple(g) for g in json.loads(glosses)),
            freq_rank=rank,
            zipf=zipf,
            is_mwe=bool(is_mwe),
            forms=tuple(sorted(forms)),
            sources=json.loads(sources),
        )

    def mwe(self, phrase: str) -> Entry | None:
        """Entry of a multi-word expression ("take part in"), or None."""
        entry = self.lookup(phrase)
        return entry if entry and entry.is_mwe else None

    def mwes_starting_with(self, lemma: str) -> tuple[MweKey, ...]:
        """MWEs whose first lemma is ``lemma``, longest first."""
        return self.mwe_index.get(lemma, ())

    @property
    def summary(self) -> dict:
        """The build summary stored in the file."""
        return json.loads(self.meta.get("summary", "{}"))

    def __contains__(self, word: str) -> bool:
        return self.resolve(word) is not None

    def __len__(self) -> int:
        return len(self.surface)

    def lemmas_up_to(self, band: str) -> list[str]:
        """Every lemma the annotator gives a band of ``band`` or easier (junior: the 小学 and
        中考 words with their derived words), sorted: what a reader of that level knows."""
        top = BANDS.index(band)
        return sorted(
            key for key, (lemma, rank, _, _) in self.surface.items() if key == lemma and rank <= top
        )

    def band_headwords(
        self, band: str
    ) -> list[tuple[str, str, tuple[tuple[str, str], ...], float]]:
        """Single-word headwords of ``band`` as (lemma, band source, glosses, zipf), lemma order:
        the words a placement test samples from (see yingdu/placement/pool.py)."""
        sql = (
            "SELECT key, band_source, glosses, zipf FROM entries"
            " WHERE band=? AND is_mwe=0 ORDER BY key"
        )
        with self._lock:
            rows = self._con.execute(sql, (BANDS.index(band),)).fetchall()
        return [
            (key, source, tuple(tuple(g) for g in json.loads(glosses)), zipf or 0.0)
            for key, source, glosses, zipf in rows
        ]


_ELIDED = ("l'", "d'", "qu'")  # French elisions quoted in English texts: l'oeuvre, d'etre


def _apostrophe_readings(form: str) -> list[str]:
    """Spellings to try for a word with an apostrophe that no entry has: a French elision
    without its article (l'oeuvre -> oeuvre), then the word without the apostrophe, as old
    spellings contract (se'nnight -> sennight, e'en is not reached: too short)."""
    if "'" not in form.strip("'"):
        return []
    readings = [form[len(p) :] for p in _ELIDED if form.startswith(p) and len(form) > len(p) + 2]
    joined = form.replace("'", "")
    if joined.isalpha() and len(joined) >= _MIN_DERIVED:
        readings.append(joined)
    return readings


def _simplemma(word: str) -> str | None:
    try:
        import simplemma
    except ImportError:  # pragma: no cover
        return None
    try:
        return simplemma.lemmatize(word, lang="en").lower()
    except Exception:  # pragma: no cover - simplemma data problems
        return None


_CACHE: dict[tuple, Lexicon] = {}
_CACHE_LOCK = threading.Lock()


def load_lexicon(path: str | os.PathLike | None = None) -> Lexicon:
    """Open the lexicon at ``path`` (default :func:`default_lexicon_path`), cached per process.

    The cache key includes the file's mtime and size, so a rebuilt lexicon is picked up.
    Raises :class:`LexiconError` when the file does not exist.
    """
    target = Path(path) if path else default_lexicon_path()
    try:
        stat = target.stat()
    except OSError as exc:
        raise LexiconError(f"no lexicon at {target}; run `yingdu lexicon build` first") from exc
    key = (str(target.resolve()), stat.st_mtime_ns, stat.st_size)
    with _CACHE_LOCK:
        lexicon = _CACHE.get(key)
        if lexicon is None:
            for old in [k for k in _CACHE if k[0] == key[0]]:
                del _CACHE[old]
            lexicon = _CACHE[key] = Lexicon(target)
        return lexicon


def _reconnect_after_fork() -> None:
    """In a forked child (gunicorn workers forked from a preloaded master share the loaded
    lexicon's memory), give every cached lexicon its own connection and fresh locks."""
    global _CACHE_LOCK
    _CACHE_LOCK = threading.Lock()
    for lexicon in _CACHE.values():
        lexicon._connect()


os.register_at_fork(after_in_child=_reconnect_after_fork)


def clear_cache() -> None:
    """Forget every loaded lexicon (tests)."""
    with _CACHE_LOCK:
        _CACHE.clear()
