"""
Who may do what (tracker/api/permissions.py): every endpoint of the signed-in
API, asked by the baby's owner, its caregiver, a stranger with an account of
their own, and someone signed out.

- ``MATRIX`` pins the status each of them gets; a refused request (403, 404,
  or a 400 for a baby that is not theirs) changes nothing stored.
- A stranger's request on the family's baby or feed is answered exactly as
  for an id that does not exist.
- Sync and export: what a stranger or a removed caregiver can reach.
"""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from reports.models import ReportLink, new_secret, secret_hash
from tests.conftest import token_client
from tests.factories import PASSWORD, BabyFactory, FeedFactory, UserFactory, add_caregiver
from tests.tracker.sync_client import PULL_URL as PULL
from tests.tracker.sync_client import bottle_data, delete, push, upsert
from tracker.models import Baby, Caregiver, Feed, Invite

pytestmark = pytest.mark.django_db

ACTORS = ("owner", "caregiver", "stranger", "anonymous")
# The contract's 401/403 (DRF answers 403 while the session authenticator comes first).
SIGNED_OUT = (401, 403)


@pytest.fixture
def family(user):
    """Sam's baby with one feed; Alex is its caregiver; a stranger has an account too."""
    baby = BabyFactory(owner=user)
    alex = UserFactory()
    add_caregiver(baby, alex)
    link = ReportLink.objects.create(
        baby=baby, created_by=user, secret_hash=secret_hash(new_secret()), first_day="2026-11-01",
        last_day="2026-11-14", expires_at=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    return {
        "baby": baby,
        "link": link,
        "feed": FeedFactory(baby=baby),
        "owner": user,
        "caregiver": alex,
        "stranger": UserFactory(),
    }


def client_of(family, actor) -> APIClient:
    return APIClient() if actor == "anonymous" else token_client(family[actor])


def snapshot():
    return (
        sorted(Baby.objects.values_list("pk", "name")),
        sorted(Feed.objects.values_list("pk", "version", "notes", "deleted_at")),
        sorted(Caregiver.objects.values_list("baby_id", "user_id", "role")),
        sorted(Invite.objects.values_list("code", "accepted_by")),
        sorted(ReportLink.objects.values_list("pk", "revoked_at")),
    )


def bottle(family) -> dict:
    return bottle_data(family["baby"])


def push_body(family):
    return {"device_id": str(uuid.uuid4()), "mutations": [upsert(1, uuid.uuid4(), bottle(family))]}


def report_range(family) -> dict:
    return {"from": "2026-11-01", "to": "2026-11-14", "expires_in_hours": 24}


def fresh_invite(family):
    return {"code": Invite.objects.create(baby=family["baby"], created_by=family["owner"]).code}


# (method, path, body(family) or None, the status of each of ACTORS); {baby}, {feed}, {owner}
# and {caregiver} are the family's ids.
MATRIX = [
    ("get", "babies/", None, (200, 200, 200, SIGNED_OUT)),
    ("post", "babies/", lambda f: {"name": "Robin"}, (201, 201, 201, SIGNED_OUT)),
    ("get", "babies/{baby}/", None, (200, 200, 404, SIGNED_OUT)),
    ("patch", "babies/{baby}/", lambda f: {"name": "Renamed"}, (200, 403, 404, SIGNED_OUT)),
    ("delete", "babies/{baby}/", None, (204, 403, 404, SIGNED_OUT)),
    ("get", "babies/{baby}/summary/", None, (200, 200, 404, SIGNED_OUT)),
    ("post", "babies/{baby}/invites/", None, (201, 403, 404, SIGNED_OUT)),
    ("get", "babies/{baby}/caregivers/", None, (200, 200, 404, SIGNED_OUT)),
    ("get", "babies/{baby}/report-links/", None, (200, 200, 404, SIGNED_OUT)),
    ("post", "babies/{baby}/report-links/", report_range, (201, 201, 404, SIGNED_OUT)),
    ("delete", "babies/{baby}/report-links/{link}/", None, (204, 204, 404, SIGNED_OUT)),
    # The owner cannot leave (400); a caregiver cannot remove anyone else (403).
    ("delete", "babies/{baby}/caregivers/{owner}/", None, (400, 403, 404, SIGNED_OUT)),
    # The owner removes the caregiver; the caregiver leaves.
    ("delete", "babies/{baby}/caregivers/{caregiver}/", None, (204, 204, 404, SIGNED_OUT)),
    # Those who already share the baby keep the code usable for someone new.
    ("post", "invites/accept/", fresh_invite, (400, 400, 200, SIGNED_OUT)),
    ("get", "feeds/", None, (200, 200, 200, SIGNED_OUT)),
    # The stranger's baby field names no baby they can see: a 400 naming it.
    ("post", "feeds/", bottle, (201, 201, 400, SIGNED_OUT)),
    ("get", "feeds/{feed}/", None, (200, 200, 404, SIGNED_OUT)),
    ("put", "feeds/{feed}/", bottle, (200, 200, 404, SIGNED_OUT)),
    ("patch", "feeds/{feed}/", lambda f: {"notes": "burped"}, (200, 200, 404, SIGNED_OUT)),
    ("delete", "feeds/{feed}/", None, (204, 204, 404, SIGNED_OUT)),
    ("get", "export/", None, (200, 200, 200, SIGNED_OUT)),
    ("get", "sync/pull/", None, (200, 200, 200, SIGNED_OUT)),
    # A stranger's push is answered, its mutation rejected (test below).
    ("post", "sync/push/", push_body, (200, 200, 200, SIGNED_OUT)),
    ("get", "schema/", None, (200, 200, 200, SIGNED_OUT)),
    ("get", "docs/", None, (200, 200, 200, SIGNED_OUT)),
    ("delete", "account/", lambda f: {"password": PASSWORD}, (204, 204, 204, SIGNED_OUT)),
]
CASES = [
    pytest.param(method, path, body, actor, statuses[index], id=f"{method} {path} {actor}")
    for method, path, body, statuses in MATRIX
    for index, actor in enumerate(ACTORS)
]


def _url(family, path):
    ids = {name: family[name].pk for name in ("baby", "feed", "owner", "caregiver", "link")}
    return "/api/v1/" + path.format(**ids)


@pytest.mark.parametrize(("method", "path", "body", "actor", "expected"), CASES)
def test_each_endpoint_answers_each_role_as_the_matrix_says(
    family, method, path, body, actor, expected
):
    data = body(family) if body else None
    before = snapshot()
    response = getattr(client_of(family, actor), method)(_url(family, path), data, format="json")
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in allowed
    if response.status_code >= 400:
        assert snapshot() == before


# --- a stranger learns nothing ------------------------------------------------

BY_ID = [(method, path, body) for method, path, body, statuses in MATRIX if statuses[2] == 404]


@pytest.mark.parametrize(("method", "path", "body"), BY_ID)
def test_a_strangers_request_looks_like_a_missing_id(family, method, path, body):
    client = client_of(family, "stranger")
    data = body(family) if body else None
    foreign = getattr(client, method)(_url(family, path), data, format="json")
    missing_ids = {**family, "baby": Baby(pk=uuid.uuid4()), "feed": Feed(pk=uuid.uuid4())}
    missing = getattr(client, method)(_url(missing_ids, path), data, format="json")
    assert (foreign.status_code, foreign.json()) == (missing.status_code, missing.json())


def test_a_stranger_cannot_add_a_feed_to_the_baby_and_hears_what_a_missing_one_gets(family):
    client = client_of(family, "stranger")
    foreign = client.post("/api/v1/feeds/", bottle(family), format="json")
    missing = client.post(
        "/api/v1/feeds/", {**bottle(family), "baby": str(uuid.uuid4())}, format="json"
    )
    assert foreign.status_code == 400
    assert foreign.json() == missing.json()
    assert Feed.objects.count() == 1


def test_a_stranger_filtering_by_the_baby_gets_nothing(family):
    response = client_of(family, "stranger").get("/api/v1/feeds/", {"baby": family["baby"].pk})
    assert response.json()["results"] == []


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("export_format", ["csv", "json"])
def test_a_strangers_export_holds_no_ids_of_the_family(family, export_format):
    response = client_of(family, "stranger").get("/api/v1/export/", {"format": export_format})
    content = body_of(response)
    assert str(family["feed"].pk).encode() not in content
    assert str(family["baby"].pk).encode() not in content


def test_a_caregivers_export_holds_the_shared_feeds(family):
    response = client_of(family, "caregiver").get("/api/v1/export/", {"format": "csv"})
    assert str(family["feed"].pk).encode() in body_of(response)


# --- sync ---------------------------------------------------------------------


def push_one(client, mutation, device=None):
    return push(client, device or uuid.uuid4(), [mutation])


@pytest.mark.parametrize(
    "mutation",
    [
        pytest.param(lambda f: upsert(1, uuid.uuid4(), bottle(f)), id="new feed on their baby"),
        pytest.param(lambda f: upsert(1, f["feed"].pk, {"notes": "mine"}, 1), id="edit"),
        pytest.param(lambda f: delete(1, f["feed"].pk, 1), id="delete"),
    ],
)
def test_a_strangers_sync_mutation_on_the_family_is_rejected(family, mutation):
    before = snapshot()
    response = push_one(client_of(family, "stranger"), mutation(family))
    assert response.json()["results"][0]["status"] == "rejected"
    assert snapshot() == before


def test_a_rejected_foreign_feed_id_reveals_nothing_about_it(family):
    client = client_of(family, "stranger")
    theirs = push_one(client, upsert(1, family["feed"].pk, {"notes": "x"}, 1)).json()
    missing = push_one(client, upsert(1, uuid.uuid4(), {"notes": "x"}, 1)).json()
    assert theirs["results"][0]["errors"] == missing["results"][0]["errors"]


def test_a_strangers_pull_holds_nothing_of_the_family(family):
    body = client_of(family, "stranger").get(PULL).json()
    assert (body["changes"], body["babies"]) == ([], [])


def test_a_caregivers_pull_holds_the_shared_baby_and_its_feeds(family):
    body = client_of(family, "caregiver").get(PULL).json()
    assert [change["id"] for change in body["changes"]] == [str(family["feed"].pk)]
    assert [baby["id"] for baby in body["babies"]] == [str(family["baby"].pk)]


def test_a_device_id_of_another_account_gets_none_of_its_history(family):
    device = uuid.uuid4()
    push_one(client_of(family, "owner"), upsert(1, uuid.uuid4(), bottle(family)), device=device)
    before = snapshot()
    response = push_one(
        client_of(family, "stranger"), upsert(1, uuid.uuid4(), bottle(family)), device=device
    )
    assert response.status_code == 403
    assert list(response.json()) == ["device_id"]
    assert snapshot() == before


def test_a_cursor_from_another_account_is_refused(family):
    cursor = client_of(family, "owner").get(PULL).json()["cursor"]
    response = client_of(family, "stranger").get(PULL, {"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["codes"] == {"cursor": ["invalid_cursor"]}


def test_a_removed_caregiver_can_no_longer_push_to_the_baby_nor_pull_it(family):
    alex = client_of(family, "caregiver")
    Caregiver.objects.filter(user=family["caregiver"]).delete()
    before = snapshot()
    response = push_one(alex, upsert(1, family["feed"].pk, {"notes": "after leaving"}, 1))
    assert response.json()["results"][0]["status"] == "rejected"
    assert snapshot() == before
    assert alex.get(PULL).json()["changes"] == []


# --- invites --------------------------------------------------------------------


def test_an_invite_code_works_once(family):
    code = fresh_invite(family)
    assert token_client(UserFactory()).post("/api/v1/invites/accept/", code).status_code == 200
    before = snapshot()
    response = token_client(UserFactory()).post("/api/v1/invites/accept/", code)
    assert response.status_code == 400
    assert snapshot() == before


def test_an_expired_invite_code_is_refused(family):
    code = fresh_invite(family)
    Invite.objects.filter(**code).update(expires_at=timezone.now() - timedelta(minutes=1))
    before = snapshot()
    response = token_client(UserFactory()).post("/api/v1/invites/accept/", code)
    assert response.status_code == 400
    assert snapshot() == before
