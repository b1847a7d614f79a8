"""Template tags for reading aids: the difficulty badge of list rows and the reading panel
(difficulty, word bank, glossary data for the popover) of item pages."""

import json

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from yingdu.aids.service import reader_knows
from yingdu.core import kinds
from yingdu.core.sanitize import is_block
from yingdu.lexicon import BAND_LABELS, LEVELS, band_rank

register = template.Library()

GRADE_CLASS = {"容易": "easy", "适中": "fair", "较难": "hard", "很难": "very-hard"}
LEVEL_LABELS = [(level, BAND_LABELS[level]) for level in LEVELS]
DEFAULT_LEVEL = 2  # 高考: the level most readers of the portal prepare for


def _levels(item):
    return [
        {**entry, "index": n, "label": LEVEL_LABELS[n][1], "percent": round(entry["ratio"] * 100),
         "css": GRADE_CLASS.get(entry["grade"], "fair")}
        for n, entry in enumerate(item.difficulty or [])
    ]  # fmt: skip


@register.inclusion_tag("aids/badge.html", takes_context=True)
def difficulty_badge(context, item):
    return {"levels": _levels(item), "item": item, "request": context.get("request")}


@register.inclusion_tag("aids/panel.html", takes_context=True)
def reading_panel(context, item):
    """The difficulty bar and the Word Bank; for a learner, the words they know are marked
    (hidden, and known.js takes them as known) and the counts are of the others."""
    knows = reader_knows(context.get("request"))
    bank = []
    for entry in item.reading.get("bank", []):
        rank = band_rank(entry["band"])
        known = knows is not None and knows(entry["lemma"], rank)
        bank.append({**entry, "rank": rank, "band_label": BAND_LABELS[entry["band"]],
                     "known": known})  # fmt: skip
    levels = _levels(item)
    if knows is not None:
        for level in levels:
            level["bank"] = sum(1 for e in bank if e["rank"] > level["index"] and not e["known"])
    kind = kinds.kind_of(item)
    return {"levels": levels, "bank": bank, "glossary": glossary_json(bank),
            "source_kind": kind.key if kind else "", "source_id": item.pk}  # fmt: skip


def glossary_json(bank) -> str:
    """Compact glossary for the popover (``s``: [[pos, gloss], …] other senses a word has in
    other sentences, picked by a span's data-s); json.dumps escapes nothing HTML-dangerous, so
    the tag escapes '<', '>' and '&' itself before it goes into a <script> element."""
    data = [
        {"l": e["lemma"], "i": e["ipa"], "p": e["pos"], "g": e["gloss"], "b": e["band"],
         "r": e["rank"], **({"s": e["senses"]} if e.get("senses") else {})}
        for e in bank
    ]  # fmt: skip
    return script_json(data)


def script_json(data) -> str:
    """JSON safe to put inside a <script> element ('<', '>' and '&' escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@register.simple_tag
def band_labels_json() -> str:
    labels = dict(BAND_LABELS)
    labels["_add"] = _("Add to my words")
    labels["_added"] = _("Added to my words")
    labels["_again"] = _("Already in my words: sentence added")
    labels["_failed"] = _("Could not add the word.")
    labels["_signin"] = _("Sign in to keep words in your notebook")
    labels["_login"] = reverse("accounts:login")
    return mark_safe(script_json(labels))  # noqa: S308 (escaped for <script>)


@register.simple_tag
def aided(item, key, fallback, suffix=""):
    """The annotated HTML of text `key` (+ `suffix`, e.g. a row id), else `fallback`."""
    return item.aided(f"{key}{suffix}", fallback)


@register.simple_tag
def body_paragraph(item, key, html):
    """One paragraph of a body, annotated: in <p>, unless it is a table, list, quote or code
    block (which cannot sit inside a <p>)."""
    inner = item.aided(key, html)
    return inner if is_block(html) else format_html("<p>{}</p>", inner)


@register.simple_tag
def level_choices():
    return LEVEL_LABELS


@register.simple_tag
def default_level() -> int:
    return DEFAULT_LEVEL
