"""完形填空: blanks on content words within the level's syllabus, four options each; the
distractors are words of the same part of speech and inflection from the same or a
neighbouring band, never the answer's forms, a synonym sharing a sense of its gloss, or a word
the passage itself uses."""

from __future__ import annotations

import json
import sqlite3
import threading
from functools import lru_cache
from typing import NamedTuple

from yingdu.lexicon.store import Lexicon

from .passage import (
    CONTENT_POS,
    INFLECTIONS,
    Passage,
    gloss_of,
    gloss_senses,
    inflect,
    inflection_of,
    regular_forms,
    same_case,
    senses_of,
    spread,
    word_pos,
    word_set,
)

INSTRUCTIONS = "阅读下面短文，从每题所给的 A、B、C、D 四个选项中，选出可以填入空白处的最佳选项。"
LETTERS = "ABCD"
MAX_BLANKS = 30
_CLOSEST = 12  # distractors are drawn from this many candidates closest in frequency
POS_LABELS = {"n": "n.", "v": "v.", "adj": "adj.", "adv": "adv."}

# Words too general to test in a cloze even when the lexicon glosses them as content words.
TOO_GENERAL = word_set(
    "be have do get make go say thing way time also very really just not so then there here "
    "now well too only even still more most much many lot other another same start"
)


_MODALS = word_set("can could may might must shall should will would ought need dare")


class Candidate(NamedTuple):
    lemma: str
    band: int
    zipf: float
    pos: tuple[str, ...]
    glosses: tuple[tuple[str, str], ...]

    @property
    def senses(self) -> frozenset[str]:
        return _senses(self.glosses)


@lru_cache(maxsize=65536)
def _senses(glosses: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return senses_of(glosses)


def default_blanks(word_count: int) -> int:
    """About one blank per 23 words (15 for a 350-word text), between 5 and 20."""
    return max(5, min(20, round(word_count / 23)))


def make_cloze(passage: Passage, level: int, lexicon: Lexicon, rng, blanks: int | None) -> dict:
    """The cloze section of ``passage`` for a reader at band rank ``level``."""
    used_lemmas = {word.lemma for word in passage.words}
    used_lemmas |= {word.text.lower() for word in passage.words}
    chosen: set[str] = set()
    candidates = []
    for word in passage.words:
        if word.sentence == 0 or word.band > level or len(word.text) < 3:
            continue
        if word.lemma in TOO_GENERAL or word.lemma in _MODALS or _capitalised_inside(passage, word):
            continue
        pos = word_pos(word, lexicon, strict=True)
        tag = inflection_of(word.text, word.lemma)
        if pos in CONTENT_POS and tag != "irregular":
            candidates.append((word, pos, tag))

    def make(candidate):
        word, pos, tag = candidate
        if word.lemma in chosen:
            return None
        distractors = pick_distractors(word, pos, tag, lexicon, used_lemmas, rng)
        if distractors is None:
            return None
        chosen.add(word.lemma)
        return word, pos, distractors

    count = min(blanks or default_blanks(len(passage.words)), MAX_BLANKS)
    made = spread(candidates, count, rng, lambda c: (c[0].index, c[0].index), make)
    items, spans = [], []
    for n, (word, pos, distractors) in enumerate(made, 1):
        options = [word.text, *distractors]
        rng.shuffle(options)
        gloss = gloss_of(lexicon, word.lemma, pos)
        items.append(
            {
                "n": n,
                "options": options,
                "answer": LETTERS[options.index(word.text)],
                "answer_text": word.text,
                "explanation": f"{word.text}（{POS_LABELS[pos]} {gloss}）",
            }
        )
        spans.append((word.start, word.end, f"___{n}___"))
    return {"instructions": INSTRUCTIONS, "spans": spans, "items": items}


def _capitalised_inside(passage: Passage, word) -> bool:
    """A capitalised word inside a sentence (Sundays, the Internet): not a cloze answer."""
    return word.text[:1].isupper() and passage.sentences[word.sentence][0] != word.start


def pick_distractors(word, pos, tag, lexicon, used_lemmas, rng) -> list[str] | None:
    """Three distractors for ``word`` (written as the answer is), or None when there are not
    three good ones."""
    entry = lexicon.lookup(word.lemma)
    if entry is None:
        return None
    answer_senses = gloss_senses(lexicon, word.lemma)
    zipf = entry.zipf or 3.0
    pool = [
        c
        for c in candidates_for(lexicon, pos)
        if c.pos[0] == pos and abs(c.band - word.band) <= 1 and c.lemma not in used_lemmas
    ]
    pool.sort(key=lambda c: (abs(c.zipf - zipf), c.lemma))
    forms: list[str] = []
    for candidate in pool:
        if _related(candidate.lemma, word.lemma) or candidate.senses & answer_senses:
            continue
        form = inflect(lexicon, candidate.lemma, tag)
        if tag == "ed" and _irregular(lexicon, candidate.lemma):
            continue  # payed beside paid
        if form is None or form in used_lemmas or any(_related(form, f) for f in forms):
            continue
        forms.append(form)
        if len(forms) == _CLOSEST:
            break
    if len(forms) < 3:
        return None
    return [same_case(word.text, form) for form in rng.sample(forms, 3)]


def _irregular(lexicon: Lexicon, lemma: str) -> bool:
    """The lexicon knows a past form of ``lemma`` that no regular rule makes (pay: paid)."""
    entry = lexicon.lookup(lemma)
    forms = entry.forms if entry else ()
    regular = {f for tag in INFLECTIONS for f in regular_forms(lemma, tag)}
    return any(f not in regular and not f.endswith(("s", "ing")) for f in forms)


def _related(one: str, other: str) -> bool:
    """One word begins with the other (care, careful, carefully): never options together."""
    return one.startswith(other) or other.startswith(one)


_RARE = 2.0  # words rarer than this Zipf frequency make poor distractors
_CONTENT_FIRST = tuple(f'[["{pos}"' for pos in CONTENT_POS)
_POOLS: dict[tuple, dict[str, list[Candidate]]] = {}
_POOLS_LOCK = threading.Lock()


def candidates_for(lexicon: Lexicon, pos: str) -> list[Candidate]:
    """Every single-word entry of a syllabus band glossed as ``pos`` (read once per lexicon)."""
    key = (str(lexicon.path), lexicon.meta.get("built_at"))
    with _POOLS_LOCK:
        pools = _POOLS.get(key)
        if pools is None:
            _POOLS.clear()
            pools = _POOLS[key] = _read_pools(lexicon)
    return pools.get(pos, [])


def _read_pools(lexicon: Lexicon) -> dict[str, list[Candidate]]:
    beyond = 6
    con = sqlite3.connect(f"{lexicon.path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT key, headword, band, glosses, zipf FROM entries"
            " WHERE is_mwe = 0 AND band < ? AND zipf >= ? AND key = headword",
            (beyond, _RARE),
        ).fetchall()
    finally:
        con.close()
    pools: dict[str, list[Candidate]] = {}
    for key, _, band, glosses, zipf in rows:
        plain = key.isalpha() and key.isascii() and key.islower() and len(key) >= 3
        if not plain or key in TOO_GENERAL or key in _MODALS:
            continue
        if lexicon.surface.get(key, ("",))[0] != key:
            continue
        if not glosses.startswith(_CONTENT_FIRST):
            continue
        glosses = tuple(map(tuple, json.loads(glosses)))
        parts = tuple(dict.fromkeys(p for p, _ in glosses if p))
        if not parts or len(parts) > 2 or parts[0] not in CONTENT_POS:
            continue
        pools.setdefault(parts[0], []).append(Candidate(key, band, zipf or 3.0, parts, glosses))
    return pools
