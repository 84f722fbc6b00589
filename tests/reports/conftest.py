"""Fixtures for report links: a baby with an owner, a caregiver and a stranger."""

import pytest

from tests.conftest import token_client
from tests.factories import BabyFactory, UserFactory, add_caregiver


@pytest.fixture
def baby(user):
    return BabyFactory(owner=user, name="Robin")


@pytest.fixture
def caregiver_client(baby):
    partner = UserFactory()
    add_caregiver(baby, partner)
    return token_client(partner)


@pytest.fixture
def stranger_client(db):
    return token_client(UserFactory())
