"""Where jobs are queued: the database unless a Redis URL is set, then Redis (RQ), unless
YINGDU_JOB_QUEUE says otherwise; a Redis queue without a Redis URL stops start-up."""

import pytest

from yingdu import config

REDIS = "redis://127.0.0.1:6379/3"


@pytest.mark.parametrize(
    ("environ", "queue", "url"),
    [
        ({}, "database", ""),
        ({"REDIS_URL": REDIS}, "redis", REDIS),
        ({"REDIS_URL": REDIS, "YINGDU_JOB_QUEUE": "database"}, "database", REDIS),
        ({"YINGDU_JOB_REDIS_URL": REDIS}, "redis", REDIS),
        ({"REDIS_URL": "redis://cache/0", "YINGDU_JOB_REDIS_URL": REDIS}, "redis", REDIS),
    ],
)
def test_the_queue_follows_redis(environ, queue, url):
    loaded = config.load(environ)
    assert (loaded.job_queue, loaded.job_redis_url) == (queue, url)


def test_limits_and_errors():
    loaded = config.load({"YINGDU_JOB_ATTEMPTS": "5", "YINGDU_JOB_LEASE_SECONDS": "2.5"})
    assert (loaded.job_attempts, loaded.job_lease_seconds) == (5, 2.5)
    assert config.load({"YINGDU_JOB_ATTEMPTS": "0"}).job_attempts == 1
    for environ in ({"YINGDU_JOB_QUEUE": "redis"}, {"YINGDU_JOB_QUEUE": "kafka"}):
        with pytest.raises(config.ConfigError, match="YINGDU_JOB_QUEUE"):
            config.load(environ)


def test_the_settings_pick_the_backend(settings):
    expected = {"redis": "django_tasks_rq.RQBackend", "database": "django_tasks_db.DatabaseBackend"}
    assert settings.TASKS["default"]["BACKEND"] == expected[settings.JOB_QUEUE]
