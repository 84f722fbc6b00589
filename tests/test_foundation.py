"""The project's ground: health check, home page, login, settings safety."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def _parent_env() -> dict:
    """This process's environment minus what the browser tests set for themselves.

    tests/e2e sets DJANGO_ALLOW_ASYNC_UNSAFE (Playwright's sync API runs an event
    loop in the test thread); a production process never has it.
    """
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_healthz_reports_database_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_home_page_renders(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Letdown" in response.content


def test_login_page_signs_a_user_in(client, user):
    from tests.factories import PASSWORD

    page = client.get(reverse("login"))
    assert page.status_code == 200
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user == user


def test_admin_is_mounted(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def _run_settings(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**_parent_env(), "DJANGO_SETTINGS_MODULE": "letdown_project.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run_settings({"DEBUG": "0", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _run_settings({"DEBUG": "0", "SECRET_KEY": "short-but-not-empty"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = _run_settings({"DEBUG": "0", "SECRET_KEY": "a1b2c3d4e5" * 5})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("url", ["postgres://u:p@db.example:5432/letdown", "sqlite:///tmp/x.db"])
def test_database_url_selects_the_engine(url):
    expected = "postgresql" if url.startswith("postgres") else "sqlite3"
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **_parent_env(),
            "DJANGO_SETTINGS_MODULE": "letdown_project.settings",
            "DATABASE_URL": url,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().endswith(expected)


def test_check_deploy_leaves_only_proxy_handled_warnings():
    """With production settings, only SECURE_SSL_REDIRECT (W008) is left: the proxy redirects."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env={
            **_parent_env(),
            "DEBUG": "0",
            "SECRET_KEY": "q7Vx-2pLr9!sT4wZb8Nc0yHf6Jk3Dm5Ae1Gu+Xo^Pi&Ws0RtYe4",
            "ALLOWED_HOSTS": "letdown.example",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert set(re.findall(r"\((\w+\.[EW]\d+)\)", output)) <= {"security.W008"}, output
