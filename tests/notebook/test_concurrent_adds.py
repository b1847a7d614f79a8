"""Concurrent adds of the same word (two tabs, a double tap) make one card, over real HTTP
to gunicorn (as `yingdu serve` runs it) on a fresh SQLite file and on PostgreSQL."""

import json
import os
import signal
import subprocess
import threading
import urllib.error
import urllib.request
import uuid

import pytest
from django.conf import settings

from tests.conftest import free_port, run_yingdu, subprocess_env, wait_until_served
from yingdu.commands.serve import gunicorn_argv

SESSION = """
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.create_user("twotabs", password="x" * 12)
store = SessionStore()
store["_auth_user_id"] = str(user.pk)
store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
store["_auth_user_hash"] = user.get_session_auth_hash()
store.create()
print(store.session_key)
"""
COUNT = """
from yingdu.notebook.models import Card, Sentence
print(Card.objects.count(), Sentence.objects.count())
"""
CSRF = "a" * 32  # the same secret in the cookie and the header
CONTEXTS = ["Farmers abandoned the village.", "They abandon hope too easily."]


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else None


@pytest.fixture
def server_env(request, tmp_path, site_lexicon):
    env = subprocess_env(
        tmp_path / "data", DEBUG="0", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0",
        YINGDU_LEXICON_PATH=str(settings.LEXICON_PATH),
    )  # fmt: skip
    if request.param == "postgres":
        base = postgres_url()
        if not base:
            pytest.skip("DATABASE_URL is not PostgreSQL: the PostgreSQL run needs it")
        import psycopg

        name = f"yingdu_conc_{uuid.uuid4().hex[:8]}"
        admin = base.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/" + name
        yield env
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        yield env


@pytest.mark.parametrize("server_env", ["sqlite", "postgres"], indirect=True)
def test_two_tabs_adding_one_word_make_one_card(server_env):
    env = server_env
    run_yingdu(env, "migrate", "-v", "0")
    session = run_yingdu(env, "manage", "shell", "-c", SESSION).stdout.split()[-1]
    port = free_port()
    server = subprocess.Popen(gunicorn_argv("127.0.0.1", str(port), 2, 8), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_served(base + "/api/openapi.json", server)
        statuses, ids = add_at_once(base, session, tabs=8)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert sorted(statuses) == [200] * 7 + [201], statuses
    assert len(set(ids)) == 1
    counts = run_yingdu(env, "manage", "shell", "-c", COUNT).stdout.split()[-2:]
    assert counts == ["1", str(len(CONTEXTS))]


def add_at_once(base: str, session: str, tabs: int):
    barrier = threading.Barrier(tabs)
    statuses, ids = [], []

    def tab(n):
        body = json.dumps({"word": "abandon", "context": CONTEXTS[n % len(CONTEXTS)]}).encode()
        request = urllib.request.Request(
            base + "/api/me/words", data=body, method="POST",
            headers={"Content-Type": "application/json", "X-CSRFToken": CSRF,
                     "Cookie": f"sessionid={session}; csrftoken={CSRF}"},
        )  # fmt: skip
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                statuses.append(response.status)
                ids.append(json.load(response)["id"])
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    threads = [threading.Thread(target=tab, args=(n,)) for n in range(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, ids
