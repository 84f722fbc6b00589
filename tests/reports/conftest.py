"""Fixtures for report links: the tracker's family (a baby, its caregiver) and a stranger."""

import pytest

from tests.conftest import token_client
from tests.factories import UserFactory
from tests.tracker.conftest import baby, caregiver, caregiver_client  # noqa: F401 (fixtures)


@pytest.fixture
def stranger_client(db):
    return token_client(UserFactory())
