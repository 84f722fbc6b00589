"""POST /api/v1/sync/push/: exactly-once delivery, seq rules and per-mutation results."""

import uuid

import pytest

from tests.tracker.sync_client import bottle_data, delete, new_id, push, upsert
from tracker.models import Baby, Feed, SyncDevice, SyncReceipt

pytestmark = pytest.mark.django_db


def _three(baby, feed_id):
    return [
        upsert(1, feed_id, bottle_data(baby)),
        upsert(2, feed_id, {"notes": "sleepy"}, base_version=1),
        upsert(3, new_id(), bottle_data(baby, amount_ml=90)),
    ]


def _snapshot():
    return sorted(Feed.objects.values_list("id", "version", "change_seq", "notes"))


def test_push_applies_mutations_in_order_and_answers_each(auth_client, baby):
    feed_id = new_id()
    response = push(auth_client, uuid.uuid4(), _three(baby, feed_id))
    assert response.status_code == 200
    body = response.json()
    assert body["last_seq"] == 3
    assert [(r["seq"], r["status"], r["version"]) for r in body["results"]] == [
        (1, "applied", 1),
        (2, "applied", 2),
        (3, "applied", 1),
    ]
    assert body["results"][1]["record"]["notes"] == "sleepy"
    assert Feed.objects.get(pk=feed_id).notes == "sleepy"


def test_replayed_push_changes_nothing_and_returns_the_stored_results(auth_client, baby):
    device, mutations = uuid.uuid4(), _three(baby, new_id())
    first = push(auth_client, device, mutations).json()
    before = _snapshot()
    # What the feeds are now: a replay answers with these, never an older version.
    now = {r["record"]["id"]: r["record"] for r in first["results"]}
    for _ in range(3):
        again = push(auth_client, device, mutations).json()
        assert again["last_seq"] == 3
        for stored, replayed in zip(first["results"], again["results"], strict=True):
            assert replayed["status"] == "duplicate"
            assert replayed["original_status"] == stored["status"]
            assert (replayed["errors"], replayed["codes"]) == (stored["errors"], stored["codes"])
            current = now[stored["record"]["id"]]
            assert (replayed["version"], replayed["record"]) == (current["version"], current)
    assert _snapshot() == before
    assert SyncReceipt.objects.count() == 3


def test_partial_replay_repeats_old_results_and_applies_only_the_new_mutation(auth_client, baby):
    device, feed_id = uuid.uuid4(), new_id()
    push(auth_client, device, _three(baby, feed_id)[:2])
    mutations = [*_three(baby, feed_id)[1:], upsert(4, feed_id, {"notes": "fed well"}, 2)]
    body = push(auth_client, device, mutations).json()
    assert [r["status"] for r in body["results"]] == ["duplicate", "applied", "applied"]
    assert body["last_seq"] == 4
    assert Feed.objects.get(pk=feed_id).notes == "fed well"
    assert Feed.objects.count() == 2


def test_lost_response_retry_gets_the_result_without_applying_twice(auth_client, baby):
    device, feed_id = uuid.uuid4(), new_id()
    mutations = [upsert(1, feed_id, bottle_data(baby)), delete(2, feed_id, base_version=1)]
    push(auth_client, device, mutations)  # the server applied it; the phone never heard back
    write_seq = Baby.objects.get(pk=baby.pk).write_seq
    retry = push(auth_client, device, mutations).json()
    assert [(r["status"], r["original_status"]) for r in retry["results"]] == [
        ("duplicate", "applied"),
        ("duplicate", "applied"),
    ]
    assert Baby.objects.get(pk=baby.pk).write_seq == write_seq
    assert Feed.objects.get(pk=feed_id).version == 2


def test_seq_gap_answers_409_with_last_seq_and_applies_nothing(auth_client, baby):
    device = uuid.uuid4()
    push(auth_client, device, [upsert(1, new_id(), bottle_data(baby))])
    before = _snapshot()
    response = push(auth_client, device, [upsert(3, new_id(), bottle_data(baby))])
    assert response.status_code == 409
    assert response.json()["last_seq"] == 1
    assert _snapshot() == before
    assert SyncDevice.objects.get(pk=device).last_seq == 1


def test_first_push_of_a_new_device_must_start_at_seq_one(auth_client, baby):
    device = uuid.uuid4()
    response = push(auth_client, device, [upsert(2, new_id(), bottle_data(baby))])
    assert response.status_code == 409
    assert response.json()["last_seq"] == 0
    assert not Feed.objects.exists()


def test_non_consecutive_seqs_in_one_push_are_refused_naming_mutations(auth_client, baby):
    mutations = [upsert(1, new_id(), bottle_data(baby)), upsert(3, new_id(), bottle_data(baby))]
    response = push(auth_client, uuid.uuid4(), mutations)
    assert response.status_code == 400
    assert "mutations" in response.json()
    assert not Feed.objects.exists()


def test_rejected_mutation_still_consumes_its_seq(auth_client, baby):
    device = uuid.uuid4()
    bad = upsert(1, new_id(), bottle_data(baby, amount_ml=5000))
    body = push(auth_client, device, [bad]).json()
    assert body["results"][0]["status"] == "rejected"
    assert "amount_ml" in body["results"][0]["errors"]
    assert body["last_seq"] == 1
    after = push(auth_client, device, [upsert(2, new_id(), bottle_data(baby))])
    assert after.status_code == 200
    assert after.json()["results"][0]["status"] == "applied"


def test_rejected_mutation_leaves_the_rest_of_the_push_applied(auth_client, baby):
    mutations = [
        upsert(1, new_id(), bottle_data(baby)),
        upsert(2, new_id(), bottle_data(baby, kind="telepathy")),
        upsert(3, new_id(), bottle_data(baby)),
    ]
    body = push(auth_client, uuid.uuid4(), mutations).json()
    assert [r["status"] for r in body["results"]] == ["applied", "rejected", "applied"]
    assert "kind" in body["results"][1]["errors"]
    assert Feed.objects.count() == 2


def test_rejected_edit_returns_the_feed_as_it_still_stands(auth_client, baby):
    device, feed_id = uuid.uuid4(), new_id()
    push(auth_client, device, [upsert(1, feed_id, bottle_data(baby))])
    body = push(auth_client, device, [upsert(2, feed_id, {"letdown_count": 99}, 1)]).json()
    result = body["results"][0]
    assert result["status"] == "rejected"
    assert "letdown_count" in result["errors"]
    assert (result["version"], result["record"]["letdown_count"]) == (1, 0)


def test_edit_of_an_unknown_id_is_rejected_naming_id(auth_client, baby):
    body = push(auth_client, uuid.uuid4(), [upsert(1, new_id(), {"notes": "x"}, 4)]).json()
    assert body["results"][0]["status"] == "rejected"
    assert body["results"][0]["errors"] == {"id": ["No feed with this id is shared with you."]}


def test_upsert_of_an_unknown_id_without_base_version_creates_the_feed(auth_client, baby):
    feed_id = new_id()
    body = push(auth_client, uuid.uuid4(), [upsert(1, feed_id, bottle_data(baby))]).json()
    assert body["results"][0]["record"]["id"] == str(feed_id)
    assert Feed.objects.get(pk=feed_id).created_by.pk == baby.caregivers.get().user_id


def test_delete_of_an_already_deleted_feed_is_applied_and_changes_nothing(auth_client, baby):
    device, feed_id = uuid.uuid4(), new_id()
    push(auth_client, device, [upsert(1, feed_id, bottle_data(baby)), delete(2, feed_id)])
    body = push(auth_client, device, [delete(3, feed_id)]).json()
    assert (body["results"][0]["status"], body["results"][0]["version"]) == ("applied", 2)
    assert body["results"][0]["record"] == {
        "id": str(feed_id),
        "deleted": True,
        "version": 2,
        "baby": str(baby.pk),
    }


def test_empty_push_reports_the_devices_last_seq(auth_client, baby):
    device = uuid.uuid4()
    push(auth_client, device, [upsert(1, new_id(), bottle_data(baby))])
    body = push(auth_client, device, []).json()
    assert body == {"last_seq": 1, "results": []}


def test_client_timestamps_and_versions_in_data_are_rejected_with_codes(auth_client, baby):
    feed_id, good = new_id(), new_id()
    data = bottle_data(baby, version=999, updated_at="2099-01-01T00:00:00Z", change_seq=7)
    mutations = [upsert(1, feed_id, data), upsert(2, good, bottle_data(baby))]
    body = push(auth_client, uuid.uuid4(), mutations).json()
    refused, applied = body["results"]
    assert refused["status"] == "rejected"
    assert refused["codes"] == {
        "version": ["read_only"],
        "updated_at": ["read_only"],
        "change_seq": ["unknown_field"],
    }
    assert list(refused["errors"]) == list(refused["codes"])
    assert applied["status"] == "applied"
    assert not Feed.objects.filter(pk=feed_id).exists()


def test_an_upsert_saying_deleted_is_rejected_not_applied(auth_client, baby):
    device, feed_id = uuid.uuid4(), new_id()
    push(auth_client, device, [upsert(1, feed_id, bottle_data(baby))])
    body = push(auth_client, device, [upsert(2, feed_id, {"deleted": True}, 1)]).json()
    (result,) = body["results"]
    assert (result["status"], result["codes"]) == ("rejected", {"deleted": ["read_only"]})
    assert result["record"]["version"] == 1  # the feed as it still stands, to revert to
    feed = Feed.objects.get(pk=feed_id)
    assert (feed.version, feed.deleted_at) == (1, None)


def test_push_needs_a_signed_in_user(api_client, baby):
    response = push(api_client, uuid.uuid4(), [upsert(1, new_id(), bottle_data(baby))])
    assert response.status_code in (401, 403)
    assert not Feed.objects.exists()


def test_replay_of_a_seq_whose_receipt_was_cleaned_up_is_still_a_duplicate(auth_client, baby):
    device, feed_id = uuid.uuid4(), new_id()
    push(auth_client, device, [upsert(1, feed_id, bottle_data(baby))])
    SyncReceipt.objects.filter(device_id=device).delete()
    body = push(auth_client, device, [upsert(1, feed_id, bottle_data(baby, notes="again"))]).json()
    assert body["results"] == [
        {
            "seq": 1,
            "status": "duplicate",
            "original_status": None,
            "version": None,
            "record": None,
            "errors": None,
            "codes": None,
        }
    ]
    assert Feed.objects.get(pk=feed_id).notes == ""
