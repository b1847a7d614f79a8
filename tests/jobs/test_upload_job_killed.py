"""The job that reads an upload's documents, its worker killed with SIGKILL half-way (one
pdf read and its preview written, the next one being drawn in the sandbox): the sandbox
child dies with its worker, the next worker runs the job again, and the resource ends with
one text and one preview, no half-written file and no scratch copy left. The second pdf
(a page of 180,000 strokes) is hostile: within the second worker's time limit it fails
the job with a Chinese error naming it, and the uploaded files all stay."""

import json
import signal
import time
from pathlib import Path

from tests.conftest import run_yingdu
from tests.jobs.worker import run_worker
from tests.resources import samples

from .test_worker_killed import job, worker_env  # noqa: F401

TOO_BIG = "文件过大或过于复杂"
HOSTILE = "线条.pdf"
CREATE = """
import os
from pathlib import Path
from django.core.files.uploadedfile import SimpleUploadedFile
from yingdu.accounts.roles import TEACHER, grant
from django.contrib.auth.models import User
from yingdu.resources.forms import UploadForm
from yingdu.resources.models import Edition
from yingdu.resources.services import create_resource
teacher = User.objects.create_user("teacher_li")
grant(teacher, TEACHER)
folder = Path(os.environ["UPLOADS"])
files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
data = {"title": "Unit 1 课件", "type": "courseware", "grade": "p5", "volume": "first",
        "edition": Edition.objects.first().pk, "tags_text": ""}
form = UploadForm(data=data, files={"files": files})
assert form.is_valid(), form.errors
print(create_resource(form, teacher).text_job_id)
"""
STATE = """
import json
from yingdu.resources.models import Resource
r = Resource.objects.get()
print(json.dumps({"state": r.text_state, "text": r.text, "error": r.text_error,
                  "previews": [f.preview.name for f in r.files.all()]}))
"""


def sandbox_children(data: Path) -> list[int]:
    """The sandbox processes reading a copy or a file of this test's data folder."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"yingdu.resources.sandbox" in argv and any(str(data).encode() in a for a in argv):
            found.append(int(entry.name))
    return found


def resource_state(env) -> dict:
    return json.loads(run_yingdu(env, "manage", "shell", "-c", STATE).stdout.splitlines()[-1])


def test_a_killed_upload_job_runs_again_to_one_text_and_one_preview(worker_env, tmp_path):  # noqa: F811
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "1 课件.pdf").write_bytes(samples.pdf())
    (uploads / f"2 {HOSTILE}").write_bytes(samples.pdf_page_of_strokes())
    env = {**worker_env, "UPLOADS": str(uploads)}
    job_id = int(run_yingdu(env, "manage", "shell", "-c", CREATE).stdout.split()[-1])
    data = tmp_path / "data"
    previews = data / "media" / "resources" / "previews"

    slow = {**env, "YINGDU_EXTRACT_SECONDS": "600"}  # the strokes would be drawn for minutes

    def drawing_the_second() -> bool:  # the first preview written, the sandbox at work
        return bool(list(previews.glob("*.png")) and sandbox_children(data))

    # SIGKILL to the worker only (not its group): its sandbox child must follow by itself.
    run_worker(slow, tmp_path / "worker1.log", drawing_the_second, end=signal.SIGKILL, group=False)
    killed = job(env, job_id)
    assert killed["state"] == "running" and killed["attempts"] == 1
    assert resource_state(env)["state"] == "processing"  # nothing recorded yet
    deadline = time.monotonic() + 60
    while sandbox_children(data) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sandbox_children(data) == [], "the sandbox outlived its killed worker"

    quick = {**env, "YINGDU_EXTRACT_SECONDS": "5"}
    run_worker(quick, tmp_path / "worker2.log", lambda: job(env, job_id)["state"] == "failed")

    failed = job(env, job_id)
    assert failed["attempts"] == 2
    assert HOSTILE in failed["error"] and TOO_BIG in failed["error"]
    state = resource_state(env)
    assert state["state"] == "failed" and state["error"] == failed["error"]
    assert state["text"].count("Unit 1 Hello everyone") == 1
    written = sorted(p.name for p in previews.iterdir())
    assert len(written) == 1 and [name for name in state["previews"] if name] == [
        f"resources/previews/{written[0]}"
    ]
    media = data / "media"
    assert not [p for p in media.rglob("*") if p.name.endswith(".part")]
    stored = [p for p in (media / "resources").rglob("*.pdf")]
    assert len(stored) == 2  # both uploaded files stay
    assert not (data / "tmp" / f"resource-text-{job_id}").exists()  # no scratch copy left
