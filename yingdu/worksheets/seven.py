"""七选五: five sentences taken out of the passage (never its first), seven options: the five
and two sentences from other texts that share the passage's topic words and are not in it."""

from __future__ import annotations

import re

from yingdu.lexicon.store import Lexicon

from .passage import Passage, sentence_spans, word_set

INSTRUCTIONS = (
    "阅读下面短文，从短文后的选项中选出可以填入空白处的最佳选项。选项中有两项为多余选项。"
)
LETTERS = "ABCDEFG"
REMOVED = 5
DISTRACTORS = 2
_WORDS = re.compile(r"[A-Za-z]+")
_MIN_WORDS, _MAX_WORDS = 5, 40
_TOPIC_MIN_LENGTH = 4  # words shorter than this are not topic words
_COMMON = word_set(
    "that this with from have were they their there which what when where would could should "
    "about been into than then them these those some more most also very just said says "
    "will your over such only other many much after before being make made"
)


class NotEnough(ValueError):
    """The passage or the pool has too few sentences for this section."""


def make_seven(passage: Passage, lexicon: Lexicon, rng, pool: list[str]) -> dict:
    text = passage.text
    eligible = [
        i
        for i, (start, end) in enumerate(passage.sentences)
        if i > 0 and _fits(text[start:end]) and "\n" not in text[start:end]
    ]
    removed = _choose(eligible, rng)
    if len(removed) < REMOVED:
        raise NotEnough(f"七选五需要短文除首句外至少 {REMOVED} 个不相邻的完整句子")
    sentences = [text[slice(*passage.sentences[i])] for i in removed]
    distractors = pick_distractors(text, pool, lexicon, rng)
    options = sentences + distractors
    rng.shuffle(options)
    items, spans = [], []
    for n, (i, sentence) in enumerate(zip(removed, sentences, strict=True), 1):
        items.append({"n": n, "answer": LETTERS[options.index(sentence)]})
        spans.append((*passage.sentences[i], f"___{n}___"))
    return {"instructions": INSTRUCTIONS, "spans": spans, "options": options, "items": items}


def _fits(sentence: str) -> bool:
    return _MIN_WORDS <= len(_WORDS.findall(sentence)) <= _MAX_WORDS


def _choose(eligible: list[int], rng) -> list[int]:
    """Five sentence numbers, not next to each other when the passage allows it."""
    for gap in (2, 1):
        spaced = _spaced(eligible, gap, rng)
        if len(spaced) >= REMOVED:
            return sorted(rng.sample(spaced, REMOVED)) if gap == 1 else spaced
    return []


def _spaced(eligible: list[int], gap: int, rng) -> list[int]:
    if gap == 1:
        return list(eligible)
    size = len(eligible) / REMOVED
    chosen: list[int] = []
    for part in range(REMOVED):
        stretch = [
            i
            for i in eligible[int(part * size) : int((part + 1) * size)]
            if not chosen or i - chosen[-1] >= gap
        ]
        if stretch:
            chosen.append(rng.choice(stretch))
    return chosen


def topic_words(text: str, lexicon: Lexicon) -> set[str]:
    """Lemmas of the longer, not too common words of ``text``."""
    words = set()
    for word in _WORDS.findall(text):
        low = word.lower()
        if len(low) >= _TOPIC_MIN_LENGTH and low not in _COMMON:
            words.add(lexicon.lemma_of(low) or low)
    return words


def pick_distractors(text: str, pool: list[str], lexicon: Lexicon, rng) -> list[str]:
    """Two sentences of the ``pool`` texts that share the most topic words with ``text`` and
    do not occur in it."""
    topic = topic_words(text, lexicon)
    present = _normalised(text)
    scored = []
    for other in pool:
        for start, end in sentence_spans(other):
            sentence = other[start:end]
            if "\n" in sentence or not _fits(sentence) or "___" in sentence:
                continue
            if _normalised(sentence) in present:
                continue
            shared = len(topic & topic_words(sentence, lexicon))
            scored.append((-shared, sentence))
    scored = sorted(dict.fromkeys(scored))
    best = [sentence for _, sentence in scored[: DISTRACTORS * 3]]
    if len(best) < DISTRACTORS:
        raise NotEnough(
            "七选五需要另外的英语文本作为干扰句来源（网站上的其他英语文章或 --pool 文件）"
        )
    return rng.sample(best, DISTRACTORS)


def _normalised(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))
