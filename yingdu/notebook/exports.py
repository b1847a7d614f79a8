"""A learner's notebook as an Anki deck (.apkg, via genanki) or as CSV (UTF-8 with a BOM,
so Excel opens the Chinese glosses correctly).

The Anki model and deck ids are fixed (the deck's per learner) and each note's guid comes
from the learner and the lemma, so importing a newer export updates the notes instead of
adding duplicates.
"""

import csv
import io
import tempfile
from html import escape
from pathlib import Path

import genanki

from yingdu.lexicon import BAND_LABELS

from .models import Card

FORMATS = ("apkg", "csv")
MODEL_ID = 1_734_508_201  # fixed forever: Anki matches notes of re-exports by it
DECK_ID_BASE = 1_734_600_000_000
CSV_COLUMNS = ("word", "ipa", "pos", "gloss", "band", "sentences", "sources", "added", "due")

MODEL = genanki.Model(
    MODEL_ID,
    "Yingdu word",
    fields=[{"name": n} for n in ("Word", "IPA", "Gloss", "Band", "Sentences", "Source")],
    templates=[{
        "name": "Word in context",
        "qfmt": '<div class="word">{{Word}}</div><div class="sentences">{{Sentences}}</div>',
        "afmt": "{{FrontSide}}<hr id=answer><div>{{IPA}}</div><div>{{Gloss}}</div>"
                "<div>{{Band}}</div><div class=source>{{Source}}</div>",
    }],
    css=".card{font-family:sans-serif;font-size:20px;text-align:center}"
        "mark{background:#ffe58f}.source{font-size:14px;color:#666}",
)  # fmt: skip


def marked(sentence) -> str:
    before, word, after = sentence.parts
    return f"{escape(before)}<mark>{escape(word)}</mark>{escape(after)}"


def cards_of(user):
    return Card.objects.filter(user=user).order_by("created_at", "id").prefetch_related("sentences")


def source_titles(card) -> list[str]:
    return list(dict.fromkeys(s.source_title for s in card.sentences.all() if s.source_title))


def apkg(user) -> bytes:
    deck = genanki.Deck(DECK_ID_BASE + user.pk, f"英读生词本 · {user.get_username()}")
    for card in cards_of(user).iterator(chunk_size=500):
        fields = [
            escape(card.lemma), escape(card.ipa), escape(f"{card.pos} {card.gloss}".strip()),
            escape(BAND_LABELS.get(card.band, card.band)),
            "<br>".join(marked(s) for s in card.sentences.all()),
            escape(" · ".join(source_titles(card))),
        ]  # fmt: skip
        deck.add_note(
            genanki.Note(model=MODEL, fields=fields, guid=genanki.guid_for(user.pk, card.lemma))
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notebook.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()


def csv_bytes(user) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for card in cards_of(user).iterator(chunk_size=500):
        writer.writerow([
            card.lemma, card.ipa, card.pos, card.gloss, BAND_LABELS.get(card.band, card.band),
            "\n".join(s.text for s in card.sentences.all()), "\n".join(source_titles(card)),
            card.created_at.date().isoformat(), card.due.isoformat(timespec="minutes"),
        ])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export(user, format: str) -> tuple[bytes, str, str]:  # noqa: A002
    """(file bytes, content type, file name) of the notebook in `format`."""
    if format == "apkg":
        return apkg(user), "application/octet-stream", "yingdu-notebook.apkg"
    return csv_bytes(user), "text/csv; charset=utf-8", "yingdu-notebook.csv"
