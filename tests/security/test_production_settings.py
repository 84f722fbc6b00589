"""Production settings: HSTS, secure cookies, a shared cache for several app servers."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "q7Vx-2pLr9!sT4wZb8Nc0yHf6Jk3Dm5Ae1Gu+Xo^Pi&Ws0RtYe4",
    "ALLOWED_HOSTS": "letdown.example",
}
PRINT_SETTINGS = """
import django, json
django.setup()
from django.conf import settings as s
print(json.dumps({
    "hsts": s.SECURE_HSTS_SECONDS,
    "session_secure": s.SESSION_COOKIE_SECURE,
    "csrf_secure": s.CSRF_COOKIE_SECURE,
    "cache": s.CACHES["default"]["BACKEND"],
    "cache_location": s.CACHES["default"].get("LOCATION"),
    "num_proxies": s.REST_FRAMEWORK["NUM_PROXIES"],
}))
"""


def settings_under(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "letdown_project.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def production_settings(**extra) -> dict:
    result = settings_under({**PRODUCTION, **extra})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_sends_hsts_for_a_year():
    assert production_settings()["hsts"] == 31536000


def test_production_cookies_are_secure_only():
    values = production_settings()
    assert values["session_secure"] is True
    assert values["csrf_secure"] is True


def test_the_default_cache_is_per_process_memory():
    assert production_settings()["cache"].endswith("LocMemCache")


@pytest.mark.parametrize("variable", ["REDIS_URL", "CACHE_URL"])
def test_redis_url_selects_the_shared_redis_cache(variable):
    values = production_settings(**{variable: "redis://127.0.0.1:6379/3"})
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cache_location"] == "redis://127.0.0.1:6379/3"


def test_an_unknown_cache_url_refuses_to_start():
    result = settings_under({**PRODUCTION, "CACHE_URL": "memcached://127.0.0.1:11211"})
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


def test_forwarded_for_is_not_trusted_unless_configured():
    assert production_settings()["num_proxies"] == 0
    assert production_settings(NUM_PROXIES="1")["num_proxies"] == 1
