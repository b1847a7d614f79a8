"""Fixtures for tests that run the `yingdu` command in a separate process."""

import os

import pytest


@pytest.fixture
def fresh_env(tmp_path):
    dropped = {
        "DATABASE_URL", "SECRET_KEY", "REDIS_URL", "SECURE_SSL_REDIRECT", "SECURE_COOKIES",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(YINGDU_DATA_DIR=str(tmp_path / "data"), DJANGO_SETTINGS_MODULE="yingdu.settings")
    return env
