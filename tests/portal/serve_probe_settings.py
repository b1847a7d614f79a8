"""Settings for tests/portal/test_serve_preload.py: the production settings plus the probe
URL of tests/portal/serve_probe.py."""

import os
from pathlib import Path

from yingdu.settings import *  # noqa: F403

ROOT_URLCONF = "tests.portal.serve_probe"

# The tests share one folder of collected static files (collectstatic compresses for ~30 s).
if os.environ.get("YINGDU_PROBE_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["YINGDU_PROBE_STATIC_ROOT"])
