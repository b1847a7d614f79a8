"""Django settings. Every value that comes from the environment is read and checked once by
yingdu/config.py (`CONFIG`); this module only turns it into Django's names.

Embedded by default (SQLite file, local media, in-process cache under YINGDU_DATA_DIR);
scale-out through DATABASE_URL (PostgreSQL), REDIS_URL (cache) and YINGDU_S3_BUCKET
(django-storages). Production (DEBUG off) refuses to start without SECRET_KEY and passes
`python -m django check --deploy`.
"""

import contextlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from yingdu import config

try:
    CONFIG = config.load()
except config.ConfigError as error:
    raise ImproperlyConfigured(str(error)) from None

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = CONFIG.data_dir
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = CONFIG.debug
SECRET_KEY_FILE = CONFIG.secret_key_file


def load_secret_key() -> str:
    """SECRET_KEY from the environment, else the key file `yingdu` writes once into the
    data folder (mode 0600, never committed); a throw-away key only when DEBUG is on."""
    if CONFIG.secret_key:
        return CONFIG.secret_key
    if SECRET_KEY_FILE.exists():
        return SECRET_KEY_FILE.read_text().strip()
    if DEBUG:
        return "insecure-development-key-" + "x" * 40
    raise ImproperlyConfigured(
        "Set SECRET_KEY (or run `yingdu migrate`, which writes one into the data folder)."
    )


SECRET_KEY = load_secret_key()

ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = CONFIG.csrf_trusted_origins

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "yingdu.core",
    "yingdu.portal",  # the home page: blocks of every registered kind
    "yingdu.news",
    "yingdu.daily",
    "yingdu.bilingual",
    "yingdu.compositions",
    "yingdu.resources",
    "yingdu.aids",
    "yingdu.search",
    "ninja",  # serves the API docs' assets locally (no CDN)
    "yingdu.accounts",
    "yingdu.learners",  # known words (我的词汇) and the /api/me/known API
    "yingdu.imports",
    "yingdu.privacy",
    "yingdu.notebook",  # 生词本: cards, FSRS review, goals (after accounts: owned sections)
    "yingdu.practice",  # 生成练习: worksheets of English texts (yingdu.worksheets)
    "yingdu.placement",  # 词汇量测试, coverage and 适合你读 (after accounts: owned sections)
    "yingdu.classes",  # 班级: classes, assignments, pre-teach lists (after accounts)
    "django_tasks",  # background jobs (Django's tasks API, built in from Django 6)
    "django_tasks_db",  # their queue in the database, run by `yingdu worker`
    "yingdu.jobs",  # one record per background job: state, progress, result file
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "yingdu.core.security_headers.security_headers",
    "yingdu.core.pagecache.serve_cached_pages",
    "yingdu.api.limit_api_body",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "yingdu.accounts.backends.AdoptingAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "yingdu.urls"
WSGI_APPLICATION = "yingdu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "yingdu.core.context_processors.site",
                "yingdu.notebook.context_processors.notebook",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        CONFIG.database_url,
        conn_max_age=CONFIG.db_conn_max_age,
        # A kept connection is checked before a request uses it, so a database restarted
        # under a running site costs no failed request once it is back (tests/faults).
        conn_health_checks=True,
    )
}
DATABASE_POOL = config.database_pool(CONFIG)
if DATABASE_POOL:
    # Each process's threads share a bounded psycopg pool (yingdu/config.py): two or more
    # web servers cannot exceed PostgreSQL's max_connections by their number of threads.
    # The pool keeps the connections (Django requires CONN_MAX_AGE 0 with it) and, with
    # CONN_HEALTH_CHECKS, hands out only connections that answer.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = DATABASE_POOL
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while an editor saves; IMMEDIATE avoids "database is locked"
    # surprises when two writers meet.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # A writer waits this long for another's transaction before "database is locked"
        # (Python's default is 5 s; under load a queue of short writes can take longer).
        "timeout": 20,
    }
    # Created empty with mode 0600 before SQLite first opens it: SQLite gives the -wal and
    # -shm files the database file's mode, so all three are readable by their owner only.
    if DATABASES["default"]["NAME"] and not str(DATABASES["default"]["NAME"]).startswith(":"):
        with contextlib.suppress(OSError):  # exists already, or SQLite will say what is wrong
            os.close(os.open(DATABASES["default"]["NAME"], os.O_CREAT | os.O_EXCL, 0o600))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (yingdu/jobs, docs/operators.md), run by `yingdu worker`: queued in the
# database, or in Redis through RQ (YINGDU_JOB_QUEUE, the default when REDIS_URL is set).
JOB_QUEUE = CONFIG.job_queue
JOB_ATTEMPTS = CONFIG.job_attempts
JOB_LEASE_SECONDS = CONFIG.job_lease_seconds
if JOB_QUEUE == "redis":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": CONFIG.job_redis_url, "DEFAULT_TIMEOUT": 3600}}
    RQ_SHOW_ADMIN_LINK = False
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REDIS_URL = CONFIG.redis_url
if REDIS_URL:
    CACHES = {
        # Django's Redis cache, except that an unreachable Redis is a cache miss, not an
        # error page (core/redisguard.py): the site keeps serving while Redis is down.
        "default": {"BACKEND": "yingdu.core.redisguard.FailOpenRedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "yingdu",
        }
    }
PAGE_CACHE_SECONDS = CONFIG.page_cache_seconds
VIEW_COUNT_FLUSH_EVERY = CONFIG.view_count_flush_every
VIEW_COUNT_FLUSH_SECONDS = CONFIG.view_count_flush_seconds
SEARCH_RANK_WINDOW = CONFIG.search_rank_window
SEARCH_COUNT_CAP = CONFIG.search_count_cap

# The user is loaded with their profile and notebook goal in one query (accounts/backends.py).
AUTHENTICATION_BACKENDS = ["yingdu.accounts.backends.AccountBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = CONFIG.time_zone
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Uploaded files and the folders they go in are readable by Yingdu's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if CONFIG.s3_bucket:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": CONFIG.s3_bucket,
            "endpoint_url": CONFIG.s3_endpoint_url or None,
            "region_name": CONFIG.s3_region or None,
            "access_key": CONFIG.aws_access_key_id or None,
            "secret_key": CONFIG.aws_secret_access_key or None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
# Source maps are for developers' tools: not worth compressing at every collectstatic.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    "jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br", "swf",
    "flv", "woff", "woff2", "3gp", "3gpp", "asf", "avi", "m4v", "mov", "mp4", "mpeg", "mpg",
    "webm", "wmv", "map",
]  # fmt: skip

LEXICON_PATH = CONFIG.lexicon_path
ANNOTATE_MAX_CHARS = CONFIG.annotate_max_chars
API_MAX_BODY_BYTES = CONFIG.api_max_body_bytes

# Teaching resources (docs/resources.md): the files of one upload together, zip checks.
RESOURCE_UPLOAD_MAX_BYTES = CONFIG.upload_max_bytes
RESOURCE_UPLOAD_MAX_FILES = CONFIG.upload_max_files
RESOURCE_ZIP_MAX_ENTRIES = CONFIG.zip_max_entries
RESOURCE_ZIP_MAX_EXPANDED_BYTES = CONFIG.zip_max_expanded_bytes
RESOURCE_DOWNLOAD_NEEDS_LOGIN = CONFIG.download_needs_login
# Text and previews are read in a child process with these hard limits (resources/sandbox.py);
# an Office file with a larger XML part is not parsed. Over a limit: stored without text.
RESOURCE_EXTRACT_MAX_MEMORY_BYTES = CONFIG.extract_max_memory_bytes
RESOURCE_EXTRACT_SECONDS = CONFIG.extract_seconds
RESOURCE_XML_PART_MAX_BYTES = CONFIG.xml_part_max_bytes
FILE_UPLOAD_MAX_MEMORY_SIZE = 2**20  # larger uploads stream to temporary files
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the non-file form fields (Django's default)

# Imports of pages, feeds and pasted text (docs/import.md): limits per source, and how alike
# two texts must be (MinHash Jaccard estimate) to count as near-duplicates.
IMPORT_TIMEOUT_SECONDS = CONFIG.import_timeout_seconds
IMPORT_MAX_BYTES = CONFIG.import_max_bytes
IMPORT_MAX_REDIRECTS = CONFIG.import_max_redirects
IMPORT_NEAR_DUPLICATE = CONFIG.import_near_duplicate
# Host names fetched even though they resolve to a loopback or private address (an intranet
# news server, the tests' loopback server); every other host must resolve to public addresses.
IMPORT_ALLOW_HOSTS = CONFIG.import_allow_hosts

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "resources:index"
LOGOUT_REDIRECT_URL = "home"
LOGIN_MAX_FAILURES = CONFIG.login_max_failures
LOGIN_LOCK_SECONDS = CONFIG.login_lock_seconds

# Rate limits (yingdu/accounts/ratelimit.py): counters in Redis when a URL is given (kept
# apart from the page cache), in the database otherwise. The JSON API allows each client
# (signed-in user, else IP address) this many units a minute; POST /api/annotate costs one
# unit plus one per API_CHARS_PER_UNIT characters of text.
RATELIMIT_REDIS_URL = CONFIG.ratelimit_redis_url
RATELIMIT_KEY_PREFIX = "yingdu:rate:"
API_ANON_PER_MINUTE = CONFIG.api_anon_per_minute
API_USER_PER_MINUTE = CONFIG.api_user_per_minute
CLASS_RECORDS_DAYS = CONFIG.class_records_days  # archived classes deleted after this many days
CLASS_JOIN_MAX_FAILURES = CONFIG.class_join_max_failures  # wrong join codes per account
CLASS_JOIN_IP_MAX_FAILURES = CONFIG.class_join_ip_max_failures  # … and per address
CLASS_JOIN_LOCK_SECONDS = CONFIG.class_join_lock_seconds
API_CHARS_PER_UNIT = 10_000
# Proxies whose X-Forwarded-For (last address) names the client: the variable gunicorn
# reads for X-Forwarded-Proto, with gunicorn's default ("*": any).
FORWARDED_ALLOW_IPS = [ip.strip() for ip in CONFIG.forwarded_allow_ips.split(",") if ip.strip()]

SITE_NAME = _("Yingdu")

# Security: strict defaults in production, relaxed only where plain HTTP on a laptop needs it.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Scripts and styles from our own static files only: no inline code, no CDN, no framing.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'",
    "form-action 'self'", "frame-ancestors 'none'",
])  # fmt: skip
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("accelerometer", "camera", "geolocation", "gyroscope", "magnetometer",
                    "microphone", "payment", "usb")
)  # fmt: skip
if not DEBUG:
    SECURE_SSL_REDIRECT = CONFIG.secure_ssl_redirect
    SESSION_COOKIE_SECURE = CONFIG.secure_cookies
    CSRF_COOKIE_SECURE = CONFIG.secure_cookies
    SECURE_HSTS_SECONDS = CONFIG.secure_hsts_seconds
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = CONFIG.secure_hsts_preload
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": CONFIG.log_level},
}
