"""Settings for the page benchmark: the production settings plus one minimal baseline view."""

from yingdu.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"
LOGGING["root"]["level"] = "ERROR"  # noqa: F405
