"""Document-bomb benchmark: memory and time of the web process while it takes an upload,
and of the background job that then reads it.

For each file (an ordinary pdf and docx, then hostile ones: a 40 MB-of-paragraphs docx and
pptx, a docx of 8 MB of paragraphs that is under the XML-part cap, a 10 KB pdf whose page
takes minutes to draw) a fresh "web process" (Django with the production settings on a
temporary SQLite database) posts the upload through Django's test client as a signed-in
teacher and reports the response status and seconds; then, as a worker would, it runs the
upload's queued job (yingdu/resources/jobs.py, when the checkout has it) and reports the
job's seconds and state, the process's peak resident memory and the length of the text
stored.
`--code DIR` runs another checkout (e.g. the code before the sandbox) for a before/after
comparison; `--timeout` stops a run that never ends. By hand:

    .venv/bin/python bench/bench_upload_bomb.py [--code /path/to/other/checkout] [--timeout 120]
        [--only bomb.docx …]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

WEB_PROCESS = """
import json, resource, sys, time
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from yingdu.accounts.roles import TEACHER, grant
from yingdu.resources.models import Edition, Resource
name, path = sys.argv[1:3]
teacher = User.objects.create_user("bench_teacher", password="x" * 20)
grant(teacher, TEACHER)
client = Client()
client.force_login(teacher)
data = {"title": "bomb", "type": "courseware", "grade": "p5", "volume": "first",
        "edition": Edition.objects.first().pk,
        "files": [SimpleUploadedFile(name, open(path, "rb").read())]}
start = time.monotonic()
response = client.post("/resources/upload/", data)
seconds = time.monotonic() - start
job = {}
try:
    from yingdu.jobs.models import Job
    from yingdu.jobs.service import run_job
    start = time.monotonic()
    for queued in Job.objects.filter(kind="resource_text", state="queued"):
        job = {"job_state": run_job.call(queued.pk)}
    job["job_seconds"] = round(time.monotonic() - start, 2)
except ImportError:  # a checkout from before the jobs
    pass
resource_ = Resource.objects.first()
print(json.dumps({
    "status": response.status_code, "seconds": round(seconds, 2), **job,
    "web_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    "text_chars": len(resource_.text) if resource_ else None,
}))
"""


def hostile_files(folder: Path) -> list[tuple[str, Path]]:
    sys.path.insert(0, str(ROOT))
    from tests.resources import samples

    files = {
        "lesson.pdf": samples.pdf(),
        "plan.docx": samples.docx(),
        "bomb.docx": samples.docx_bomb(40 * MB),
        "bomb.pptx": samples.pptx_bomb(40 * MB),
        "under-cap.docx": samples.docx_bomb(8 * MB),
        "strokes.pdf": samples.pdf_page_of_strokes(),
    }
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append((name, path))
    return paths


def run_one(code: Path, name: str, path: Path, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="yingdu-bench-bomb-") as data:
        env = {**os.environ, "PYTHONPATH": str(code), "YINGDU_DATA_DIR": data,
               "DJANGO_SETTINGS_MODULE": "yingdu.settings", "SECRET_KEY": "bench-" + "k" * 50,
               "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0",
               "ALLOWED_HOSTS": "testserver"}  # fmt: skip
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        start = time.monotonic()
        try:
            done = subprocess.run(
                [sys.executable, "-c", WEB_PROCESS, name, str(path)], env=env,
                capture_output=True, text=True, timeout=timeout, cwd=data,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            return {"status": f"still running after {timeout:g} s (stopped)"}
        if done.returncode != 0:
            return {"status": f"web process died ({done.returncode})",
                    "seconds": round(time.monotonic() - start, 1),
                    "error": done.stderr.strip().splitlines()[-1:]}  # fmt: skip
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to run")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--only", nargs="*", help="file names to run (default: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="yingdu-bombs-") as folder:
        for name, path in hostile_files(Path(folder)):
            if args.only and name not in args.only:
                continue
            size_kb = path.stat().st_size // 1024
            result = run_one(args.code.resolve(), name, path, args.timeout)
            print(f"{name:16} {size_kb:5} KB  {json.dumps(result, ensure_ascii=False)}")


if __name__ == "__main__":
    main()
