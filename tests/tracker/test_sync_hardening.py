"""One mutation never blocks a phone's sync, a duplicate never resurrects a
feed, and a device never conflicts with itself."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import token_client
from tests.factories import BabyFactory, FeedFactory, UserFactory, add_caregiver
from tests.tracker.sync_client import bottle_data, delete, new_id, pull_all, push, upsert
from tracker.models import Feed
from tracker.writes import FeedWriter

pytestmark = pytest.mark.django_db

FEEDS = "/api/v1/feeds/"


def _running_breast(baby, segment_end="2100-01-01T00:00:00Z"):
    """A running breast feed whose one closed segment ends far in the future."""
    start = (timezone.now() - timedelta(minutes=30)).replace(microsecond=0).isoformat()
    return {
        "baby": str(baby.pk),
        "kind": "breast",
        "started_at": start,
        "ended_at": None,
        "segments": [{"side": "left", "started_at": start, "ended_at": segment_end}],
    }


def test_a_segment_ending_in_2100_is_a_400_on_post(auth_client, baby):
    response = auth_client.post(FEEDS, _running_breast(baby))
    assert response.status_code == 400
    assert "in_future" in response.json()["codes"]["segments"]
    assert not Feed.objects.exists()


def test_a_segment_ending_in_2100_is_a_400_on_patch(auth_client, baby):
    feed = FeedFactory(baby=baby, ended_at=None, segments=[])
    segments = _running_breast(baby)["segments"]
    segments[0]["started_at"] = feed.started_at.isoformat()
    response = auth_client.patch(f"{FEEDS}{feed.pk}/", {"segments": segments})
    assert response.status_code == 400
    assert "in_future" in response.json()["codes"]["segments"]
    assert Feed.objects.get(pk=feed.pk).version == feed.version


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        ("1999-12-31T23:00:00Z", "1999-12-31T23:10:00Z", "too_early"),
        ("0001-01-01T00:00:00Z", None, "too_early"),
        ("2026-01-01T00:00:00Z", "2026-01-01T13:00:00Z", "too_long"),
    ],
)
def test_segment_times_have_the_feeds_range_rules(auth_client, baby, start, end, code):
    body = {
        "baby": str(baby.pk),
        "kind": "breast",
        "started_at": "2026-01-01T00:00:00Z",
        "segments": [{"side": "left", "started_at": start, "ended_at": end}],
    }
    response = auth_client.post(FEEDS, body)
    assert response.status_code == 400
    assert code in response.json()["codes"]["segments"]


def test_a_push_with_a_segment_in_2100_rejects_it_and_applies_its_neighbours(auth_client, baby):
    device, before, bad, after = uuid.uuid4(), new_id(), new_id(), new_id()
    mutations = [
        upsert(1, before, bottle_data(baby)),
        upsert(2, bad, _running_breast(baby)),
        upsert(3, after, bottle_data(baby)),
    ]
    for _ in range(2):  # the retry answers the same, and the outbox drains
        response = push(auth_client, device, mutations)
        assert response.status_code == 200
    results = push(auth_client, device, mutations).json()["results"]
    assert [r["original_status"] for r in results] == ["applied", "rejected", "applied"]
    assert "in_future" in results[1]["codes"]["segments"]
    assert set(Feed.objects.values_list("pk", flat=True)) == {before, after}


def _failing_once(monkeypatch, target, name, feed_id):
    """Make ``target.name`` raise a bug for one feed id: an error nothing checked for."""
    real = getattr(target, name)

    def failing(*args, **kwargs):
        if str(kwargs.get("feed_id")) == str(feed_id):
            raise RuntimeError("a bug the checks did not catch")
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, failing)


@pytest.mark.parametrize("where", ["write", "check_new", "delete"])
def test_an_unexpected_error_rejects_that_mutation_only(
    auth_client, baby, monkeypatch, caplog, where
):
    device, edited, created, doomed = uuid.uuid4(), new_id(), new_id(), new_id()
    push(
        auth_client,
        device,
        [upsert(1, edited, bottle_data(baby)), upsert(2, doomed, bottle_data(baby))],
    )
    broken = {"write": edited, "check_new": created, "delete": doomed}[where]
    _failing_once(monkeypatch, FeedWriter, where, broken)
    mutations = [
        upsert(3, new_id(), bottle_data(baby)),
        upsert(4, edited, {"notes": "edited"}, 1),
        upsert(5, created, bottle_data(baby)),
        delete(6, doomed, 1),
        upsert(7, new_id(), bottle_data(baby, notes="after")),
    ]
    with caplog.at_level("ERROR", logger="tracker.sync"):
        response = push(auth_client, device, mutations)
    assert response.status_code == 200
    results = {r["seq"]: r for r in response.json()["results"]}
    failed = {4: edited, 5: created, 6: doomed}
    (seq,) = [s for s, f in failed.items() if f == broken]
    assert results[seq]["status"] == "rejected"
    assert results[seq]["codes"] == {"non_field_errors": ["server_error"]}
    assert all(r["status"] == "applied" for s, r in results.items() if s != seq)
    assert Feed.objects.filter(notes="after").exists()
    assert (
        "mutation 4" in caplog.text or "mutation 5" in caplog.text or "mutation 6" in caplog.text
    )
    assert "edited" not in caplog.text  # no feed data in the log


def test_a_duplicate_never_resurrects_a_feed_deleted_since(user):
    """Edit applied (answer lost), feed deleted elsewhere, phone pulls the tombstone, retries."""
    baby, partner = BabyFactory(owner=user), UserFactory()
    add_caregiver(baby, partner)
    phone, partner_phone = token_client(user), token_client(partner)
    device, feed_id = uuid.uuid4(), new_id()
    push(phone, device, [upsert(1, feed_id, bottle_data(baby))])
    edit = [upsert(2, feed_id, {"notes": "sleepy"}, 1)]
    assert push(phone, device, edit).status_code == 200  # ...and the answer is lost
    assert (
        push(partner_phone, uuid.uuid4(), [delete(1, feed_id, 2)]).json()["results"][0]["status"]
        == "applied"
    )
    tombstone = next(c for c in pull_all(phone)[0] if c["id"] == str(feed_id))
    (result,) = push(phone, device, edit).json()["results"]
    assert (result["status"], result["original_status"]) == ("duplicate", "applied")
    assert result["record"] == tombstone
    assert result["version"] == tombstone["version"]


def test_a_duplicate_answers_with_the_current_version(user):
    baby, partner = BabyFactory(owner=user), UserFactory()
    add_caregiver(baby, partner)
    phone, partner_phone = token_client(user), token_client(partner)
    device, feed_id = uuid.uuid4(), new_id()
    push(phone, device, [upsert(1, feed_id, bottle_data(baby))])
    push(partner_phone, uuid.uuid4(), [upsert(1, feed_id, {"amount_ml": 90}, 1)])
    (result,) = push(phone, device, [upsert(1, feed_id, bottle_data(baby))]).json()["results"]
    assert (result["version"], result["record"]["version"]) == (2, 2)
    assert result["record"]["amount_ml"] == 90


def test_two_queued_edits_of_one_field_from_one_phone_do_not_conflict(auth_client, baby):
    device, feed_id = uuid.uuid4(), new_id()
    push(auth_client, device, [upsert(1, feed_id, bottle_data(baby))])
    # Both edits were queued from version 1: the first was sent (its answer
    # lost), the second made before the phone heard back.
    body = push(
        auth_client,
        device,
        [upsert(2, feed_id, {"notes": "first"}, 1), upsert(3, feed_id, {"notes": "second"}, 1)],
    ).json()
    assert [r["status"] for r in body["results"]] == ["applied", "applied"]
    assert "overwritten" not in body["results"][1]
    assert Feed.objects.get(pk=feed_id).notes == "second"


def test_an_edit_over_another_phones_edit_of_the_field_is_still_a_conflict(user):
    baby, partner = BabyFactory(owner=user), UserFactory()
    add_caregiver(baby, partner)
    phone, partner_phone = token_client(user), token_client(partner)
    device, feed_id = uuid.uuid4(), new_id()
    push(phone, device, [upsert(1, feed_id, bottle_data(baby))])
    push(phone, device, [upsert(2, feed_id, {"notes": "mine"}, 1)])
    push(partner_phone, uuid.uuid4(), [upsert(1, feed_id, {"notes": "theirs"}, 2)])
    (result,) = push(phone, device, [upsert(3, feed_id, {"notes": "mine again"}, 1)]).json()[
        "results"
    ]
    assert result["status"] == "conflict"
    assert result["overwritten"] == {"notes": "theirs"}


def test_a_rest_edit_between_two_queued_edits_is_a_conflict(auth_client, baby):
    device, feed_id = uuid.uuid4(), new_id()
    push(auth_client, device, [upsert(1, feed_id, bottle_data(baby))])
    push(auth_client, device, [upsert(2, feed_id, {"notes": "phone"}, 1)])
    auth_client.patch(f"{FEEDS}{feed_id}/", {"notes": "web"})
    (result,) = push(auth_client, device, [upsert(3, feed_id, {"notes": "phone 2"}, 1)]).json()[
        "results"
    ]
    assert (result["status"], result["overwritten"]) == ("conflict", {"notes": "web"})
