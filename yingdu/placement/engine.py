"""The adaptive vocabulary-size test and its estimator (plain Python, no Django).

A test is a JSON-ready state: {"seed", "items": [...], "answers": [...]}. Each item is
{"kind": "yesno"|"choice", "word", "band" (None for a pseudo-word), "options", "correct"};
the next item is drawn from the seed and the item number, so the same answers always give
the same test. After a sweep of every band, items go to the band whose mastery is least
certain; pseudo-words come at fixed places and measure over-claiming ("认识" to a non-word),
choice items (four Chinese glosses of the same band and part of speech) measure knowledge
with a known guessing rate.

The estimator keeps, per band, a posterior over the share of the band's words the reader
knows (a grid): a "yes" is known or an over-claim at the pseudo-word rate, a right choice is
known or a lucky guess. The mastered band is the most likely step: every band up to it
mastered (share >= MASTERED), none above.
"""

from __future__ import annotations

import math
import random

from yingdu.lexicon import BANDS, LEVELS

from .pool import Word, band_pool, pseudo_word

MAX_ITEMS = 60
MIN_ITEMS = 36  # the test may stop early after this many once every band is clear
STOP_DOUBT = 0.04  # ... when no band's mastery is more doubtful than this
PSEUDO_EVERY = 6  # every sixth item is a pseudo-word (items 3, 9, 15, …)
CHOICE_EVERY = 3  # every third real item asks for the meaning
SWEEPS = 2  # real items per band before the test adapts
MASTERED = 0.6  # a band is mastered when the reader knows at least this share of it
GUESS = 0.25  # one of four options
SLIP = 0.03  # a known word answered wrongly
GRID = tuple((i + 0.5) / 100 for i in range(100))
OPTIONS = 4
YESNO, CHOICE = "yesno", "choice"


class AnswerError(ValueError):
    """An answer of the wrong type or out of range for the current item."""


class Finished(RuntimeError):
    """The test is finished: no item is waiting for an answer."""


# -- the state ------------------------------------------------------------------------------
def new_state(seed: int, lexicon) -> dict:
    state = {"seed": seed, "items": [], "answers": []}
    state["items"].append(next_item(state, lexicon))
    return state


def is_done(state: dict) -> bool:
    return len(state["answers"]) == len(state["items"])


def public_item(state: dict) -> dict:
    """The waiting item as the reader sees it: no band, no right answer."""
    if is_done(state):
        raise Finished
    n = len(state["answers"])
    item = state["items"][n]
    shown = {"n": n + 1, "kind": item["kind"], "word": item["word"]}
    if item["kind"] == CHOICE:
        shown["options"] = list(item["options"])
    return shown


def check_answer(item: dict, answer) -> bool | int:
    """The answer if it fits the item: a bool for yes/no, an option index for a choice."""
    if item["kind"] == YESNO:
        if not isinstance(answer, bool):
            raise AnswerError("yes/no item: answer true or false")
        return answer
    if isinstance(answer, bool) or not isinstance(answer, int):
        raise AnswerError(f"choice item: answer an option index 0–{OPTIONS - 1}")
    if not 0 <= answer < len(item["options"]):
        raise AnswerError(f"choice item: answer an option index 0–{len(item['options']) - 1}")
    return answer


def answer(state: dict, value, lexicon) -> None:
    """Record the answer to the waiting item and draw the next one unless the test ends."""
    if is_done(state):
        raise Finished
    item = state["items"][len(state["answers"])]
    state["answers"].append(check_answer(item, value))
    if not should_stop(state):
        state["items"].append(next_item(state, lexicon))


def should_stop(state: dict) -> bool:
    asked = len(state["answers"])
    if asked >= MAX_ITEMS:
        return True
    if asked < MIN_ITEMS:
        return False
    return max(doubt(p) for p in mastery(state).values()) < STOP_DOUBT


# -- choosing items -------------------------------------------------------------------------
def next_item(state: dict, lexicon) -> dict:
    n = len(state["items"])
    rng = random.Random(f"{state['seed']}:{n}")
    used = {item["word"] for item in state["items"]}
    if n % PSEUDO_EVERY == PSEUDO_EVERY // 2:
        return {"kind": YESNO, "word": pseudo_word(rng, lexicon, used), "band": None}
    pool = band_pool(lexicon)
    real = sum(1 for item in state["items"] if item["band"] is not None)
    band = next_band(state, real)
    if real % CHOICE_EVERY == CHOICE_EVERY - 1:
        item = choice_item(rng, pool[band], used)
        if item:
            return {**item, "band": band}
    word = _fresh(rng, pool[band], used)
    return {"kind": YESNO, "word": word.lemma, "band": band}


def next_band(state: dict, real: int) -> str:
    """A sweep over every band first, then the band whose mastery is most in doubt."""
    if real < SWEEPS * len(BANDS):
        return BANDS[real % len(BANDS)]
    asked = {band: 0 for band in BANDS}
    for item in state["items"]:
        if item["band"] is not None:
            asked[item["band"]] += 1
    shares = mastery(state)
    return max(BANDS, key=lambda band: (doubt(shares[band]), -asked[band]))


def _fresh(rng: random.Random, words: tuple[Word, ...], used, need_gloss=False) -> Word:
    for _ in range(200):
        word = rng.choice(words)
        if word.lemma not in used and (word.gloss or not need_gloss):
            return word
    return next(w for w in words if w.lemma not in used and (w.gloss or not need_gloss))


def choice_item(rng: random.Random, words: tuple[Word, ...], used) -> dict | None:
    """The word and four glosses: its own and three of the same band (same part of speech
    when there are enough), shuffled; None when the band has too few glossed words."""
    glossed = [w for w in words if w.gloss]
    if len(glossed) < 20:
        return None
    target = _fresh(rng, words, used, need_gloss=True)
    distractors: list[str] = []
    for same_pos in (True, False):
        for _ in range(200):
            if len(distractors) == OPTIONS - 1:
                break
            other = rng.choice(glossed)
            if same_pos and other.pos != target.pos:
                continue
            if other.lemma != target.lemma and other.gloss not in (target.gloss, *distractors):
                distractors.append(other.gloss)
    if len(distractors) < OPTIONS - 1:
        return None
    options = [target.gloss, *distractors]
    rng.shuffle(options)
    return {"kind": CHOICE, "word": target.lemma, "options": options,
            "correct": options.index(target.gloss)}  # fmt: skip


# -- estimating -----------------------------------------------------------------------------
def over_claiming(state: dict) -> float:
    """The share of pseudo-words the reader said they know (smoothed, at most 0.6)."""
    asked = zip(state["items"], state["answers"], strict=False)
    said = [given for item, given in asked if item["band"] is None]
    return min(0.6, (sum(said) + 0.5) / (len(said) + 2))


def posteriors(state: dict) -> dict[str, list[float]]:
    """Band -> normalised posterior over GRID of the share of the band's words known."""
    claim = over_claiming(state)
    logs = {band: [0.0] * len(GRID) for band in BANDS}
    for item, given in zip(state["items"], state["answers"], strict=False):
        band = item["band"]
        if band is None:
            continue
        row = logs[band]
        for i, p in enumerate(GRID):
            if item["kind"] == YESNO:
                chance = p + (1 - p) * claim if given else (1 - p) * (1 - claim)
            else:
                right = p * (1 - SLIP) + (1 - p) * GUESS
                chance = right if given == item["correct"] else 1 - right
            row[i] += math.log(chance)
    return {band: _normalise(row) for band, row in logs.items()}


def _normalise(logs: list[float]) -> list[float]:
    top = max(logs)
    weights = [math.exp(v - top) for v in logs]
    total = sum(weights)
    return [w / total for w in weights]


def mastery(state: dict) -> dict[str, float]:
    """Band -> probability that the reader has mastered it (share >= MASTERED)."""
    return {
        band: sum(w for p, w in zip(GRID, post, strict=True) if p >= MASTERED)
        for band, post in posteriors(state).items()
    }


def doubt(probability: float) -> float:
    return min(probability, 1 - probability)


def placed_rank(state: dict) -> int:
    """Index in BANDS of the mastered band: the most likely 'mastered up to here' step
    (-1: not even the first band)."""
    chances = [min(max(p, 1e-4), 1 - 1e-4) for p in mastery(state).values()]

    def score(top: int) -> float:
        return sum(math.log(c if i <= top else 1 - c) for i, c in enumerate(chances))

    return max(range(-1, len(BANDS)), key=score)


def reading_level(rank: int) -> str:
    """The reading level (one of LEVELS) for a mastered band rank."""
    return LEVELS[min(max(rank, 0), len(LEVELS) - 1)]


def result(state: dict, band_sizes: dict[str, int]) -> dict:
    """The outcome: reading level `band`, `mastered` band (or None), `vocabulary_size`,
    the known share `by_band`, over-claiming rate, and the real words not known."""
    shares = {
        band: round(sum(p * w for p, w in zip(GRID, post, strict=True)), 3)
        for band, post in posteriors(state).items()
    }
    rank = placed_rank(state)
    size = sum(shares[band] * band_sizes.get(band, 0) for band in BANDS)
    return {
        "band": reading_level(rank),
        "mastered": BANDS[rank] if rank >= 0 else None,
        "vocabulary_size": int(round(size, -1)),
        "by_band": shares,
        "over_claiming": round(over_claiming(state), 3),
        "unknown": unknown_words(state),
        "items": len(state["answers"]),
    }


def unknown_words(state: dict) -> list[str]:
    """Real words the reader said they did not know or whose meaning they missed."""
    out = []
    for item, given in zip(state["items"], state["answers"], strict=False):
        if item["band"] is None:
            continue
        missed = given is False if item["kind"] == YESNO else given != item["correct"]
        if missed:
            out.append(item["word"])
    return out
