"""Sync between devices: field-level merge, delete beats edit, and other accounts' data."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import token_client
from tests.factories import BabyFactory, UserFactory, add_caregiver
from tests.tracker.sync_client import bottle_data, delete, new_id, pull_all, push, upsert
from tracker.models import Baby, Feed, SyncReceipt

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(user):
    """A baby, its owner's phone and the partner's phone, and one synced bottle feed."""
    baby = BabyFactory(owner=user)
    partner = UserFactory()
    add_caregiver(baby, partner)
    phone, partner_phone = token_client(user), token_client(partner)
    feed_id = new_id()
    push(phone, PHONE, [upsert(1, feed_id, bottle_data(baby))])
    return baby, phone, partner_phone, feed_id


PHONE, PARTNER_PHONE = uuid.uuid4(), uuid.uuid4()


def test_two_devices_editing_different_fields_offline_both_survive(family):
    _, phone, partner_phone, feed_id = family
    mine = push(phone, PHONE, [upsert(2, feed_id, {"notes": "sleepy"}, 1)]).json()
    theirs = push(partner_phone, PARTNER_PHONE, [upsert(1, feed_id, {"amount_ml": 90}, 1)])
    result = theirs.json()["results"][0]
    assert mine["results"][0]["status"] == "applied"
    assert result["status"] == "applied"
    assert (result["record"]["notes"], result["record"]["amount_ml"]) == ("sleepy", 90)
    feed = Feed.objects.get(pk=feed_id)
    assert (feed.notes, feed.amount_ml, feed.version) == ("sleepy", 90, 3)


def test_same_field_edited_on_two_devices_later_arriving_wins_and_reports_overwritten(family):
    _, phone, partner_phone, feed_id = family
    push(phone, PHONE, [upsert(2, feed_id, {"amount_ml": 70.5}, 1)])
    body = push(partner_phone, PARTNER_PHONE, [upsert(1, feed_id, {"amount_ml": 90}, 1)]).json()
    result = body["results"][0]
    assert result["status"] == "conflict"
    assert result["record"]["amount_ml"] == 90
    # Rendered as the record renders it, so the UI can offer "undo" as is.
    assert result["overwritten"] == {"amount_ml": 70.5}
    assert Feed.objects.get(pk=feed_id).amount_ml == 90


def test_conflict_overwritten_map_names_only_the_fields_both_changed(family):
    _, phone, partner_phone, feed_id = family
    push(phone, PHONE, [upsert(2, feed_id, {"notes": "mine", "letdown_count": 2}, 1)])
    edit = {"notes": "theirs", "amount_ml": 100}
    body = push(partner_phone, PARTNER_PHONE, [upsert(1, feed_id, edit, 1)]).json()
    result = body["results"][0]
    assert result["overwritten"] == {"notes": "mine"}
    assert (result["record"]["letdown_count"], result["record"]["amount_ml"]) == (2, 100)


def test_edit_arriving_after_a_delete_is_a_conflict_and_does_not_resurrect(family):
    baby, phone, partner_phone, feed_id = family
    push(phone, PHONE, [delete(2, feed_id, base_version=1)])
    body = push(partner_phone, PARTNER_PHONE, [upsert(1, feed_id, {"notes": "hi"}, 1)]).json()
    result = body["results"][0]
    assert result["status"] == "conflict"
    assert result["record"] == {
        "id": str(feed_id),
        "deleted": True,
        "version": 2,
        "baby": str(baby.pk),
    }
    feed = Feed.objects.get(pk=feed_id)
    assert (feed.is_deleted, feed.notes, feed.version) == (True, "", 2)


def test_whole_feed_upsert_of_a_deleted_id_does_not_bring_it_back(family):
    baby, phone, _, feed_id = family
    push(phone, PHONE, [delete(2, feed_id)])
    body = push(phone, PHONE, [upsert(3, feed_id, bottle_data(baby))]).json()
    assert body["results"][0]["status"] == "conflict"
    assert body["results"][0]["record"]["deleted"] is True
    assert Feed.objects.live().count() == 0


def test_delete_arriving_after_an_edit_still_deletes(family):
    _, phone, partner_phone, feed_id = family
    push(partner_phone, PARTNER_PHONE, [upsert(1, feed_id, {"notes": "hi"}, 1)])
    body = push(phone, PHONE, [delete(2, feed_id, base_version=1)]).json()
    assert body["results"][0]["status"] == "applied"
    assert Feed.objects.get(pk=feed_id).is_deleted


def test_deleted_feed_reaches_the_other_device_as_a_tombstone(family):
    _, phone, partner_phone, feed_id = family
    _, cursor = pull_all(partner_phone)
    push(phone, PHONE, [delete(2, feed_id)])
    changes, _ = pull_all(partner_phone, cursor)
    assert [(c["id"], c["deleted"]) for c in changes] == [(str(feed_id), True)]


def test_feed_of_another_account_is_rejected_without_touching_or_revealing_it(family, user):
    baby, _, _, feed_id = family
    stranger = token_client(UserFactory())
    before = Feed.objects.get(pk=feed_id)
    missing = new_id()
    mutations = [
        upsert(1, feed_id, {"notes": "mine now"}, 1),
        delete(2, feed_id),
        upsert(3, feed_id, bottle_data(baby)),
        upsert(4, missing, {"notes": "mine now"}, 1),
        delete(5, missing),
    ]
    body = push(stranger, uuid.uuid4(), mutations).json()
    errors = [(r["status"], r["errors"], r["record"]) for r in body["results"]]
    not_shared = ("rejected", {"id": ["No feed with this id is shared with you."]}, None)
    assert errors[:2] == [not_shared, not_shared]
    assert errors[3:] == [not_shared, not_shared]
    # A create naming someone else's baby is refused the same way, by field.
    assert errors[2][0] == "rejected"
    after = Feed.objects.get(pk=feed_id)
    assert (after.notes, after.version, after.change_seq) == (
        before.notes,
        before.version,
        before.change_seq,
    )
    assert Baby.objects.get(pk=baby.pk).write_seq == 1


def test_create_for_a_baby_of_another_account_is_rejected_naming_baby(family):
    baby, _, _, _ = family
    stranger = token_client(UserFactory())
    body = push(stranger, uuid.uuid4(), [upsert(1, new_id(), bottle_data(baby))]).json()
    assert body["results"][0]["errors"] == {"baby": ["No baby with this id is shared with you."]}


def test_device_id_used_by_another_account_is_refused_and_reveals_nothing(family):
    baby, _, _, _ = family
    stranger = token_client(UserFactory())
    response = push(stranger, PHONE, [upsert(1, new_id(), bottle_data(baby))])
    assert response.status_code == 403
    assert list(response.json()) == ["device_id"]
    replay = push(stranger, PHONE, [upsert(1, new_id(), {"notes": "x"})])
    assert "results" not in replay.json()
    assert SyncReceipt.objects.filter(device_id=PHONE).count() == 1


def test_device_with_a_wrong_clock_cannot_reorder_anything(family):
    """Order is arrival order (change_seq); a phone's clock only dates its own feeds."""
    baby, phone, partner_phone, feed_id = family
    _, cursor = pull_all(phone)
    days_behind = timezone.now() - timedelta(days=3)
    behind = {"notes": "from the past", "started_at": days_behind.isoformat()}
    behind["ended_at"] = (days_behind + timedelta(minutes=5)).isoformat()
    push(phone, PHONE, [upsert(2, feed_id, {"notes": "first"}, 1)])
    late = push(partner_phone, PARTNER_PHONE, [upsert(1, feed_id, behind, 1)]).json()
    assert late["results"][0]["status"] == "conflict"
    assert Feed.objects.get(pk=feed_id).notes == "from the past"
    ahead = (timezone.now() + timedelta(hours=3)).isoformat()
    future = push(phone, PHONE, [upsert(3, new_id(), bottle_data(baby, started_at=ahead))])
    assert "started_at" in future.json()["results"][0]["errors"]
    changes, _ = pull_all(phone, cursor)
    assert [c["version"] for c in changes] == [3]
