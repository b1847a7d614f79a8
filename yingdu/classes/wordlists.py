"""The pre-teach list turned into teaching material: a 词汇 worksheet of exactly those words
(yingdu.worksheets' vocabulary section: match the gloss, spell from the gloss and the first
letter), assigned to the class or downloaded, and an Anki deck with the notebook's note type
(yingdu.notebook.exports), so the same cards update instead of duplicating."""

import tempfile
from html import escape
from pathlib import Path

from django.utils import timezone

from yingdu.lexicon import BAND_LABELS
from yingdu.worksheets.vocab import FEWEST, INSTRUCTIONS, MOST, short_gloss

from .models import Assignment

DUE_DAYS = 3
PRETEACH_DECK_BASE = 1_734_700_000_000  # + class id: one deck per class


def vocab_worksheet(item, rows) -> dict | None:
    """A worksheet of the list's first words that have a gloss; None for too few."""
    words = [row for row in rows if row["gloss"] and row["lemma"].isalpha()][:MOST]
    if len(words) < FEWEST // 2:
        return None
    items = [
        {"n": n, "word": row["lemma"], "gloss": short_gloss(row["gloss"]), "answer": row["lemma"]}
        for n, row in enumerate(words, 1)
    ]
    section = {"type": "vocab", "instructions": INSTRUCTIONS, "items": items}
    level = max(
        (row["band"] for row in words if row["band"] in BAND_LABELS),
        key=list(BAND_LABELS).index,
        default="junior",
    )
    level = level if level != "beyond" else "kaoyan"
    return {
        "title": f"{item.title}：课前词汇",
        "source": f"英读：{item.title}",
        "level": level,
        "seed": 0,
        "sections": [section],
    }


def assign_worksheet(school_class, item, worksheet: dict, due) -> Assignment:
    from yingdu.core import kinds

    from .service import item_path

    kind = kinds.kind_of(item)
    return Assignment.objects.create(
        school_class=school_class,
        kind=Assignment.Kind.WORKSHEET,
        item_kind=kind.key,
        item_id=item.pk,
        item_url=item_path(item.get_absolute_url()),
        title=worksheet["title"][:300],
        level=worksheet["level"],
        worksheet=worksheet,
        due=due,
        note="课前词汇",
        created_at=timezone.now(),
    )


def anki_deck(school_class, item, rows) -> bytes:
    import genanki

    from yingdu.notebook.exports import MODEL

    deck = genanki.Deck(PRETEACH_DECK_BASE + school_class.pk, f"英读课前词汇 · {school_class.name}")
    for row in rows:
        fields = [
            escape(row["lemma"]),
            "",
            escape(row["gloss"]),
            escape(BAND_LABELS.get(row["band"], row["band"])),
            "",
            escape(item.title),
        ]
        deck.add_note(
            genanki.Note(
                model=MODEL,
                fields=fields,
                guid=genanki.guid_for("class", school_class.pk, row["lemma"]),
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "preteach.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()
