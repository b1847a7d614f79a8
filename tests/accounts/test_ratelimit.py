"""The rate-limit counter store, on both of its back ends: the database (embedded set-up)
and Redis (when REDIS_URL is set, as in CI's second run)."""

import os
import time

import pytest

from yingdu.accounts import ratelimit
from yingdu.accounts.models import RateCounter

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "redis"])
def store(request, settings):
    if request.param == "redis":
        url = os.environ.get("REDIS_URL")
        if not url:
            pytest.skip("REDIS_URL is not set: the Redis store runs in CI's scaled-out pass")
        settings.RATELIMIT_REDIS_URL = url
    else:
        settings.RATELIMIT_REDIS_URL = ""
    ratelimit.clear_all()
    yield request.param
    ratelimit.clear_all()


def test_hits_count_within_the_window(store):
    assert ratelimit.peek("k") == ratelimit.NOTHING
    assert ratelimit.hit("k", 60).count == 1
    second = ratelimit.hit("k", 60, amount=3)
    assert second.count == 4 and 0 < second.retry_after <= 60
    assert ratelimit.peek("k").count == 4
    assert ratelimit.peek("other").count == 0


def test_extend_and_clear(store):
    ratelimit.hit("k", 5)
    ratelimit.extend("k", 600)
    assert ratelimit.peek("k").retry_after > 500
    ratelimit.clear("k")
    assert ratelimit.peek("k") == ratelimit.NOTHING


def test_counters_expire(store):
    ratelimit.hit("k", 1)
    ratelimit.hit("k", 1)
    time.sleep(2.1)
    assert ratelimit.peek("k").count == 0
    assert ratelimit.hit("k", 60).count == 1  # a new window starts from zero


def test_expired_rows_are_deleted_as_new_counters_start(settings):
    settings.RATELIMIT_REDIS_URL = ""
    for n in range(5):
        ratelimit.hit(f"old-{n}", 1)
    time.sleep(1.1)
    ratelimit.hit("new", 60)
    assert list(RateCounter.objects.values_list("key", flat=True)) == [
        settings.RATELIMIT_KEY_PREFIX + "new"
    ]
