"""Take an item down: delete it with its import records, search entry, cached pages and
stored files, and log it. The search entry and files go through the deletion signals
(search.signals, resources.models.delete_stored_files); this checks nothing is left."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from yingdu.core.pagecache import bump_generation
from yingdu.imports.models import ImportRecord

from .models import RequestStatus, TakedownLog


def stored_file_names(item) -> list[str]:
    files = getattr(item, "files", None)
    if files is None:
        return []
    return [f.name for row in files.all() for f in (row.file, row.preview) if f]


def take_down(item, editor, reason: str, request=None) -> TakedownLog:
    """Delete `item` and everything derived from it; return the log entry."""
    content_type = ContentType.objects.get_for_model(item)
    with transaction.atomic():
        records = ImportRecord.objects.filter(content_type=content_type, object_id=item.pk)
        sources = [s for s in records.values_list("source", flat=True) if s]
        log = TakedownLog.objects.create(
            editor=editor,
            editor_username=editor.get_username(),
            kind=f"{content_type.app_label}.{content_type.model}",
            object_id=item.pk,
            title=item.title[:300],
            url=item.get_absolute_url(),
            sources="\n".join(sources),
            files_removed=len(stored_file_names(item)),
            reason=reason,
            request=request,
        )
        records.delete()
        item.delete()  # signals: search entry removed, files deleted on commit, cache bumped
        if request is not None:
            request.status, request.handled_at = RequestStatus.DONE, timezone.now()
            request.save(update_fields=["status", "handled_at"])
    bump_generation()  # whatever else a page showed of it (lists, related items) goes too
    return log
