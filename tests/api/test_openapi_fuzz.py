"""The JSON API against its own OpenAPI document: schemathesis (`run --checks all`) drives
every operation of a real `yingdu serve` on loopback, as a signed-in learner (bearer token),
with schema-valid and schema-invalid requests and stateful sequences. 0 failures and 0
schema errors. The operation that deletes the account runs last, on its own."""

import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import (
    YINGDU,
    free_port,
    run_yingdu,
    start_python,
    subprocess_env,
    wait_until_served,
)

DELETE_ACCOUNT = "DELETE /api/me"


@pytest.fixture
def served_api(tmp_path, site_lexicon, fresh_database_url):
    """A site with demo content, a built lexicon and a student with an API token."""
    from django.conf import settings

    env = subprocess_env(
        tmp_path / "data", DEBUG="0", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0",
        YINGDU_LEXICON_PATH=str(settings.LEXICON_PATH),
        YINGDU_API_ANON_PER_MINUTE="1000000", YINGDU_API_USER_PER_MINUTE="1000000",
        **({"DATABASE_URL": fresh_database_url} if fresh_database_url else {}),
    )  # fmt: skip
    run_yingdu(env, "migrate", "-v", "0")
    run_yingdu(env, "demo")
    run_yingdu(env, "users", "create", "fuzz_student", "--role", "student", "--password-stdin",
               input="a-long-fuzzing-password-2026\n")  # fmt: skip
    token = run_yingdu(env, "users", "token", "fuzz_student").stdout.strip().splitlines()[-1]
    port = free_port()
    server = start_python(env, *YINGDU, "serve", "--port", str(port), "--workers", "2",
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_served(base + "/api/openapi.json", server, seconds=300)
        yield base, token
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def schemathesis(base: str, token: str, *selection: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", f"{base}/api/openapi.json",
         "--checks", "all", "--header", f"Authorization: Bearer {token}",
         "--max-examples", "25", "--seed", "2026", "--generation-database", "none",
         "--request-timeout", "30", "--no-color", *selection],
        capture_output=True, text=True, timeout=900,
        env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
    )  # fmt: skip


def test_every_api_operation_keeps_its_openapi_contract(served_api):
    base, token = served_api
    for selection in (("--exclude-name", DELETE_ACCOUNT), ("--include-name", DELETE_ACCOUNT)):
        result = schemathesis(base, token, *selection)
        report = result.stdout + result.stderr
        assert result.returncode == 0, report[-6000:]
        assert " passed" in report and "failure" not in report.lower().split("summary")[-1]
