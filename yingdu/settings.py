"""Django settings, read from the environment.

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


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("YINGDU_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY_FILE = DATA_DIR / "secret_key"


def load_secret_key() -> str:
    """SECRET_KEY from the environment, else the key file `yingdu` writes once into the
    data folder (mode 0600, never committed); a throw-away key only when DEBUG is on."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if SECRET_KEY_FILE.exists():
        return SECRET_KEY_FILE.read_text().strip()
    if DEBUG:
        return "insecure-development-key-" + "x" * 40
    raise ImproperlyConfigured(
        "Set SECRET_KEY (or run `yingdu migrate`, which writes one into the data folder)."
    )


SECRET_KEY = load_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

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
    "yingdu.imports",
    "yingdu.privacy",
    "django_tasks",  # background jobs (Django's tasks API, built in from Django 6)
    "django_tasks_db",  # their queue in the database, run by `yingdu worker`
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
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'yingdu.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while an editor saves; IMMEDIATE avoids "database is locked"
    # surprises when two writers meet.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    # Created empty with mode 0600 before SQLite first opens it: SQLite gives the -wal and
    # -shm files the database file's mode, so all three are readable by their owner only.
    if DATABASES["default"]["NAME"] and not str(DATABASES["default"]["NAME"]).startswith(":"):
        with contextlib.suppress(OSError):  # exists already, or SQLite will say what is wrong
            os.close(os.open(DATABASES["default"]["NAME"], os.O_CREAT | os.O_EXCL, 0o600))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (docs/operators.md): queued in the database, run by `yingdu worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "yingdu",
        }
    }
PAGE_CACHE_SECONDS = int(os.environ.get("YINGDU_PAGE_CACHE_SECONDS", "300"))

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
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
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
if os.environ.get("YINGDU_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["YINGDU_S3_BUCKET"],
            "endpoint_url": os.environ.get("YINGDU_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("YINGDU_S3_REGION") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY"),
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

LEXICON_PATH = Path(os.environ.get("YINGDU_LEXICON_PATH") or DATA_DIR / "lexicon.sqlite3")
LEXICON_SOURCE_DIR = os.environ.get("YINGDU_LEXICON_DIR", "")
ANNOTATE_MAX_CHARS = int(os.environ.get("YINGDU_ANNOTATE_MAX_CHARS", "200000"))
API_MAX_BODY_BYTES = int(
    os.environ.get("YINGDU_API_MAX_BODY_BYTES", str(ANNOTATE_MAX_CHARS * 4 + 4096))
)

# Teaching resources (docs/resources.md): the files of one upload together, zip checks.
RESOURCE_UPLOAD_MAX_BYTES = int(float(os.environ.get("YINGDU_UPLOAD_MAX_MB", "50")) * 2**20)
RESOURCE_UPLOAD_MAX_FILES = int(os.environ.get("YINGDU_UPLOAD_MAX_FILES", "10"))
RESOURCE_ZIP_MAX_ENTRIES = int(os.environ.get("YINGDU_ZIP_MAX_ENTRIES", "1000"))
RESOURCE_ZIP_MAX_EXPANDED_BYTES = int(
    float(os.environ.get("YINGDU_ZIP_MAX_EXPANDED_MB", "200")) * 2**20
)
RESOURCE_DOWNLOAD_NEEDS_LOGIN = env_bool("YINGDU_DOWNLOAD_NEEDS_LOGIN", False)
# Text and previews are read in a child process with these hard limits (resources/sandbox.py);
# an Office file with a larger XML part is not parsed. Over a limit: stored without text.
RESOURCE_EXTRACT_MAX_MEMORY_BYTES = int(
    float(os.environ.get("YINGDU_EXTRACT_MAX_MB", "512")) * 2**20
)
RESOURCE_EXTRACT_SECONDS = float(os.environ.get("YINGDU_EXTRACT_SECONDS", "15"))
RESOURCE_XML_PART_MAX_BYTES = int(float(os.environ.get("YINGDU_XML_PART_MAX_MB", "20")) * 2**20)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2**20  # larger uploads stream to temporary files
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the non-file form fields (Django's default)

# Imports of pages, feeds and pasted text (docs/import.md): limits per source, and how alike
# two texts must be (MinHash Jaccard estimate) to count as near-duplicates.
IMPORT_TIMEOUT_SECONDS = float(os.environ.get("YINGDU_IMPORT_TIMEOUT", "10"))
IMPORT_MAX_BYTES = int(float(os.environ.get("YINGDU_IMPORT_MAX_MB", "5")) * 2**20)
IMPORT_MAX_REDIRECTS = int(os.environ.get("YINGDU_IMPORT_MAX_REDIRECTS", "5"))
IMPORT_NEAR_DUPLICATE = float(os.environ.get("YINGDU_IMPORT_NEAR_DUPLICATE", "0.8"))
# Host names fetched even though they resolve to a loopback or private address (an intranet
# news server, the tests' loopback server); every other host must resolve to public addresses.
IMPORT_ALLOW_HOSTS = env_list("YINGDU_IMPORT_ALLOW_HOSTS")

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "resources:index"
LOGOUT_REDIRECT_URL = "home"
LOGIN_MAX_FAILURES = int(os.environ.get("YINGDU_LOGIN_MAX_FAILURES", "5"))
LOGIN_LOCK_SECONDS = int(os.environ.get("YINGDU_LOGIN_LOCK_MINUTES", "15")) * 60

# Rate limits (yingdu/accounts/ratelimit.py): counters in Redis when a URL is given (kept
# apart from the page cache), in the database otherwise. The JSON API allows each client
# (signed-in user, else IP address) this many units a minute; POST /api/annotate costs one
# unit plus one per API_CHARS_PER_UNIT characters of text.
RATELIMIT_REDIS_URL = os.environ.get("YINGDU_RATELIMIT_REDIS_URL") or REDIS_URL
RATELIMIT_KEY_PREFIX = "yingdu:rate:"
API_ANON_PER_MINUTE = int(os.environ.get("YINGDU_API_ANON_PER_MINUTE", "30"))
API_USER_PER_MINUTE = int(os.environ.get("YINGDU_API_USER_PER_MINUTE", "300"))
API_CHARS_PER_UNIT = 10_000
# Proxies whose X-Forwarded-For (last address) names the client: the variable gunicorn
# reads for X-Forwarded-Proto, with gunicorn's default ("*": any).
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

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
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
