"""One configuration source (yingdu/config.py): typed parsing that names the bad variable,
`yingdu` refusing to start on it, one lexicon path for the build and the site, a private
secret key file, and the layering of the config module and the command modules."""

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import run_python, run_yingdu, start_python
from tests.lexicon.fixtures import write_sample
from yingdu import config


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("TRUE", True), ("Yes", True), (" on ", True), ("0", False),
     ("false", False), ("NO", False), ("Off", False), ("", False)],
)  # fmt: skip
def test_booleans_accept_the_usual_words_in_any_case(value, expected):
    assert config.load({"DEBUG": value}).debug is expected
    assert config.load({}).secure_cookies is True  # unset: the default
    assert config.load({"SECURE_COOKIES": ""}).secure_cookies is True  # empty: the default


@pytest.mark.parametrize("value", ["maybe", "2", "enabled", "y e s", "-1"])
def test_any_other_boolean_is_an_error_naming_the_variable(value):
    with pytest.raises(config.ConfigError, match="YINGDU_DOWNLOAD_NEEDS_LOGIN"):
        config.load({"YINGDU_DOWNLOAD_NEEDS_LOGIN": value})


@pytest.mark.parametrize(
    ("name", "value"),
    [("YINGDU_UPLOAD_MAX_FILES", "ten"), ("YINGDU_UPLOAD_MAX_FILES", "2.5"),
     ("YINGDU_UPLOAD_MAX_MB", "50MB"), ("YINGDU_IMPORT_TIMEOUT", "-3"), ("PORT", "http")],
)  # fmt: skip
def test_malformed_or_negative_numbers_are_errors_naming_the_variable(name, value):
    with pytest.raises(config.ConfigError, match=name):
        config.load({name: value})


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, None), ({"DB_CONN_MAX_AGE": "0"}, 0), ({"DB_CONN_MAX_AGE": "30"}, 30),
     ({"DATABASE_URL": "postgres://db/yingdu"}, 60),
     ({"DATABASE_URL": "postgres://db/yingdu", "DB_CONN_MAX_AGE": "5"}, 5)],
)  # fmt: skip
def test_sqlite_keeps_its_connections_and_a_database_server_recycles_them(environ, expected):
    assert config.load(environ).db_conn_max_age == expected


def test_worker_class_is_one_of_the_known_ones():
    assert config.load({}).worker_class == "gthread"
    assert config.load({"YINGDU_WORKER_CLASS": " Sync "}).worker_class == "sync"
    with pytest.raises(config.ConfigError, match="YINGDU_WORKER_CLASS='gevent'.*gthread, sync"):
        config.load({"YINGDU_WORKER_CLASS": "gevent"})


def test_values_are_parsed_and_derived_once():
    loaded = config.load(
        {"YINGDU_DATA_DIR": "/srv/yingdu", "YINGDU_UPLOAD_MAX_MB": "1.5",
         "YINGDU_LOGIN_LOCK_MINUTES": "2", "ALLOWED_HOSTS": " a.example , ,b.example",
         "YINGDU_ANNOTATE_MAX_CHARS": "1000"}
    )  # fmt: skip
    assert loaded.data_dir == Path("/srv/yingdu")
    assert loaded.lexicon_path == Path("/srv/yingdu/lexicon.sqlite3")
    assert loaded.secret_key_file == Path("/srv/yingdu/secret_key")
    assert loaded.database_url == "sqlite:////srv/yingdu/yingdu.sqlite3"
    assert loaded.upload_max_bytes == int(1.5 * 2**20)
    assert loaded.login_lock_seconds == 120
    assert loaded.allowed_hosts == ["a.example", "b.example"]
    assert loaded.api_max_body_bytes == 1000 * 4 + 4096
    assert loaded.lexicon_source_dir is None and loaded.corpus_dir is None


def test_the_site_settings_and_the_lexicon_use_the_same_values(settings):
    from yingdu.lexicon.paths import default_lexicon_path

    loaded = config.load()
    assert settings.LEXICON_PATH == loaded.lexicon_path == default_lexicon_path()
    assert loaded.data_dir == settings.DATA_DIR


@pytest.mark.backend_free
@pytest.mark.parametrize(
    ("name", "value"), [("DEBUG", "maybe"), ("YINGDU_LOGIN_MAX_FAILURES", "five")]
)
def test_yingdu_refuses_to_start_on_a_bad_value_and_names_it(fresh_env, name, value):
    env = {**fresh_env, name: value}
    result = run_yingdu(env, "migrate", code=2, timeout=120)
    assert name in result.stderr and repr(value) in result.stderr
    assert "Traceback" not in result.stderr
    assert not Path(fresh_env["YINGDU_DATA_DIR"]).exists()  # nothing written


@pytest.mark.backend_free
def test_django_refuses_to_start_on_a_bad_value_and_names_it(fresh_env):
    env = {**fresh_env, "SECRET_KEY": "k" * 50, "SECURE_COOKIES": "sometimes"}
    result = run_python(env, "-m", "django", "check", code=None, timeout=120)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECURE_COOKIES='sometimes' is not a boolean" in result.stderr


@pytest.mark.backend_free
def test_lexicon_build_writes_where_the_site_reads(fresh_env, tmp_path):
    """YINGDU_LEXICON_DIR is the build's source and YINGDU_LEXICON_PATH its output, and
    the site opens that very file."""
    lists, csv_path = write_sample(tmp_path / "sources")
    shutil.copy(csv_path, lists / "ecdict.csv")
    target = tmp_path / "elsewhere" / "words.sqlite3"
    env = {**fresh_env, "YINGDU_LEXICON_DIR": str(lists), "YINGDU_LEXICON_PATH": str(target)}
    run_yingdu(env, "lexicon", "build")
    assert target.is_file()
    assert not (Path(env["YINGDU_DATA_DIR"]) / "lexicon.sqlite3").exists()
    shown = run_yingdu(
        env, "manage", "shell", "-c",
        "import json; from django.conf import settings;"
        "from yingdu.aids.service import current_lexicon; lexicon = current_lexicon();"
        "print(json.dumps([str(settings.LEXICON_PATH), str(lexicon.path),"
        " lexicon.lookup('took').to_dict()['band_source']]))",
    )  # fmt: skip
    setting, opened, band_source = json.loads(shown.stdout.strip().splitlines()[-1])
    assert setting == opened == str(target)
    assert band_source == "wordlist"  # built from the word lists in YINGDU_LEXICON_DIR


def test_secret_key_file_is_private_even_with_an_open_umask_and_never_replaced(tmp_path):
    key = tmp_path / "data" / "secret_key"
    old = os.umask(0)
    try:
        config.ensure_secret_key_file(key)
    finally:
        os.umask(old)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text()) >= 50
    first = key.read_text()
    config.ensure_secret_key_file(key)
    assert key.read_text() == first  # never replaced
    assert [p.name for p in key.parent.iterdir()] == ["secret_key"]  # no temporary left


def test_processes_starting_together_agree_on_one_key(tmp_path):
    key = tmp_path / "secret_key"
    code = (
        "import sys; from pathlib import Path; from yingdu import config; key = Path(sys.argv[1]);"
        "config.ensure_secret_key_file(key); print(key.read_text(), end='')"
    )
    procs = [start_python(None, "-c", code, str(key)) for _ in range(6)]
    keys = {proc.communicate(timeout=60)[0] for proc in procs}
    assert all(proc.returncode == 0 for proc in procs)
    assert keys == {key.read_text()}


LAYERING = """
import json, sys
import yingdu.config, yingdu.lexicon, yingdu.lexicon.cli, yingdu.reading, yingdu.importparse
import yingdu.cli
import yingdu.commands.lexicon, yingdu.commands.reading, yingdu.commands.search
import yingdu.commands.serve, yingdu.commands.site, yingdu.commands.worker, yingdu.imports.cli
print(json.dumps(sorted(m for m in sys.modules if m == "django" or m.startswith("django."))))
"""


def test_config_cli_and_plain_packages_import_no_django():
    """The config module, the lexicon, reading and import-parsing packages, and the command
    modules themselves load without Django (commands set it up when they run)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = run_python(env, "-c", LAYERING, timeout=60)
    assert json.loads(result.stdout) == []


def test_command_modules_never_import_the_top_level_cli():
    leaves = [
        "yingdu.commands.lexicon", "yingdu.commands.reading", "yingdu.commands.search",
        "yingdu.commands.serve", "yingdu.commands.site", "yingdu.commands.runtime",
        "yingdu.commands.worker", "yingdu.imports.cli", "yingdu.lexicon.cli",
    ]  # fmt: skip
    code = (
        "import importlib, sys\n"
        f"for name in {leaves!r}:\n"
        "    importlib.import_module(name)\n"
        "print('yingdu.cli' in sys.modules)"
    )
    result = run_python(None, "-c", code)
    assert result.stdout.strip() == "False"
