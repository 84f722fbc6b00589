"""Who may do what: a stranger's request on someone's baby or feed is a 404,
answered exactly as for an id that does not exist, and changes nothing.
Signed-out requests are refused everywhere but the public auth endpoints."""

import uuid

import pytest

from tests.factories import BabyFactory, FeedFactory
from tracker.models import Baby, Caregiver, Feed

pytestmark = pytest.mark.django_db

# (method, path template, body): {baby}, {feed} and {owner} are filled in.
BY_ID = [
    ("get", "/api/v1/babies/{baby}/", None),
    ("patch", "/api/v1/babies/{baby}/", {"name": "Taken"}),
    ("delete", "/api/v1/babies/{baby}/", None),
    ("get", "/api/v1/babies/{baby}/summary/", None),
    ("post", "/api/v1/babies/{baby}/invites/", None),
    ("get", "/api/v1/babies/{baby}/caregivers/", None),
    ("delete", "/api/v1/babies/{baby}/caregivers/{owner}/", None),
    ("get", "/api/v1/feeds/{feed}/", None),
    ("put", "/api/v1/feeds/{feed}/", {"kind": "bottle", "started_at": "2026-01-01T08:00:00Z"}),
    ("patch", "/api/v1/feeds/{feed}/", {"notes": "mine now"}),
    ("delete", "/api/v1/feeds/{feed}/", None),
]

SIGNED_IN_ONLY = [
    ("get", "/api/v1/babies/"),
    ("post", "/api/v1/babies/"),
    ("get", "/api/v1/babies/{baby}/"),
    ("patch", "/api/v1/babies/{baby}/"),
    ("delete", "/api/v1/babies/{baby}/"),
    ("get", "/api/v1/babies/{baby}/summary/"),
    ("post", "/api/v1/babies/{baby}/invites/"),
    ("get", "/api/v1/babies/{baby}/caregivers/"),
    ("delete", "/api/v1/babies/{baby}/caregivers/{owner}/"),
    ("post", "/api/v1/invites/accept/"),
    ("get", "/api/v1/feeds/"),
    ("post", "/api/v1/feeds/"),
    ("get", "/api/v1/feeds/{feed}/"),
    ("put", "/api/v1/feeds/{feed}/"),
    ("patch", "/api/v1/feeds/{feed}/"),
    ("delete", "/api/v1/feeds/{feed}/"),
    ("get", "/api/v1/export/"),
    ("delete", "/api/v1/account/"),
]


@pytest.fixture
def owned(user):
    baby = BabyFactory(owner=user)
    return {"baby": baby.pk, "feed": FeedFactory(baby=baby).pk, "owner": user.pk}


def _snapshot():
    return (
        list(Baby.objects.values_list("pk", "name").order_by("pk")),
        list(Feed.objects.values_list("pk", "version", "deleted_at").order_by("pk")),
        Caregiver.objects.count(),
    )


@pytest.mark.parametrize(("method", "template", "body"), BY_ID)
def test_a_strangers_request_is_404(other_client, owned, method, template, body):
    before = _snapshot()
    response = getattr(other_client, method)(template.format(**owned), body)
    assert response.status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize(("method", "template", "body"), BY_ID)
def test_a_strangers_request_looks_like_a_missing_id(other_client, owned, method, template, body):
    foreign = getattr(other_client, method)(template.format(**owned), body)
    missing_ids = {**owned, "baby": uuid.uuid4(), "feed": uuid.uuid4()}
    missing = getattr(other_client, method)(template.format(**missing_ids), body)
    assert (foreign.status_code, foreign.json()) == (missing.status_code, missing.json())


def test_a_stranger_cannot_add_a_feed_to_the_baby(other_client, owned):
    body = {"baby": str(owned["baby"]), "kind": "bottle", "started_at": "2026-01-01T08:00:00Z"}
    foreign = other_client.post("/api/v1/feeds/", body)
    missing = other_client.post("/api/v1/feeds/", {**body, "baby": str(uuid.uuid4())})
    assert foreign.status_code == 400
    assert foreign.json() == missing.json()
    assert Feed.objects.count() == 1


def test_a_stranger_filtering_by_the_baby_gets_nothing(other_client, owned):
    response = other_client.get("/api/v1/feeds/", {"baby": owned["baby"]})
    assert response.json()["results"] == []


def test_a_strangers_export_holds_nothing_of_the_owner(other_client, owned):
    body = b"".join(other_client.get("/api/v1/export/").streaming_content)
    assert str(owned["baby"]).encode() not in body
    assert str(owned["feed"]).encode() not in body


@pytest.mark.parametrize(("method", "template"), SIGNED_IN_ONLY)
def test_signed_out_requests_are_refused(api_client, owned, method, template):
    before = _snapshot()
    response = getattr(api_client, method)(template.format(**owned), {})
    assert response.status_code in (401, 403)
    assert _snapshot() == before
