"""SQLite layout of the lexicon database (one file, built once, opened read-only)."""

from __future__ import annotations

SCHEMA_VERSION = 1

# flags in ``surface.flags``
FLAG_NAME = 1  # the capitalized word is mostly a name (China, London)
FLAG_ESTIMATED = 2  # band only estimated from CEFR data

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    key TEXT PRIMARY KEY,        -- lowercase headword or phrase
    headword TEXT NOT NULL,      -- as written by the best source (I, Monday, café)
    band INTEGER NOT NULL,       -- index into BANDS
    band_source TEXT NOT NULL,   -- wordlist | ecdict | cefr-estimated | none
    ipa_uk TEXT NOT NULL DEFAULT '',
    ipa_us TEXT NOT NULL DEFAULT '',
    glosses TEXT NOT NULL DEFAULT '[]',   -- JSON [[pos, gloss], ...]
    freq_rank INTEGER,
    zipf REAL,
    is_mwe INTEGER NOT NULL DEFAULT 0,
    sources TEXT NOT NULL DEFAULT '{}'    -- JSON {field: source}
) WITHOUT ROWID;
CREATE TABLE forms (
    form TEXT NOT NULL,
    lemma TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (form, lemma)
) WITHOUT ROWID;
CREATE INDEX forms_lemma ON forms (lemma);
-- The run-time hot table: every known lowercase surface form -> chosen lemma and its band.
CREATE TABLE surface (
    key TEXT PRIMARY KEY,
    lemma TEXT NOT NULL,
    band INTEGER NOT NULL,
    flags INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- Forms read as a noun or as a verb by context (shelves: shelf n, shelve v); see ambiguous.py.
CREATE TABLE ambiguous (
    form TEXT NOT NULL,
    lemma TEXT NOT NULL,
    kind TEXT NOT NULL,          -- 'n' or 'v'
    PRIMARY KEY (form, lemma)
) WITHOUT ROWID;
CREATE TABLE mwes (
    key TEXT PRIMARY KEY,        -- phrase, lowercase ("take part in")
    lemmas TEXT NOT NULL,        -- space-joined lemmas used for matching ("take part in")
    band INTEGER NOT NULL
) WITHOUT ROWID;
"""
