"""What the worksheet pages need from the site: the English text of an item, other English
texts as the 七选五 distractor pool, and saving a worksheet to the resource library through the
library's own upload form and rules (teachers' uploads wait for review, editors' publish); the
"worksheet-save" job (jobs.py) calls these in a worker."""

from __future__ import annotations

import re
from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from yingdu.core import kinds
from yingdu.lexicon import BAND_LABELS
from yingdu.resources.forms import UploadForm
from yingdu.resources.models import ResourceType
from yingdu.resources.services import create_resource
from yingdu.worksheets import layout
from yingdu.worksheets.generate import TYPE_LABELS
from yingdu.worksheets.render import RenderError, render

LIBRARY_FORMATS = ("pdf", "docx")  # the files of a saved worksheet
POOL_ITEMS = 40  # the newest English items of each kind read for 七选五 distractors
_TAG = re.compile(r"<[^>]+>")


def english_kinds() -> list:
    return [kind for kind in kinds.all_kinds() if kind.english]


def source_item(kind_key: str | None, pk):
    """The published English item named by kind and id, or None."""
    kind = kinds.get(kind_key)
    if kind is None or not kind.english:
        return None
    try:
        item = kind.published().filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None
    return item if item is not None and item_text(item) else None


def item_text(item) -> str:
    """The English text of an item: its reading-aid paragraphs as plain text."""
    paragraphs = [unescape(_TAG.sub("", html)).strip() for html in item.reading_texts().values()]
    return "\n\n".join(p for p in paragraphs if p)


def pool_texts(exclude=None) -> list[str]:
    """English texts of the site (the newest of each English kind), ``exclude`` left out."""
    texts = []
    for kind in english_kinds():
        for item in kind.published().order_by("-published_at")[:POOL_ITEMS]:
            if exclude is not None and type(item) is type(exclude) and item.pk == exclude.pk:
                continue
            text = item_text(item)
            if text:
                texts.append(text)
    return texts


def library_files(worksheet: dict) -> list[SimpleUploadedFile]:
    """The worksheet's PDF (when a Chinese font is installed) and DOCX, ready to upload."""
    stem = layout.file_stem(worksheet)
    files = []
    for fmt in LIBRARY_FORMATS:
        try:
            files.append(SimpleUploadedFile(f"{stem}.{fmt}", render(worksheet, fmt)))
        except RenderError:
            continue  # no Chinese font: the DOCX alone
    return files


def save_to_library(worksheet: dict, files: list, facets: dict, user, names=None):
    """Save FILES (library_files) as an 英语试题 resource of USER with the given facets (the
    edition by id), by the library's upload form and rules, at the storage NAMES when given.
    Returns (resource or None, error messages)."""
    types = "、".join(TYPE_LABELS[s["type"]] for s in worksheet["sections"])
    level = BAND_LABELS[worksheet["level"]]
    data = {
        "title": f"{worksheet['title']}（{types}）"[:200],
        "type": ResourceType.TEST_PAPER,
        "description": f"英读根据《{worksheet['title']}》生成的练习：{types}；级别：{level}。",
        "tags_text": f"练习, {types.replace('、', ', ')}",
        **facets,
    }
    form = UploadForm(data, MultiValueDict({"files": files}))
    if not form.is_valid():
        if form.duplicates:  # the same files in the library already (another teacher's)
            return None, [_("This worksheet is already in the resource library.")]
        errors = [str(e) for field in form.errors.values() for e in field]
        return None, errors
    return create_resource(form, user, names), []
