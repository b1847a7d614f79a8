"""Template tags of the notebook pages. A list page shows 50 cards, each with sentences and
links; building each card's HTML here (escaped with format_html) costs a fraction of the
same markup in template loops, which keeps the page fast for learners with many cards."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def marked_sentence(sentence):
    before, word, after = sentence.parts
    return format_html(
        '<span class="sentence" lang="en">{}<mark>{}</mark>{}</span>', before, word, after
    )


def sentence_line(sentence):
    source = (
        format_html(' <a class="source" href="{}">{}</a>', sentence.source_url,
                    sentence.source_title)
        if sentence.source_url else ""
    )  # fmt: skip
    return format_html('<p class="nb-sentence">{}{}</p>', marked_sentence(sentence), source)


@register.simple_tag
def sentence_lines(card):
    return mark_safe("".join(sentence_line(s) for s in card.sentences.all()))  # noqa: S308


@register.simple_tag
def marked(sentence):
    return marked_sentence(sentence)


@register.simple_tag
def card_items(cards, now):
    """The <li> of every card on the notebook page."""
    return format_html_join("\n", "{}", ((card_item(card, now),) for card in cards))


def card_item(card, now):
    ipa = format_html(' <span class="ipa">/{}/</span>', card.ipa) if card.ipa else ""
    added = _("Added %(added)s") % {"added": timezone.localdate(card.created_at).isoformat()}
    if card.due <= now:
        due = _("Due now")
    else:
        when = timezone.localtime(card.due).strftime("%Y-%m-%d %H:%M")
        due = _("Next review %(due)s") % {"due": when}
    return format_html(
        '<li class="nb-card b{rank}" id="card-{pk}"><div class="nb-head">'
        '<span class="lemma" lang="en">{lemma}</span>{ipa} <span class="band">{band}</span>'
        '</div><p class="gloss">{gloss}</p>{sentences}<p class="nb-meta">{added} · {due} · '
        '<a class="delete" href="{delete}">{delete_label}</a></p></li>',
        rank=card.band_rank, pk=card.pk, lemma=card.lemma, ipa=ipa, band=card.band_label,
        gloss=f"{card.pos} {card.gloss}".strip(), sentences=sentence_lines(card),
        added=added, due=due, delete=reverse("notebook:delete", args=[card.pk]),
        delete_label=_("Delete"),
    )  # fmt: skip
