"""Settings for the test suite: production settings (DEBUG off) with a throw-away key,
plain HTTP, a temporary data folder and view counts written at once."""

import atexit
import os
import shutil
import tempfile
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "y" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
# The import tests serve pages on 127.0.0.1: allowed here (and in `yingdu` subprocesses,
# which inherit the environment); the attack tests clear it.
os.environ.setdefault("YINGDU_IMPORT_ALLOW_HOSTS", "127.0.0.1")
# pytest-xdist runs the suite in worker processes gw0, gw1, … (`make test` uses them); each
# needs its own data folder, Redis database and rate-counter keys. "" outside xdist.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def per_worker_redis_url(url: str, worker: str) -> str:
    """URL with its database number moved up by the xdist worker's index (gw1 of
    redis://host/6 uses redis://host/7), so that workers never share a cache or job queue."""
    if not url or not worker:
        return url
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{number}"))


for variable in ("REDIS_URL", "YINGDU_JOB_REDIS_URL", "YINGDU_RATELIMIT_REDIS_URL"):
    if os.environ.get(variable):
        os.environ[variable] = per_worker_redis_url(os.environ[variable], XDIST_WORKER)

# A fresh data folder per run, never the developer's ./var (YINGDU_TEST_DATA_DIR to reuse one,
# with a sub-folder per xdist worker).
if os.environ.get("YINGDU_TEST_DATA_DIR"):
    os.environ["YINGDU_DATA_DIR"] = os.path.join(os.environ["YINGDU_TEST_DATA_DIR"], XDIST_WORKER)
else:
    os.environ["YINGDU_DATA_DIR"] = tempfile.mkdtemp(prefix="yingdu-test-")
    atexit.register(shutil.rmtree, os.environ["YINGDU_DATA_DIR"], ignore_errors=True)

from yingdu.settings import *  # noqa: E402,F403

STORAGES["staticfiles"] = {  # noqa: F405 - no collectstatic manifest needed in tests
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; Argon2 tested apart
VIEW_COUNT_FLUSH_EVERY = 1
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
RATELIMIT_KEY_PREFIX = f"yingdu-test-{os.getpid()}:rate:"  # subprocesses may share its Redis db
