"""Redis stops: the cache degrades to a miss, rate counters move to the database, and the
site keeps serving pages and log-ins; when Redis is back, it is used again. Against a
redis-server of the test's own (never the suite's), stopped for real."""

import re
import time

import pytest
import requests
from django.core.cache.backends.redis import RedisCache

from yingdu.accounts import ratelimit
from yingdu.core import redisguard
from yingdu.core.redisguard import FailOpenRedisCache

from .conftest import serve_env, served

PAGES = ("/", "/news/international/", "/daily/", "/search/?q=energy", "/resources/")


def until(condition, seconds: float = 30):
    """Wait until CONDITION() is true (Redis back and asked again); fail after SECONDS."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.2)


@pytest.mark.backend_free
def test_the_cache_is_a_miss_while_redis_is_down(own_redis):
    cache = FailOpenRedisCache(own_redis.url, {})
    cache.set("page", "html", 60)
    assert cache.get("page") == "html"

    own_redis.stop()
    with pytest.raises(Exception, match="Connection"):  # what Django's own backend does
        RedisCache(own_redis.url, {}).get("page")
    assert cache.get("page") is None and cache.get("page", "fallback") == "fallback"
    cache.set("page", "new")  # dropped, not raised
    assert cache.add("counter", 0) is False and cache.get_many(["page"]) == {}
    assert cache.get_or_set("generation", 42) == 42
    with pytest.raises(ValueError):
        cache.incr("counter")  # as for a key that has expired
    cache.delete("page")

    own_redis.start()  # empty: a cache that saves nothing comes back empty
    until(lambda: cache.add("back", 1) and cache.get("back") == 1)
    assert cache.get("page") is None


@pytest.mark.django_db
def test_rate_counters_move_to_the_database_while_redis_is_down(own_redis, settings):
    settings.RATELIMIT_REDIS_URL = own_redis.url
    ratelimit._redis.cache_clear()
    key = "login:test-outage"
    assert ratelimit.hit(key, 60).count == 1
    assert own_redis.keys() == 1

    own_redis.stop()
    assert [ratelimit.hit(key, 60).count for _ in range(3)] == [1, 2, 3]  # in the database
    assert ratelimit.peek(key).count == 3
    ratelimit.clear(key)
    assert ratelimit.peek(key).count == 0

    own_redis.start()
    until(lambda: redisguard.available(own_redis.url))
    assert ratelimit.hit(key, 60).count == 1 and own_redis.keys() == 1  # in Redis again
    ratelimit._redis.cache_clear()


def log_in(base: str, password: str) -> int:
    session = requests.Session()
    form = session.get(base + "/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    answer = session.post(base + "/accounts/login/", timeout=30, allow_redirects=False, data={
        "csrfmiddlewaretoken": token, "username": "reader_wu", "password": password,
    }, headers={"Referer": base + "/accounts/login/"})  # fmt: skip
    return answer.status_code


def statuses(base: str) -> list[int]:
    return [requests.get(base + path, timeout=30).status_code for path in PAGES]


@pytest.mark.backend_free
def test_the_site_keeps_serving_while_redis_is_down(site_data, own_redis):
    from tests.conftest import run_yingdu

    env = serve_env(site_data, REDIS_URL=own_redis.url, YINGDU_LOGIN_MAX_FAILURES="3")
    password = "a-long-outage-test-password"
    run_yingdu(env, "users", "create", "reader_wu", "--role", "student", "--password-stdin",
               input=password + "\n", code=None)  # fmt: skip
    with served(env, "--workers", "2") as (base, _server):
        assert statuses(base) == [200] * len(PAGES)
        assert own_redis.keys() > 0  # pages and counters are kept in Redis

        own_redis.stop()
        for _ in range(3):
            assert statuses(base) == [200] * len(PAGES)
        assert log_in(base, password) == 302  # sessions are in the database
        # Log-in throttling still counts (in the database) across both workers.
        assert [log_in(base, f"guess-{n}") for n in range(3)] == [200, 200, 429]

        own_redis.start()
        until(lambda: statuses(base) == [200] * len(PAGES) and own_redis.keys() > 0)
