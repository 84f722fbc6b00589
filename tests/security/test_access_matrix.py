"""
The access matrix extended to sync, export, invites, roles and the admin.

tests/tracker/test_access_matrix.py covers a stranger on babies and feeds by id.
Here: what a stranger can reach through sync (push and pull), export and
invites; what a caregiver may and may not do; what a removed caregiver keeps
(nothing); and that the admin is for staff with permissions only.
"""

import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from tests.conftest import token_client
from tests.factories import BabyFactory, FeedFactory, UserFactory, add_caregiver
from tracker.models import Baby, Caregiver, Feed, Invite

PUSH, PULL = "/api/v1/sync/push/", "/api/v1/sync/pull/"


@pytest.fixture
def family(user):
    """Sam's baby with one feed; Alex is a caregiver; a stranger has an account too."""
    baby = BabyFactory(owner=user)
    alex = UserFactory()
    add_caregiver(baby, alex)
    return {"baby": baby, "feed": FeedFactory(baby=baby), "owner": user, "caregiver": alex}


def snapshot():
    return (
        sorted(Baby.objects.values_list("pk", "name")),
        sorted(Feed.objects.values_list("pk", "version", "notes", "deleted_at")),
        sorted(Caregiver.objects.values_list("baby_id", "user_id", "role")),
        Invite.objects.count(),
    )


def bottle(baby_id) -> dict:
    start = (timezone.now() - timedelta(hours=1)).replace(microsecond=0)
    return {
        "baby": str(baby_id), "kind": "bottle", "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=10)).isoformat(), "amount_ml": 60,
        "milk_type": "formula",
    }  # fmt: skip


def push(client, *mutations, device=None):
    body = {"device_id": str(device or uuid.uuid4()), "mutations": list(mutations)}
    return client.post(PUSH, body, format="json")


def upsert(seq, feed_id, data, base_version=None):
    return {"seq": seq, "op": "upsert", "entity": "feed", "id": str(feed_id),
            "base_version": base_version, "data": data}  # fmt: skip


# --- sync -------------------------------------------------------------------


def test_a_stranger_cannot_push_a_feed_onto_someone_elses_baby(other_client, family):
    before = snapshot()
    response = push(other_client, upsert(1, uuid.uuid4(), bottle(family["baby"].pk)))
    assert response.status_code == 200
    assert response.json()["results"][0]["status"] == "rejected"
    assert snapshot() == before


def test_a_stranger_cannot_edit_someone_elses_feed_through_sync(other_client, family):
    before = snapshot()
    response = push(other_client, upsert(1, family["feed"].pk, {"notes": "mine"}, 1))
    assert response.json()["results"][0]["status"] == "rejected"
    assert snapshot() == before


def test_a_stranger_cannot_delete_someone_elses_feed_through_sync(other_client, family):
    before = snapshot()
    feed_id = family["feed"].pk
    mutation = {"seq": 1, "op": "delete", "entity": "feed", "id": str(feed_id), "base_version": 1}
    response = push(other_client, mutation)
    assert response.json()["results"][0]["status"] == "rejected"
    assert snapshot() == before


def test_a_rejected_foreign_feed_id_reveals_nothing_about_it(other_client, family):
    """The answer for someone else's feed id is the answer for an id that does not exist."""
    theirs = push(other_client, upsert(1, family["feed"].pk, {"notes": "x"}, 1)).json()
    missing = push(other_client, upsert(1, uuid.uuid4(), {"notes": "x"}, 1)).json()
    assert theirs["results"][0]["errors"] == missing["results"][0]["errors"]


def test_a_strangers_pull_holds_nothing_of_the_family(other_client, family):
    body = other_client.get(PULL).json()
    assert body["changes"] == []
    assert body["babies"] == []


def test_a_caregivers_pull_holds_the_shared_baby_and_its_feeds(family):
    body = token_client(family["caregiver"]).get(PULL).json()
    assert [change["id"] for change in body["changes"]] == [str(family["feed"].pk)]
    assert [baby["id"] for baby in body["babies"]] == [str(family["baby"].pk)]


def test_a_device_id_of_another_account_gets_none_of_its_history(
    auth_client, other_client, family
):
    device = uuid.uuid4()
    push(auth_client, upsert(1, uuid.uuid4(), bottle(family["baby"].pk)), device=device)
    before = snapshot()
    response = push(
        other_client, upsert(1, uuid.uuid4(), bottle(family["baby"].pk)), device=device
    )
    # Refused (403), or treated as the stranger's own device (a rejected mutation):
    # never the owner's stored result for seq 1.
    if response.status_code == 200:
        result = response.json()["results"][0]
        assert result["status"] == "rejected"
        assert result.get("record") is None
    else:
        assert response.status_code == 403
    assert snapshot() == before


def test_a_cursor_from_another_account_is_refused(auth_client, other_client, family):
    cursor = auth_client.get(PULL).json()["cursor"]
    response = other_client.get(PULL, {"cursor": cursor})
    assert response.status_code == 400


def test_a_removed_caregiver_can_no_longer_push_to_the_baby(family):
    alex_client = token_client(family["caregiver"])
    Caregiver.objects.filter(user=family["caregiver"]).delete()
    before = snapshot()
    response = push(alex_client, upsert(1, family["feed"].pk, {"notes": "after leaving"}, 1))
    assert response.json()["results"][0]["status"] == "rejected"
    assert snapshot() == before


def test_a_removed_caregiver_pulls_nothing_more(family):
    alex_client = token_client(family["caregiver"])
    Caregiver.objects.filter(user=family["caregiver"]).delete()
    assert alex_client.get(PULL).json()["changes"] == []


# --- export -----------------------------------------------------------------


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_caregivers_export_holds_the_shared_feeds(family):
    response = token_client(family["caregiver"]).get("/api/v1/export/", {"format": "csv"})
    assert response.status_code == 200
    assert str(family["feed"].pk).encode() in body_of(response)


def test_a_strangers_export_holds_no_ids_of_the_family(other_client, family):
    content = body_of(other_client.get("/api/v1/export/", {"format": "json"}))
    assert str(family["feed"].pk).encode() not in content
    assert str(family["baby"].pk).encode() not in content


def test_export_is_for_signed_in_users_only(api_client, family):
    assert api_client.get("/api/v1/export/", {"format": "csv"}).status_code in (401, 403)


# --- invites and roles ------------------------------------------------------


def test_a_caregiver_cannot_invite(family):
    before = snapshot()
    response = token_client(family["caregiver"]).post(
        f"/api/v1/babies/{family['baby'].pk}/invites/"
    )
    assert response.status_code in (403, 404)
    assert snapshot() == before


def test_a_caregiver_cannot_rename_the_baby(family):
    before = snapshot()
    client = token_client(family["caregiver"])
    response = client.patch(
        f"/api/v1/babies/{family['baby'].pk}/", {"name": "Renamed"}, format="json"
    )
    assert response.status_code in (403, 404)
    assert snapshot() == before


def test_a_caregiver_cannot_delete_the_baby(family):
    before = snapshot()
    response = token_client(family["caregiver"]).delete(f"/api/v1/babies/{family['baby'].pk}/")
    assert response.status_code in (403, 404)
    assert snapshot() == before


def test_a_caregiver_cannot_remove_the_owner(family):
    before = snapshot()
    url = f"/api/v1/babies/{family['baby'].pk}/caregivers/{family['owner'].pk}/"
    response = token_client(family["caregiver"]).delete(url)
    assert response.status_code in (400, 403, 404)
    assert snapshot() == before


def test_a_caregiver_may_edit_a_feed(family):
    client = token_client(family["caregiver"])
    response = client.patch(
        f"/api/v1/feeds/{family['feed'].pk}/", {"notes": "burped"}, format="json"
    )
    assert response.status_code == 200


def test_an_invite_code_works_once(auth_client, family):
    code = auth_client.post(f"/api/v1/babies/{family['baby'].pk}/invites/").json()["code"]
    first, second = UserFactory(), UserFactory()
    assert token_client(first).post("/api/v1/invites/accept/", {"code": code}).status_code == 200
    before = snapshot()
    response = token_client(second).post("/api/v1/invites/accept/", {"code": code})
    assert response.status_code == 400
    assert snapshot() == before


def test_an_expired_invite_code_is_refused(auth_client, family):
    code = auth_client.post(f"/api/v1/babies/{family['baby'].pk}/invites/").json()["code"]
    Invite.objects.filter(code=code).update(expires_at=timezone.now() - timedelta(minutes=1))
    before = snapshot()
    response = token_client(UserFactory()).post("/api/v1/invites/accept/", {"code": code})
    assert response.status_code == 400
    assert snapshot() == before


def test_accepting_an_invite_needs_an_account(api_client, auth_client, family):
    code = auth_client.post(f"/api/v1/babies/{family['baby'].pk}/invites/").json()["code"]
    assert api_client.post("/api/v1/invites/accept/", {"code": code}).status_code in (401, 403)


# --- admin ------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/admin/", "/admin/auth/user/", "/admin/tracker/feed/"])
def test_the_admin_is_closed_to_parents(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_admin_is_closed_to_api_tokens(auth_client):
    # A token authenticates the API only; the admin needs a staff session.
    response = auth_client.get("/admin/")
    assert response.status_code == 302


def test_staff_without_permissions_see_no_user_list(db):
    staff = UserFactory(is_staff=True)
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/auth/user/").status_code == 403


def test_staff_with_article_rights_cannot_list_users(db):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/auth/user/").status_code == 403
