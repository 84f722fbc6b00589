"""Deleted health data is really gone: checked with SQL against the tables.

- A deleted feed's row is a tombstone: id, baby, version, deleted time (and
  the kind the table's checks need); no notes, times, amounts or milk type.
- Sync receipts hold no feed data: a replay renders the feed as it stands
  now, so nothing comes back after a delete, a baby leaving or an account
  being deleted.
- Deleting an account deletes its sessions (on every browser) and tokens.
- The data migration scrubs tombstones and receipts written before.
"""

import importlib
import uuid
from datetime import timedelta

import pytest
from django.apps import apps as global_apps
from django.db import connection
from rest_framework.test import APIClient

from tests.conftest import token_client
from tests.factories import PASSWORD, BabyFactory, FeedFactory, UserFactory, add_caregiver
from tests.tracker.sync_client import bottle_data, delete, new_id, push, upsert
from tracker.models import Feed, SyncReceipt

pytestmark = pytest.mark.django_db

SECRET = "night feed, cracked nipple, saw Dr Okafor"


def _row(table: str, where: str, *params) -> dict | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE {where}", params)  # noqa: S608 (test SQL)
        columns = [c[0] for c in cursor.description]
        row = cursor.fetchone()
    return dict(zip(columns, row, strict=True)) if row else None


def _all_text(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (test SQL)
        return repr(cursor.fetchall())


def _pump(baby, **extra):
    start = bottle_data(baby)["started_at"]
    return {
        **bottle_data(baby, kind="pump", amount_ml=None, milk_type=None),
        "left_ml": 123.45,
        "right_ml": 65.5,
        "letdown_count": 3,
        "signs": ["tingling", "leaking"],
        "segments": [{"side": "left", "started_at": start, "ended_at": start}],
        "notes": SECRET,
        **extra,
    }


def test_a_deleted_feeds_row_keeps_only_a_tombstone(auth_client, user):
    baby = BabyFactory(owner=user)
    bottle = FeedFactory(baby=baby, kind="bottle", amount_ml=90, milk_type="formula", notes=SECRET)
    assert auth_client.delete(f"/api/v1/feeds/{bottle.pk}/").status_code == 204
    row = _row(
        "tracker_feed", "id = %s", bottle.pk.hex if connection.vendor == "sqlite" else bottle.pk
    )
    assert row["notes"] == ""
    assert (row["amount_ml"], row["milk_type"], row["ended_at"]) == (None, None, None)
    assert row["deleted_at"] is not None
    assert row["version"] == bottle.version + 1
    assert row["started_at"] == row["deleted_at"]  # not when the feed was
    assert row["segments"] in ("[]", [])
    assert SECRET not in _all_text("tracker_feed")


def test_a_feed_deleted_through_sync_is_scrubbed_too(auth_client, user):
    baby, device, feed_id = BabyFactory(owner=user), uuid.uuid4(), new_id()
    push(auth_client, device, [upsert(1, feed_id, _pump(baby))])
    body = push(auth_client, device, [delete(2, feed_id, 1)]).json()
    assert body["results"][0]["record"] == {
        "id": str(feed_id),
        "deleted": True,
        "version": 2,
        "baby": str(baby.pk),
    }
    feed = Feed.objects.get(pk=feed_id)
    assert (feed.left_ml, feed.right_ml, feed.letdown_count, feed.signs, feed.segments) == (
        None,
        None,
        0,
        [],
        [],
    )
    assert (feed.left_seconds, feed.duration_seconds, feed.first_side) == (0, 0, None)
    assert (feed.field_versions, feed.field_writers) == ({}, {})
    assert SECRET not in _all_text("tracker_feed")


def test_receipts_store_no_feed_data(auth_client, user):
    baby, device, feed_id = BabyFactory(owner=user), uuid.uuid4(), new_id()
    push(
        auth_client,
        device,
        [upsert(1, feed_id, _pump(baby)), upsert(2, feed_id, {"notes": SECRET + "!"}, 1)],
    )
    assert SECRET not in _all_text("tracker_syncreceipt")
    assert "123.45" not in _all_text("tracker_syncreceipt")  # no amounts either
    for receipt in SyncReceipt.objects.all():
        assert set(receipt.result) == {"seq", "status", "feed", "errors", "codes"}


def test_a_replay_after_the_owner_deleted_the_account_hands_back_no_note(user):
    """The caregiver's old seq once brought the owner's note back after the account was gone."""
    baby, partner = BabyFactory(owner=user), UserFactory()
    add_caregiver(baby, partner)
    partner_phone, device, feed_id = token_client(partner), uuid.uuid4(), new_id()
    mutations = [upsert(1, feed_id, bottle_data(baby, notes=SECRET))]
    assert push(partner_phone, device, mutations).json()["results"][0]["status"] == "applied"
    owner = token_client(user)
    assert owner.delete("/api/v1/account/", {"password": PASSWORD}).status_code == 204
    body = push(partner_phone, device, mutations).json()
    (result,) = body["results"]
    assert (result["status"], result["original_status"]) == ("duplicate", "applied")
    assert (result["record"], result["version"]) == (None, None)
    assert SECRET not in repr(body)


def test_a_replay_after_the_baby_was_unshared_hands_back_nothing_of_it(user):
    baby, partner = BabyFactory(owner=user), UserFactory()
    add_caregiver(baby, partner)
    partner_phone, device, feed_id = token_client(partner), uuid.uuid4(), new_id()
    mutations = [upsert(1, feed_id, bottle_data(baby, notes=SECRET))]
    push(partner_phone, device, mutations)
    owner = token_client(user)
    assert owner.delete(f"/api/v1/babies/{baby.pk}/caregivers/{partner.pk}/").status_code == 204
    body = push(partner_phone, device, mutations).json()
    assert body["results"][0]["record"] is None
    assert SECRET not in repr(body)


def test_deleting_the_account_deletes_its_sessions_and_tokens(user):
    other = UserFactory()
    browsers = [APIClient(), APIClient()]
    for browser in browsers:
        browser.login(username=user.username, password=PASSWORD)
    bystander = APIClient()
    bystander.login(username=other.username, password=PASSWORD)
    token_client(user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_session")
        assert cursor.fetchone()[0] == 3
    response = browsers[0].delete("/api/v1/account/", {"password": PASSWORD}, format="json")
    assert response.status_code == 204
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_key FROM django_session")
        left = [key for (key,) in cursor.fetchall()]
        cursor.execute("SELECT COUNT(*) FROM authtoken_token WHERE user_id = %s", [user.pk])
        assert cursor.fetchone()[0] == 0
    # Only the bystander's session is left (a fresh anonymous one may follow
    # the sign-out, but it is signed in as no one).
    from django.contrib.sessions.models import Session

    signed_in = [Session.objects.get(pk=k).get_decoded().get("_auth_user_id") for k in left]
    assert [uid for uid in signed_in if uid] == [str(other.pk)]
    # The other browser of the deleted account is signed out ("not signed in" is an answer).
    assert browsers[1].get("/api/v1/auth/session/").json() == {"authenticated": False}


def test_the_migration_scrubs_tombstones_and_receipts_written_before(auth_client, user):
    baby, device, feed_id = BabyFactory(owner=user), uuid.uuid4(), new_id()
    push(auth_client, device, [upsert(1, feed_id, _pump(baby)), delete(2, feed_id, 1)])
    # As the code before this change left them: a tombstone with its data, a
    # receipt with the whole record.
    Feed.objects.filter(pk=feed_id).update(notes=SECRET, left_ml=80, letdown_count=3)
    old = SyncReceipt.objects.get(seq=1)
    old.result = {**old.result, "record": {"id": str(feed_id), "notes": SECRET}, "version": 1}
    del old.result["feed"]
    old.save()
    migration = importlib.import_module("tracker.migrations.0004_scrub_deleted_data")
    migration.scrub_tombstones(global_apps, None)
    migration.minimal_receipts(global_apps, None)
    assert SECRET not in _all_text("tracker_feed") + _all_text("tracker_syncreceipt")
    feed = Feed.objects.get(pk=feed_id)
    assert (feed.left_ml, feed.letdown_count, feed.started_at) == (None, 0, feed.deleted_at)
    assert SyncReceipt.objects.get(seq=1).result["feed"] == str(feed_id)
    assert feed.started_at - feed.deleted_at == timedelta(0)
