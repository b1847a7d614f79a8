"""Creating a resource from a checked upload: all or nothing.

Text and previews are worked out first, from the temporary upload (no lock held), in a
child process with hard memory and time limits (`sandbox`). Then,
inside one transaction, the files are written to storage under generated names and the
rows created. If anything fails on the way (an error, a lost connection, a crash in a
parser), the transaction rolls back and every stored name written so far is deleted, so an
interrupted upload leaves neither a file nor a row behind.
"""

import contextlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from yingdu.accounts.roles import is_editor
from yingdu.core.models import Tag

from . import extract, sandbox
from .models import Resource, ResourceFile, ResourceStatus, preview_name, stored_name

log = logging.getLogger(__name__)


def set_tags(resource: Resource, names: list[str]) -> None:
    resource.tags.set([Tag.objects.get_or_create(name=name)[0] for name in names])


def sandbox_limits() -> sandbox.Limits:
    return sandbox.Limits(
        memory=settings.RESOURCE_EXTRACT_MAX_MEMORY_BYTES,
        seconds=settings.RESOURCE_EXTRACT_SECONDS,
        xml_part=settings.RESOURCE_XML_PART_MAX_BYTES,
    )


def analyse(checked) -> list[tuple]:
    """(checked file, extracted text, preview PNG bytes or None) for each file; each
    file's `analysis` records whether it could be read."""
    analyses = sandbox.analyse_files([(i.source, i.kind) for i in checked], sandbox_limits())
    results = []
    for item, analysis in zip(checked, analyses, strict=True):
        item.upload.seek(0)
        item.analysis = analysis
        results.append((item, analysis.text, analysis.preview))
    return results


def create_resource(form, uploader) -> Resource:
    """Save an UploadForm that is valid: the resource, its files and its tags."""
    analysed = analyse(form.checked)
    written: list[str] = []
    storage = default_storage
    try:
        with transaction.atomic():
            resource = form.save(commit=False)
            resource.uploader = uploader
            if is_editor(uploader):
                resource.status = ResourceStatus.PUBLISHED
                resource.reviewed_by = uploader
            else:
                resource.status = ResourceStatus.PENDING
            resource.save()
            set_tags(resource, form.cleaned_data["tags_text"])
            texts = []
            for position, (item, text, preview) in enumerate(analysed):
                name = stored_name(item.kind)
                written.append(name)
                item.upload.seek(0)
                name = storage.save(name, item.upload)
                written.append(name)
                preview_stored = ""
                if preview:
                    preview_stored = preview_name()
                    written.append(preview_stored)
                    preview_stored = storage.save(preview_stored, ContentFile(preview))
                    written.append(preview_stored)
                ResourceFile.objects.create(
                    resource=resource, file=name, original_name=item.name, kind=item.kind,
                    size=item.upload.size, sha256=item.sha256, preview=preview_stored,
                    position=position,
                )  # fmt: skip
                if text:
                    texts.append(text)
            resource.text = "\n\n".join(texts)[: extract.MAX_TEXT]
            resource.size = sum(item.upload.size for item, _, _ in analysed)
            resource.save(update_fields=["text", "size", "updated_at"])
    except BaseException:
        for name in dict.fromkeys(written):
            with contextlib.suppress(Exception):
                storage.delete(name)
        raise
    return resource
