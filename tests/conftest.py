"""Shared fixtures: users, API clients, and the collected static files."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIClient

from tests.factories import UserFactory
from tracker.accounts.credentials import issue_token


@pytest.fixture(scope="session", autouse=True)
def _collected_static(tmp_path_factory, django_db_blocker):
    """Collect static files once, so templates resolve hashed names as in production."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", "--noinput", verbosity=0)
        yield root


@pytest.fixture(autouse=True)
def _clear_rate_limit_counters():
    """Rate-limit counters live in the cache (letdown_project/throttling.py): every
    test starts with none, whatever the tests before it sent from 127.0.0.1."""
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's deliberate slowness is not under test; MD5 keeps sign-ins cheap."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def api_client():
    return APIClient()


def token_client(user) -> APIClient:
    """An API client that authenticates the way scripts and apps do: a token header."""
    client = APIClient()
    client.device, secret = issue_token(user, "Test script")
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


@pytest.fixture
def auth_client(user):
    return token_client(user)


@pytest.fixture
def other_client(other_user):
    return token_client(other_user)
