"""Fixtures for the hardening tests: a clean cache, and clients that do not raise."""

import pytest
from django.test import Client


@pytest.fixture
def browser_client():
    """A client that answers 500 with the error page instead of raising, as a server does."""
    return Client(raise_request_exception=False)
