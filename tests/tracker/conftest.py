"""Fixtures for the tracker API tests: a clean cache, a baby, a caregiver's client."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import token_client
from tests.factories import BabyFactory, UserFactory, add_caregiver


@pytest.fixture
def baby(user):
    return BabyFactory(owner=user, name="Robin")


@pytest.fixture
def caregiver(baby):
    partner = UserFactory()
    add_caregiver(baby, partner)
    return partner


@pytest.fixture
def caregiver_client(caregiver):
    return token_client(caregiver)


@pytest.fixture
def hour_ago():
    return timezone.now().replace(microsecond=0) - timedelta(hours=1)
