"""Template tags of the notebook pages. A list page shows 50 cards, each with sentences and
links; building each card's HTML here, from the plain rows `service.card_rows` and
`service.with_sentences` read (dicts, not model instances), with the labels translated and
the delete URL reversed once per page, costs a fraction of the same markup in template
loops, which keeps the page fast for learners with many cards. Every value from the
database is escaped (`html.escape`, quotes included)."""

from html import escape

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from yingdu.lexicon import BAND_LABELS
from yingdu.lexicon.bands import BEYOND, band_rank

from .. import sentences

register = template.Library()

BAND_RANKS = {code: band_rank(code) for code in BAND_LABELS}
ID_MARK = 918273645  # stands for a card id in a URL reversed once per page


def marked_sentence(sentence: dict) -> str:
    parts = sentences.parts(sentence["text"], sentence["start"], sentence["end"])
    before, word, after = (escape(part) for part in parts)
    return f'<span class="sentence" lang="en">{before}<mark>{word}</mark>{after}</span>'


def sentence_line(sentence: dict) -> str:
    source = ""
    if sentence["source_url"]:
        url, title = escape(sentence["source_url"]), escape(sentence["source_title"])
        source = f' <a class="source" href="{url}">{title}</a>'
    return f'<p class="nb-sentence">{marked_sentence(sentence)}{source}</p>'


@register.simple_tag
def sentence_lines(sentences):
    """Every sentence of a card (rows, oldest first), the word marked, with its source."""
    return mark_safe("".join(sentence_line(s) for s in sentences))  # noqa: S308 - escaped


@register.simple_tag
def marked(sentence):
    return mark_safe(marked_sentence(sentence))  # noqa: S308 - escaped


@register.simple_tag
def card_items(cards, now):
    """The <li> of every card (rows with their sentences) on the notebook page."""
    labels = {"due_now": escape(_("Due now")), "delete": escape(_("Delete")),
              "added": _("Added %(added)s"), "next": _("Next review %(due)s")}  # fmt: skip
    url_before, url_after = reverse("notebook:delete", args=[ID_MARK]).split(str(ID_MARK))
    zone = timezone.get_current_timezone()
    return mark_safe(  # noqa: S308 - every value is escaped in card_item
        "\n".join(card_item(card, now, zone, labels, (url_before, url_after)) for card in cards)
    )


def card_item(card: dict, now, zone, labels: dict, delete_url: tuple[str, str]) -> str:
    band = card["band"]
    ipa = f' <span class="ipa">/{escape(card["ipa"])}/</span>' if card["ipa"] else ""
    added = labels["added"] % {"added": card["created_at"].astimezone(zone).date().isoformat()}
    if card["due"] <= now:
        due = labels["due_now"]
    else:
        when = card["due"].astimezone(zone).strftime("%Y-%m-%d %H:%M")
        due = escape(labels["next"] % {"due": when})
    pk = card["id"]
    gloss = escape(f"{card['pos']} {card['gloss']}".strip())
    return (
        f'<li class="nb-card b{BAND_RANKS.get(band, BEYOND)}" id="card-{pk}"><div class="nb-head">'
        f'<span class="lemma" lang="en">{escape(card["lemma"])}</span>{ipa} '
        f'<span class="band">{escape(BAND_LABELS.get(band, band))}</span></div>'
        f'<p class="gloss">{gloss}</p>{sentence_lines(card["sentences"])}'
        f'<p class="nb-meta">{escape(added)} · {due} · <a class="delete" '
        f'href="{delete_url[0]}{pk}{delete_url[1]}">{labels["delete"]}</a></p></li>'
    )
