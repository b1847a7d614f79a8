"""Settings for the test suite: production settings (DEBUG off) with a throw-away key,
plain HTTP, a temporary data folder and view counts written at once."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "y" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
# The import tests serve pages on 127.0.0.1: allowed here (and in `yingdu` subprocesses,
# which inherit the environment); the attack tests clear it.
os.environ.setdefault("YINGDU_IMPORT_ALLOW_HOSTS", "127.0.0.1")
# A fresh data folder per run, never the developer's ./var (YINGDU_TEST_DATA_DIR to reuse one).
if os.environ.get("YINGDU_TEST_DATA_DIR"):
    os.environ["YINGDU_DATA_DIR"] = os.environ["YINGDU_TEST_DATA_DIR"]
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
RATELIMIT_KEY_PREFIX = f"yingdu-test-{os.getpid()}:rate:"  # xdist workers share one Redis
