"""撤下并删除 on a teaching resource: an editor removes it with its stored files and
preview, its search entry and its listing, and the takedown is logged."""

import pytest

from yingdu.privacy.models import TakedownLog
from yingdu.resources.models import Resource
from yingdu.search.models import SearchEntry

from .conftest import stored_files


@pytest.mark.django_db
def test_an_editor_takes_a_resource_down_with_its_files(
    client, editor, published_pdf, media, django_capture_on_commit_callbacks
):
    editor.is_staff = True
    editor.save()
    assert stored_files(media)
    assert SearchEntry.objects.filter(kind="resources", object_id=published_pdf.pk).exists()
    client.force_login(editor)
    data = {
        "action": "take_down_selected", "_selected_action": [published_pdf.pk], "confirm": "1",
        "reason": "版权方申请",
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/resources/resource/", data)
    assert response.status_code == 302
    assert not Resource.objects.exists()
    assert stored_files(media) == []
    assert not SearchEntry.objects.filter(kind="resources").exists()
    assert published_pdf.title not in client.get("/resources/").content.decode()
    log = TakedownLog.objects.get()
    assert (log.kind, log.reason, log.files_removed) == ("resources.resource", "版权方申请", 2)
