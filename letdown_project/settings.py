"""
Settings for Letdown: one module, configured by environment variables.

Every variable has a safe development default, so a newcomer runs the app with
nothing installed (SQLite, DEBUG on). Production sets DEBUG=0 and must then
provide a real SECRET_KEY, or the process refuses to start. The variables are
listed in README.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from letdown_project.email_url import email_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-letdown-development-only"  # noqa: S105 - dev default, refused below
SECRET_KEY = os.environ.get("SECRET_KEY", "") or _DEV_SECRET_KEY
if not DEBUG and (
    SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5
):
    # A guessable key lets anyone forge sessions and password-reset links.
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "articles",
    "tracker",
    "reports",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so static files and the service worker carry the
    # same headers as pages (letdown_project/security.py, django-csp).
    "letdown_project.security.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    # Over-long requests answer JSON under /api/; chunked bodies are read; the
    # API's private answers are never cached (letdown_project/api_edge.py).
    "letdown_project.api_edge.ApiEdgeMiddleware",
    # The API's GET answers gzipped when accepted, never beside a secret
    # (letdown_project/compression.py); above every middleware that writes bodies.
    "letdown_project.compression.ApiGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "letdown_project.urls"
WSGI_APPLICATION = "letdown_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite file by default; DATABASE_URL=postgres://... in production.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so two writers wait
    # for each other (busy timeout) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Usernames compared as a reader would (NFKC, any letter case): tracker/accounts/usernames.py.
AUTHENTICATION_BACKENDS = ["tracker.accounts.usernames.NormalisedUsernameBackend"]

# Password-reset emails: one variable, EMAIL_URL (letdown_project/email_url.py).
globals().update(email_settings(os.environ.get("EMAIL_URL")))
PASSWORD_RESET_TIMEOUT = 3 * 3600  # a reset link works for three hours

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
# None: signing out shows "You're signed out" (frontend/logged_out.html) instead of redirecting.
LOGOUT_REDIRECT_URL = None

LANGUAGE_CODE = "en"
# Storage is always UTC; TIME_ZONE only affects server-rendered dates (admin).
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
# Folded into the service worker's version (frontend/service_worker.py): set a
# new value to make installed apps offer "Update now" without a static change.
LETDOWN_RELEASE = os.environ.get("LETDOWN_RELEASE", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names: safe to cache forever, and the service worker
    # precaches exactly the files of one release.
    "staticfiles": {"BACKEND": "letdown_project.static_storage.StaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Per-device credentials: tracker/accounts/devices.py.
        "tracker.accounts.credentials.DeviceSessionAuthentication",
        "tracker.accounts.credentials.DeviceTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # drf-spectacular's, plus every error answer of each operation (tracker/api/schema.py).
    "DEFAULT_SCHEMA_CLASS": "tracker.api.schema.ErrorsAutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        # DRF's, but a lone surrogate echoed in an error is escaped, not a 500.
        "letdown_project.renderers.SafeJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
    # Every error as the contract's body; 400s carry stable codes (tracker/api/errors.py).
    "EXCEPTION_HANDLER": "tracker.api.errors.exception_handler",
    # Brute force on sign-in and runaway writes answer 429 + Retry-After
    # (letdown_project/throttling.py; docs/decisions/0007-hardening.md).
    # DRF's parsers, with a 400 (not a 500) for absurdly nested JSON.
    "DEFAULT_PARSER_CLASSES": [
        "letdown_project.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "letdown_project.throttling.AuthIPThrottle",
        "letdown_project.throttling.AuthUsernameThrottle",
        "letdown_project.throttling.WriteThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "auth_ip": os.environ.get("THROTTLE_AUTH_IP", "30/min"),
        "auth_username": os.environ.get("THROTTLE_AUTH_USERNAME", "20/hour"),
        "writes": os.environ.get("THROTTLE_WRITES", "1200/min"),
        # Opening a shared report (reports/views.py), per client address.
        "report_page": os.environ.get("THROTTLE_REPORT_PAGE", "30/min"),
        "reset_ip": os.environ.get("THROTTLE_RESET_IP", "10/hour"),
        "reset_email": os.environ.get("THROTTLE_RESET_EMAIL", "3/hour"),
        "password_change": os.environ.get("THROTTLE_PASSWORD_CHANGE", "10/hour"),
    },
    # Reverse proxies in front of the app that append to X-Forwarded-For; 0
    # trusts only REMOTE_ADDR (a client could forge the header otherwise).
    "NUM_PROXIES": int(os.environ.get("NUM_PROXIES", "0")),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Letdown API",
    "DESCRIPTION": "Babies, feeds, offline sync and guidance articles. See docs/sync.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from drf-spectacular-sidecar's static files: no CDN request.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # One enum for the feed's sides (segment side, first_side, last_side).
    "ENUM_NAME_OVERRIDES": {"Side": "tracker.models.Side"},
}

# --- Production hardening ---------------------------------------------------
# TLS is terminated by the reverse proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
# Subdomains and preload default on in production; a self-hoster who shares the
# domain with plain-HTTP services turns them off (README, environment table).
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Parents stay signed in on their own phone for a long time; 60 days.
SESSION_COOKIE_AGE = 60 * 24 * 3600
X_FRAME_OPTIONS = "DENY"
# No request the app expects is near this (a sync push is at most 256 KiB);
# a bigger form or JSON body is refused before it is parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Longer query strings under /api/ answer a JSON 414 (letdown_project/api_edge.py).
# Below gunicorn's request-line limit (gunicorn.conf.py), so the app, not
# gunicorn, answers; a pull cursor stays far below it.
API_MAX_QUERY_STRING = 6144

# Content-Security-Policy (django-csp 4). No inline script or style anywhere,
# the admin included (Django 5.2's admin needs none); nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Cache: throttle counters (and anything else cached) live here. The default,
# per-process memory, is right for one app server; several app servers must
# share one cache, so point REDIS_URL (or CACHE_URL) at Redis.
_CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "locmem://"
if _CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "letdown"),
        }
    }
elif _CACHE_URL.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(f"CACHE_URL must be redis://... or locmem://, not {_CACHE_URL!r}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
