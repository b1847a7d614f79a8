"""Forms that belong to a noun and to a verb (shelves: shelf or shelve; left: left or leave).

The surface table keeps one lemma per form; the ``ambiguous`` table lists, for the forms
whose readings differ in kind, every reading with its kind: ``v`` when the form is that
lemma's verb form (or the lemma's first sense is a verb), ``n`` otherwise (noun, adjective …).
The annotator loads it with the surface table and picks the reading by a part-of-speech guess
from the neighbouring words (yingdu/reading/classification.py).

Readings come from the forms table, the form itself when it is a headword, suffix rules
(shelves -> shelf via -ves, bases -> basis via -es) and a few irregular past tenses.  A past
or -ing reading counts only when the lemma has a verb sense; the form's own reading of an
-ed/-ing form (abandoned, building) is left out: it is the same word family.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from .inflections import CORE_IRREGULARS, KEEP_AS_IS

# irregular past tenses that are also words of their own
PAST_TENSES = {
    "left": "leave",
    "found": "find",
    "saw": "see",
    "felt": "feel",
    "lay": "lie",
    "rose": "rise",
    "wound": "wind",
    "ground": "grind",
    "bound": "bind",
    "fell": "fall",
}
_SIBILANTS = ("s", "x", "z", "ch", "sh", "o")  # stems that take -es (boxes, heroes)
_BAND_SPREAD = 2  # a reading this many bands above the form's usual one is left out (wan)
_SINGULARS_IN_VES = "leaf life shelf wolf knife wife half calf loaf thief self elf scarf hoof"
# nouns whose plural ends in -ves: stem before -ves -> singular
VES_PLURALS = {
    singular[: -2 if singular.endswith("fe") else -1]: singular
    for singular in _SINGULARS_IN_VES.split()
}
_CHUNK = 900  # keys per SQL query (below SQLite's variable limit)


def alternatives(form: str, forms: dict[str, dict[str, str]], bands: dict) -> set[str]:
    """Headwords ``form`` may be a reading of: its lemmas, and itself for the past tenses
    that are words of their own (saw, left)."""
    found = {lemma for lemma in forms.get(form, ()) if lemma in bands}
    found.update(c for c in _candidates(form) if c in bands)
    found.discard(form)
    if form in PAST_TENSES and form in bands:
        found.add(form)
    return found


def _candidates(form: str) -> Iterator[str]:
    """Lemmas by the regular inflection rules (shelves -> shelf, shelve; bases -> basis)."""
    n = len(form)
    if form.endswith("ies"):
        yield form[:-3] + "y"
    if form.endswith("ves") and form[:-3] in VES_PLURALS:
        yield VES_PLURALS[form[:-3]]
    if n > 4 and form.endswith("es"):
        stem = form[:-2]
        if stem.endswith(_SIBILANTS):
            yield stem
        yield stem + "is"
    if n > 3 and form.endswith("s") and not form.endswith("ss"):
        yield form[:-1]
    if n > 3 and form.endswith("ed"):
        yield from _stems(form[:-2])
    if n > 4 and form.endswith("ing"):
        yield from _stems(form[:-3])
    if form in PAST_TENSES:
        yield PAST_TENSES[form]


def _stems(stem: str) -> Iterator[str]:
    yield stem
    yield stem + "e"
    if len(stem) > 2 and stem[-1] == stem[-2]:
        yield stem[:-1]


def reading_kind(form: str, lemma: str, glosses: list) -> str:
    """'v' or 'n' for ``form`` read as ``lemma`` (glosses [[pos, gloss], …]); '' when the
    reading does not hold (a past form of a lemma without a verb sense)."""
    poses = [pos for pos, _ in glosses]
    first = poses[0] if poses else ""
    if form == lemma:
        return "" if form.endswith(("ed", "ing")) else ("v" if _verbal(first) else "n")
    if form.endswith("s"):
        return "v" if _verbal(first) else "n"
    return "v" if any(map(_verbal, poses)) else ""


def _verbal(pos: str) -> bool:
    return pos in ("v", "vt", "vi")


def write_ambiguous(
    con: sqlite3.Connection, surface: dict, forms: dict, bands: dict, headwords=frozenset()
) -> int:
    """Fill the ``ambiguous`` table for every form of ``surface``; returns the forms stored.
    A form that is a curriculum headword (in ``headwords``) keeps its own reading whatever
    its band: the lists name it as a word (the saw you cut wood with, cet4, beside see)."""
    candidates = {}
    for form in surface:
        if form in KEEP_AS_IS or form in CORE_IRREGULARS or not form.isalpha():
            continue
        usual = surface[form][1]
        lemmas = {
            lemma
            for lemma in alternatives(form, forms, bands)
            if bands[lemma] <= usual + _BAND_SPREAD or (lemma == form and form in headwords)
        }
        if len(lemmas) > 1:
            candidates[form] = lemmas
    glosses = _glosses(con, {lemma for lemmas in candidates.values() for lemma in lemmas})
    rows = []
    for form, lemmas in candidates.items():
        kinds = {
            lemma: reading_kind(form, lemma, glosses[lemma])
            for lemma in lemmas
            if glosses.get(lemma)
        }
        kinds = {lemma: kind for lemma, kind in kinds.items() if kind}
        if len(set(kinds.values())) > 1:
            rows += [(form, lemma, kind) for lemma, kind in sorted(kinds.items())]
    con.executemany("INSERT INTO ambiguous VALUES (?,?,?)", rows)
    return len({row[0] for row in rows})


def _glosses(con: sqlite3.Connection, keys: set[str]) -> dict[str, list]:
    ordered = sorted(keys)
    out = {}
    for i in range(0, len(ordered), _CHUNK):
        chunk = ordered[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        query = f"SELECT key, glosses FROM entries WHERE key IN ({marks})"  # noqa: S608
        out.update((key, json.loads(g)) for key, g in con.execute(query, chunk))
    return out
