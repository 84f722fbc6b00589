"""Fixtures for bad-input tests: a signed-in parent with a baby and one feed."""

import pytest

from tests.factories import BabyFactory, FeedFactory
from tracker.models import Baby, Caregiver, Feed


@pytest.fixture
def baby(user):
    return BabyFactory(owner=user)


@pytest.fixture
def feed(baby):
    return FeedFactory(baby=baby)


def stored_state():
    """Everything a bad request could change, in a comparable form."""
    return (
        sorted(Baby.objects.values_list("pk", "name", "birth_date", "write_seq")),
        sorted(Feed.objects.values_list("pk", "version", "notes", "started_at", "deleted_at")),
        sorted(Caregiver.objects.values_list("baby_id", "user_id", "role")),
    )
