"""Fixtures for the hardening tests: a clean cache, and clients that do not raise."""

import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttle counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Throttle tests sign in dozens of times; the production hasher is slow by design."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def browser_client():
    """A client that answers 500 with the error page instead of raising, as a server does."""
    return Client(raise_request_exception=False)
