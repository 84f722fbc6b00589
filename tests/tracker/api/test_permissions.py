"""The role -> actions table (tracker/api/permissions.py) is what the views obey:
take an action away from a role, and the views refuse it (403, nothing stored),
as they will for the read-only viewer role the contract adds."""

import pytest

from tests.conftest import token_client
from tests.factories import BabyFactory, FeedFactory, UserFactory, add_caregiver
from tracker.api import permissions
from tracker.api.permissions import Action
from tracker.models import Feed, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(monkeypatch, user):
    """A caregiver whose role, for this test, only reads."""
    monkeypatch.setitem(permissions.ALLOWED, Role.CAREGIVER, frozenset({Action.READ}))
    baby = BabyFactory(owner=user)
    alex = UserFactory()
    add_caregiver(baby, alex)
    return {"client": token_client(alex), "baby": baby, "feed": FeedFactory(baby=baby)}


@pytest.mark.parametrize(
    ("method", "body"), [("patch", {"notes": "mine"}), ("delete", None)], ids=["edit", "delete"]
)
def test_a_role_without_feed_writes_gets_403_and_changes_nothing(reader, method, body):
    url = f"/api/v1/feeds/{reader['feed'].pk}/"
    response = getattr(reader["client"], method)(url, body, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": permissions.REFUSED[Action.WRITE_FEEDS]}
    feed = Feed.objects.get(pk=reader["feed"].pk)
    assert (feed.version, feed.notes, feed.deleted_at) == (1, reader["feed"].notes, None)


def test_a_role_without_feed_writes_still_reads_them(reader):
    response = reader["client"].get(f"/api/v1/feeds/{reader['feed'].pk}/")
    assert response.status_code == 200


def test_a_role_without_feed_writes_cannot_add_one(reader):
    body = {"baby": str(reader["baby"].pk), "kind": "bottle", "started_at": "2026-01-01T08:00:00Z"}
    response = reader["client"].post("/api/v1/feeds/", body, format="json")
    assert response.status_code == 403
    assert Feed.objects.count() == 1


def test_a_role_may_only_leave_when_the_table_says_so(reader, user):
    alex_id = reader["baby"].caregivers.exclude(user=user).get().user_id
    url = f"/api/v1/babies/{reader['baby'].pk}/caregivers/{alex_id}/"
    assert reader["client"].delete(url).status_code == 403
