"""Annotate site items with the lexicon and store the result, so pages never annotate.

For each item, the English texts it declares (`reading_texts()`: key -> cleaned HTML) are
annotated together; the item gets

* `reading`: {"stamp", "html": {key: annotated HTML}, "bank": [...], "ruby": {...}} for its page;
* `difficulty`: one entry per level (小学 … 考研) with the ratios, grade and reading time,
  small enough for list pages.

Items are re-annotated when saved (see signals.py) and all at once after a lexicon rebuild.
"""

import logging

from django.conf import settings
from django.db import transaction

from yingdu.core.pagecache import bump_generation
from yingdu.lexicon import LEVELS, LexiconError, band_rank, load_lexicon
from yingdu.reading import annotate, grade_for, pinyin_ruby, reading_minutes

from .markup import plain_text, render, split_html

log = logging.getLogger(__name__)
SEPARATOR = "\n\n"


def current_lexicon():
    try:
        return load_lexicon(settings.LEXICON_PATH)
    except LexiconError:
        return None


def lexicon_stamp() -> str:
    try:
        stat = settings.LEXICON_PATH.stat()
    except OSError:
        return ""
    return f"{stat.st_mtime_ns}-{stat.st_size}"


def per_level(base) -> list[dict]:
    """Difficulty at every level from one annotation at the lowest level: the bands are
    per token, so each level's counts follow from them (the same numbers `annotate` gives
    at that level; tests/aids/test_per_level.py checks it)."""
    tokens = [t for t in base.raw_tokens if t[4] is not None]  # not names or numbers
    unlisted = {t[3] for t in base.raw_tokens if t[4] is None}
    ranks = [band_rank(t[4]) for t in tokens]
    lemma_ranks = [r for lemma, r in {t[3]: band_rank(t[4]) for t in tokens}.items()
                   if lemma not in unlisted]  # fmt: skip
    bank_ranks = [band_rank(entry["band"]) for entry in base.word_bank]
    levels = []
    for n, level in enumerate(LEVELS):
        ratio = round(sum(r > n for r in ranks) / base.words, 4) if base.words else 0.0
        distinct = base.distinct_lemmas
        above_lemmas = sum(r > n for r in lemma_ranks)
        levels.append({
            "level": level,
            "words": base.words,
            "ratio": ratio,
            "distinct_ratio": round(above_lemmas / distinct, 4) if distinct else 0.0,
            "grade": grade_for(ratio),
            "minutes": reading_minutes(base.words, level, ratio),
            "bank": sum(r > n for r in bank_ranks),
        })  # fmt: skip
    return levels


def annotate_texts(texts: dict[str, str], lexicon) -> tuple[dict, list]:
    """Annotated HTML per key, and the per-level difficulty of all texts together."""
    pieces = {key: split_html(html) for key, html in texts.items()}
    plains = {key: plain_text(p) for key, p in pieces.items()}
    joined = SEPARATOR.join(plains.values())
    base = annotate(joined, LEVELS[0], lexicon)  # every word above 小学 is in this bank
    bank = [dict(item) for item in base.word_bank]
    index = {item["lemma"]: n for n, item in enumerate(bank)}
    tokens = [(t[1], t[2], t[3], t[4]) for t in base.raw_tokens]
    html, offset = {}, 0
    for key, plain in plains.items():
        end = offset + len(plain)
        inside = [t for t in tokens if offset <= t[0] and t[1] <= end]
        html[key] = render(pieces[key], inside, offset, index)
        offset = end + len(SEPARATOR)
    return {"html": html, "bank": bank}, per_level(base)


def ruby_html(text: str) -> str:
    from html import escape

    parts = []
    for word, syllables in pinyin_ruby(text):
        if syllables:
            parts.append(f"<ruby>{escape(word)}<rt>{escape(syllables)}</rt></ruby>")
        else:
            parts.append(escape(word))
    return "".join(parts)


def compute(item, lexicon) -> tuple[dict, list]:
    reading, difficulty = {"stamp": lexicon_stamp()}, []
    texts = item.reading_texts() if hasattr(item, "reading_texts") else {}
    if texts and lexicon is not None:
        annotated, difficulty = annotate_texts(texts, lexicon)
        reading.update(annotated)
    chinese = item.pinyin_texts() if hasattr(item, "pinyin_texts") else {}
    if chinese:
        reading["ruby"] = {key: ruby_html(text) for key, text in chinese.items()}
    return reading, difficulty


def annotate_item(item, lexicon=None) -> None:
    """Compute and store the reading aids of one item (no save signals fired)."""
    lexicon = lexicon or current_lexicon()
    reading, difficulty = compute(item, lexicon)
    type(item).objects.filter(pk=item.pk).update(reading=reading, difficulty=difficulty)
    item.reading, item.difficulty = reading, difficulty


def annotated_models():
    from yingdu.bilingual.models import BilingualArticle
    from yingdu.compositions.models import Composition
    from yingdu.daily.models import DailyTerm
    from yingdu.news.models import NewsArticle

    return [NewsArticle, DailyTerm, BilingualArticle, Composition]


def count_items() -> int:
    return sum(model.objects.count() for model in annotated_models())


def refresh_all(progress=None) -> int:
    """Re-annotate every item (after a lexicon rebuild); `progress(n)` after each item."""
    lexicon = current_lexicon()
    done = 0
    for model in annotated_models():
        for item in model.objects.all().iterator(chunk_size=200):
            with transaction.atomic():
                annotate_item(item, lexicon)
            done += 1
            if progress:
                progress(done)
    bump_generation()
    return done
