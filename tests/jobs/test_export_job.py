"""下载我的数据 on the settings page: the file is prepared by a background job and offered on
its page to that learner only; deleting the account deletes the job and its file."""

import json

from tests.jobs.worker import run_queued
from yingdu.accounts.mydata import delete_account
from yingdu.jobs.models import Job

EXPORT = "/accounts/settings/export/"


def test_a_learner_exports_their_data_through_a_job(
    client, student, teacher, editor, media, django_user_model, django_capture_on_commit_callbacks
):
    client.force_login(student)
    assert (
        'action="/accounts/settings/export/"' in client.get("/accounts/settings/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EXPORT)
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/" and job.kind == "data_export"
    assert "我的数据导出" in client.get(response["Location"]).content.decode()
    run_queued()
    job.refresh_from_db()
    assert job.state == "done" and job.result_name.startswith("yingdu-my-data-")
    download = client.get(f"/jobs/{job.pk}/download/")
    data = json.loads(b"".join(download.streaming_content))
    assert data["account"]["username"] == student.username
    direct = json.loads(client.get(EXPORT).content)  # the same data as the direct download
    assert data | {"exported_at": "", "jobs": []} == direct | {"exported_at": "", "jobs": []}
    assert [row["kind"] for row in data["jobs"]] == ["data_export"]

    admin = django_user_model.objects.create_superuser("root_admin", password="x" * 20)
    for other in (teacher, editor, admin):
        client.force_login(other)
        assert client.get(f"/jobs/{job.pk}/download/").status_code == 404

    stored = media / job.result_file
    assert stored.exists()
    delete_account(student)
    assert not Job.objects.exists() and not stored.exists()
