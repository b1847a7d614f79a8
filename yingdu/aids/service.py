"""Annotate site items with the lexicon and store the result, so pages never annotate.

For each item, the English texts it declares (`reading_texts()`: key -> cleaned HTML) are
annotated together; the item gets

* `reading`: {"stamp", "html": {key: annotated HTML}, "bank": [...], "ruby": {...}} for its page;
* `difficulty`: one entry per level (小学 … 考研) with the ratios, grade and reading time,
  small enough for list pages;
* `reading["profile"]`: {"words", "bands": tokens per band, "lemmas": {lemma: [count, band
  rank]}}, what a reader's coverage of the item is computed from (yingdu/placement).

Functions in AFTER_ANNOTATE run with each item once it is stored (placement keeps its
per-item rows for recommendations this way, also after a lexicon rebuild). Functions in
READER_KNOWS tell item pages which Word Bank words the request's reader already knows
(placement registers the one definition of a learner's known words).

Items are re-annotated when saved (see signals.py) and all at once after a lexicon rebuild.
"""

import logging

from django.conf import settings
from django.db import transaction

from yingdu.core import kinds
from yingdu.core.pagecache import bump_generation
from yingdu.lexicon import BANDS, LEVELS, LexiconError, band_rank, load_lexicon
from yingdu.reading import annotate, per_level, pinyin_ruby
from yingdu.reading.tokens import BAND, LEMMA
from yingdu.reading.wordbank import senses_in_context

from .markup import plain_text, render, split_html

log = logging.getLogger(__name__)
SEPARATOR = "\n\n"
AFTER_ANNOTATE: list = []  # functions of an item, called after its aids are stored
READER_KNOWS: list = []  # functions of a request: a test of (lemma, band rank), or None


def reader_knows(request):
    """The test of a known word for this request's reader, or None (visitors: their chosen
    level is applied in the browser, so their cached pages stay the same for everyone)."""
    for find in READER_KNOWS if request is not None else ():
        knows = find(request)
        if knows is not None:
            return knows
    return None


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


def annotate_texts(texts: dict[str, str], lexicon) -> tuple[dict, list]:
    """Annotated HTML per key, and the per-level difficulty of all texts together."""
    pieces = {key: split_html(html) for key, html in texts.items()}
    plains = {key: plain_text(p) for key, p in pieces.items()}
    joined = SEPARATOR.join(plains.values())
    base = annotate(joined, LEVELS[0], lexicon)  # every word above 小学 is in this bank
    bank = [dict(item) for item in base.word_bank]
    index = {item["lemma"]: n for n, item in enumerate(bank)}
    senses = senses_in_context(joined, base.raw_tokens, bank, lexicon)
    html, offset = {}, 0
    for key, plain in plains.items():
        end = offset + len(plain)
        inside = [t for t in base.tokens if offset <= t.start and t.end <= end]
        html[key] = render(pieces[key], inside, offset, index, senses)
        offset = end + len(SEPARATOR)
    return {"html": html, "bank": bank, "profile": profile(base.raw_tokens)}, per_level(base)


def profile(raw_tokens) -> dict:
    """Words with a band (not names or numbers), tokens per band, and each lemma's count and
    band rank: what any reader's coverage of the text follows from."""
    bands = [0] * len(BANDS)
    lemmas: dict[str, list[int]] = {}
    for token in raw_tokens:
        band = token[BAND]
        if band is None:
            continue
        rank = band_rank(band)
        bands[rank] += 1
        entry = lemmas.setdefault(token[LEMMA], [0, rank])
        entry[0] += 1
    return {"words": sum(bands), "bands": bands, "lemmas": lemmas}


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
    for after in AFTER_ANNOTATE:
        after(item)


def annotated_models():
    """The models of every kind that carries English text (yingdu.core.kinds)."""
    return kinds.models_of([kind for kind in kinds.all_kinds() if kind.english])


def count_items() -> int:
    return sum(model.objects.count() for model in annotated_models())


def refresh_all(progress=None, after=None, each=None) -> int:
    """Re-annotate every item (after a lexicon rebuild); `progress(n)` after each item.

    Items go in a fixed order, model by model and by id. AFTER, the position (model number,
    id) of the last item an earlier run finished, resumes after it; `each(position)` runs
    inside each item's transaction (a job's checkpoint commits with the item). Returns the
    number of items annotated by this call."""
    lexicon = current_lexicon()
    done = 0
    for number, model in enumerate(annotated_models()):
        for item in items_after(model, number, after).iterator(chunk_size=200):
            with transaction.atomic():
                annotate_item(item, lexicon)
                if each:
                    each([number, item.pk])
            done += 1
            if progress:
                progress(done)
    bump_generation()
    return done


def items_after(model, number: int, after):
    """The model's items in id order, those after position AFTER (model number, id)."""
    items = model.objects.order_by("pk")
    if after is None or number > after[0]:
        return items
    if number < after[0]:
        return items.none()
    return items.filter(pk__gt=after[1])
