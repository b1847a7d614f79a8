"""词汇: 8–12 words of the passage at or above the level, each with its Chinese gloss, to match
and to spell from the gloss and the first letter."""

from __future__ import annotations

from yingdu.lexicon.store import Lexicon

from .cloze import TOO_GENERAL
from .passage import CONTENT_POS, Passage, gloss_of, word_pos

INSTRUCTIONS = "根据短文，将下列单词与其中文释义配对；再根据中文释义和首字母写出单词。"
MOST, FEWEST = 12, 8
_SENSES = 2


def make_vocab(passage: Passage, level: int, lexicon: Lexicon, rng) -> dict:
    firsts: dict[str, tuple] = {}
    for word in passage.words:
        lemma = word.lemma
        if lemma in firsts or lemma in TOO_GENERAL or len(lemma) < 3 or not lemma.isalpha():
            continue
        pos = word_pos(word, lexicon)
        gloss = short_gloss(gloss_of(lexicon, word.lemma, pos))
        if pos in CONTENT_POS and gloss:
            firsts[word.lemma] = (word, gloss)
    at_level = [w for w in firsts.values() if w[0].band >= level]
    if len(at_level) < FEWEST:  # fill up with the hardest words below the level
        below = sorted((w for w in firsts.values() if w[0].band < level), key=lambda w: -w[0].band)
        at_level += below[: FEWEST - len(at_level)]
    picked = rng.sample(at_level, min(MOST, len(at_level)))
    picked.sort(key=lambda w: w[0].index)
    items = [
        {"n": n, "word": word.lemma, "gloss": gloss, "answer": word.lemma}
        for n, (word, gloss) in enumerate(picked, 1)
    ]
    return {"instructions": INSTRUCTIONS, "items": items}


def short_gloss(gloss: str) -> str:
    """The first senses of a gloss."""
    return "；".join(gloss.split("；")[:_SENSES]).strip("；")
