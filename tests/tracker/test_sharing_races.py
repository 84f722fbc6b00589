"""Two partners racing for one invite code: exactly one joins."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.factories import BabyFactory, UserFactory
from tracker.models import Caregiver, Invite
from tracker.sharing import accept_invite


@pytest.mark.django_db(transaction=True)
def test_one_code_accepted_by_two_at_once_lets_only_one_join():
    if connection.vendor != "postgresql":
        # SQLite's in-memory test database locks tables in shared-cache mode and
        # fails instead of waiting; a real SQLite file serialises writers anyway
        # (IMMEDIATE transactions), so the race only exists on PostgreSQL.
        pytest.skip("concurrent writers need PostgreSQL")
    owner = UserFactory()
    baby = BabyFactory(owner=owner)
    code = Invite.objects.create(baby=baby, created_by=owner).code
    racers = [UserFactory(), UserFactory()]
    start, outcomes = threading.Barrier(2), []

    def accept(user):
        start.wait()
        try:
            accept_invite(user=user, code=code)
            outcomes.append("joined")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(user,)) for user in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["joined", "refused"]
    assert Caregiver.objects.filter(baby=baby, role="caregiver").count() == 1
