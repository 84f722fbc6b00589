"""Let-downs on a feed (API contract, "Additions → Let-downs on a feed").

``letdowns`` holds the moments a parent tapped "let-down" during a feed:
ordered, inside the feed's span, at most 20, ``ml`` only on a pump. The count
follows from the list; a client that sends only ``letdown_count`` keeps working.
"""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import BabyFactory, UserFactory
from tests.tracker.sync_client import new_id, pull_all, push, upsert
from tracker.models import Feed

pytestmark = pytest.mark.django_db

FEEDS = "/api/v1/feeds/"


def _iso(moment):
    return moment.isoformat().replace("+00:00", "Z")


@pytest.fixture
def start():
    return timezone.now().replace(microsecond=0) - timedelta(hours=1)


def _breast(baby, start, **extra):
    end = start + timedelta(minutes=20)
    return {
        "baby": str(baby.pk),
        "kind": "breast",
        "started_at": _iso(start),
        "ended_at": _iso(end),
        "segments": [
            {"side": "left", "started_at": _iso(start), "ended_at": _iso(end)},
        ],
        **extra,
    }


def _at(start, minutes, ml=None):
    return {"at": _iso(start + timedelta(minutes=minutes)), "ml": ml}


# --- REST --------------------------------------------------------------------


def test_letdowns_are_stored_in_order_and_set_the_count(auth_client, baby, start):
    data = _breast(baby, start, letdowns=[_at(start, 2), _at(start, 9)])
    response = auth_client.post(FEEDS, data, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["letdown_count"] == 2
    assert [item["at"] for item in body["letdowns"]] == [
        _iso(start + timedelta(minutes=2)),
        _iso(start + timedelta(minutes=9)),
    ]
    assert body["letdowns"][0]["ml"] is None
    assert auth_client.get(f"{FEEDS}{body['id']}/").json()["letdowns"] == body["letdowns"]


def test_a_sent_count_that_disagrees_with_the_times_follows_the_times(auth_client, baby, start):
    data = _breast(baby, start, letdowns=[_at(start, 2)], letdown_count=5)
    body = auth_client.post(FEEDS, data, format="json").json()
    assert body["letdown_count"] == 1


def test_an_old_client_sending_only_a_count_gets_an_empty_list(auth_client, baby, start):
    body = auth_client.post(FEEDS, _breast(baby, start, letdown_count=3), format="json").json()
    assert (body["letdown_count"], body["letdowns"]) == (3, [])


def test_a_count_with_an_empty_list_means_times_unknown(auth_client, baby, start):
    data = _breast(baby, start, letdowns=[], letdown_count=2)
    body = auth_client.post(FEEDS, data, format="json").json()
    assert (body["letdown_count"], body["letdowns"]) == (2, [])


def test_patching_only_the_list_sets_the_count(auth_client, baby, start):
    feed_id = auth_client.post(FEEDS, _breast(baby, start, letdown_count=1), format="json").json()[
        "id"
    ]
    patch = {"letdowns": [_at(start, 1), _at(start, 3), _at(start, 4)]}
    body = auth_client.patch(f"{FEEDS}{feed_id}/", patch, format="json").json()
    assert body["letdown_count"] == 3
    body = auth_client.patch(f"{FEEDS}{feed_id}/", {"letdowns": []}, format="json").json()
    assert (body["letdown_count"], body["letdowns"]) == (0, [])


def test_an_old_client_changing_the_count_drops_the_times_it_contradicts(auth_client, baby, start):
    data = _breast(baby, start, letdowns=[_at(start, 2), _at(start, 9)])
    feed_id = auth_client.post(FEEDS, data, format="json").json()["id"]
    # Notes only, or the same count: the times stay.
    auth_client.patch(f"{FEEDS}{feed_id}/", {"notes": "calm"}, format="json")
    body = auth_client.patch(f"{FEEDS}{feed_id}/", {"letdown_count": 2}, format="json").json()
    assert len(body["letdowns"]) == 2
    body = auth_client.patch(f"{FEEDS}{feed_id}/", {"letdown_count": 3}, format="json").json()
    assert (body["letdown_count"], body["letdowns"]) == (3, [])


def test_a_put_without_letdowns_clears_them(auth_client, baby, start):
    data = _breast(baby, start, letdowns=[_at(start, 2)])
    feed_id = auth_client.post(FEEDS, data, format="json").json()["id"]
    body = auth_client.put(f"{FEEDS}{feed_id}/", _breast(baby, start), format="json").json()
    assert (body["letdown_count"], body["letdowns"]) == (0, [])


def test_pump_letdowns_may_carry_millilitres(auth_client, baby, start):
    data = {
        "baby": str(baby.pk),
        "kind": "pump",
        "started_at": _iso(start),
        "ended_at": _iso(start + timedelta(minutes=15)),
        "left_ml": 60,
        "letdowns": [_at(start, 3, 20.5), _at(start, 8)],
    }
    response = auth_client.post(FEEDS, data, format="json")
    assert response.status_code == 201, response.json()
    assert [item["ml"] for item in response.json()["letdowns"]] == [20.5, None]


@pytest.mark.parametrize(
    ("letdowns", "message"),
    [
        ([{"at": "soon"}], "datetime"),
        ([{"at": "2026-01-01T08:00:00"}], "offset"),
        ([{"ml": 5}], "required"),
        (["08:00"], ""),
        ([{"at": "2026-01-01T08:00:00Z", "ml": -1}], ""),
        ([{"at": "2026-01-01T08:00:00Z", "ml": 1.234}], ""),
    ],
)
def test_malformed_letdowns_are_a_400_naming_the_field(
    auth_client, baby, start, letdowns, message
):
    response = auth_client.post(FEEDS, _breast(baby, start, letdowns=letdowns), format="json")
    assert response.status_code == 400
    body = response.json()
    assert "letdowns" in body, body
    assert message in str(body["letdowns"]).lower() or not message
    assert not Feed.objects.exists()


def test_more_than_twenty_letdowns_are_refused(auth_client, baby, start):
    many = [{"at": _iso(start + timedelta(seconds=i)), "ml": None} for i in range(21)]
    response = auth_client.post(FEEDS, _breast(baby, start, letdowns=many), format="json")
    assert response.status_code == 400
    assert "letdowns" in response.json()


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ([-1], "Let-down 1 is before the feed started."),
        ([5, 21], "Let-down 2 is after the feed ended."),
        ([9, 2], "Let-downs 1 and 2 are out of order."),
    ],
)
def test_letdowns_outside_the_span_or_out_of_order_are_named(
    auth_client, baby, start, minutes, message
):
    letdowns = [_at(start, m) for m in minutes]
    response = auth_client.post(FEEDS, _breast(baby, start, letdowns=letdowns), format="json")
    assert response.status_code == 400
    assert message in response.json()["letdowns"]


def test_only_a_pump_letdown_has_millilitres(auth_client, baby, start):
    data = _breast(baby, start, letdowns=[_at(start, 2, 10)])
    response = auth_client.post(FEEDS, data, format="json")
    assert response.status_code == 400
    assert response.json()["letdowns"] == ["Let-down 1: only a pump feed has millilitres."]


# --- model rules (also what the admin and scripts meet) ----------------------


def _feed(start, **fields):
    baby = BabyFactory(owner=UserFactory())
    return Feed(baby=baby, kind="breast", started_at=start, **fields)


def _errors(feed):
    with pytest.raises(ValidationError) as caught:
        feed.full_clean()
    return caught.value.message_dict


def test_a_running_feed_takes_a_letdown_up_to_the_clock_allowance(start):
    now = timezone.now()
    ok = _feed(start, letdowns=[{"at": _iso(now + timedelta(minutes=9))}], letdown_count=1)
    ok.full_clean()
    late = _feed(start, letdowns=[{"at": _iso(now + timedelta(minutes=11))}], letdown_count=1)
    assert _errors(late)["letdowns"] == ["Let-down 1 is in the future; check the phone's clock."]


def test_letdowns_on_the_edges_of_the_span_are_inside(start):
    end = start + timedelta(minutes=20)
    feed = _feed(start, ended_at=end, letdowns=[{"at": _iso(start)}, {"at": _iso(end)}])
    feed.letdown_count = 2
    feed.full_clean()


def test_two_letdowns_at_the_same_moment_are_in_order(start):
    feed = _feed(start, letdowns=[{"at": _iso(start)}, {"at": _iso(start)}], letdown_count=2)
    feed.full_clean()


def test_the_model_refuses_a_count_that_disagrees_with_the_times(start):
    feed = _feed(start, letdowns=[{"at": _iso(start)}], letdown_count=3)
    assert _errors(feed)["letdown_count"] == ["With let-down times the count is their number (1)."]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("x", "Expected a list of let-downs."),
        ([{"at": "2026-01-01T08:00:00Z", "when": 1}], "Let-down 1: unknown field(s) when."),
        ([3], "Let-down 1: expected an object."),
        ([{"at": "2026-01-01T08:00:00Z", "ml": "lots"}], "Let-down 1 ml: expected a number"),
    ],
)
def test_the_model_names_a_malformed_list(start, raw, message):
    assert message in " ".join(_errors(_feed(start, letdowns=raw))["letdowns"])


# --- sync ----------------------------------------------------------------------


def _running(baby, start):
    return {
        "baby": str(baby.pk),
        "kind": "breast",
        "started_at": _iso(start),
        "ended_at": None,
        "segments": [{"side": "left", "started_at": _iso(start), "ended_at": None}],
    }


def test_a_running_feed_takes_letdowns_by_sync_and_a_replay_changes_nothing(auth_client, baby):
    start = timezone.now().replace(microsecond=0) - timedelta(minutes=10)
    feed_id, device = new_id(), uuid.uuid4()
    tap = [_at(start, 4)]
    taps = [_at(start, 4), _at(start, 7)]
    end = start + timedelta(minutes=9)
    stop = {
        "ended_at": _iso(end),
        "segments": [{"side": "left", "started_at": _iso(start), "ended_at": _iso(end)}],
        "signs": ["swallowing"],
    }
    mutations = [
        upsert(1, feed_id, _running(baby, start)),
        upsert(2, feed_id, {"letdowns": tap, "letdown_count": 1}, base_version=1),
        upsert(3, feed_id, {"letdowns": taps, "letdown_count": 2}, base_version=2),
        upsert(4, feed_id, stop, base_version=3),
    ]
    first = push(auth_client, device, mutations).json()
    assert [r["status"] for r in first["results"]] == ["applied"] * 4
    feed = Feed.objects.get(pk=feed_id)
    assert (feed.letdown_count, [item["at"] for item in feed.letdowns]) == (
        2,
        [item["at"] for item in taps],
    )
    before = Feed.objects.values().get(pk=feed_id)
    again = push(auth_client, device, mutations).json()
    assert [r["status"] for r in again["results"]] == ["duplicate"] * 4
    assert Feed.objects.values().get(pk=feed_id) == before

    changes, _ = pull_all(auth_client)
    assert changes[0]["letdowns"] == feed.letdowns
    assert changes[0]["letdown_count"] == 2


def test_a_letdown_after_the_partner_stopped_the_feed_is_rejected_by_name(
    auth_client, caregiver_client, baby
):
    start = timezone.now().replace(microsecond=0) - timedelta(minutes=10)
    feed_id = new_id()
    push(auth_client, uuid.uuid4(), [upsert(1, feed_id, _running(baby, start))])
    end = start + timedelta(minutes=5)
    stop = {
        "ended_at": _iso(end),
        "segments": [{"side": "left", "started_at": _iso(start), "ended_at": _iso(end)}],
    }
    push(caregiver_client, uuid.uuid4(), [upsert(1, feed_id, stop, base_version=1)])
    late = push(
        auth_client,
        uuid.uuid4(),
        [upsert(1, feed_id, {"letdowns": [_at(start, 8)]}, base_version=1)],
    ).json()["results"][0]
    assert late["status"] == "rejected"
    assert late["errors"]["letdowns"] == ["Let-down 1 is after the feed ended."]


def test_letdowns_tapped_on_two_phones_merge_by_field_with_an_undo(
    auth_client, caregiver_client, baby
):
    start = timezone.now().replace(microsecond=0) - timedelta(minutes=10)
    feed_id = new_id()
    push(auth_client, uuid.uuid4(), [upsert(1, feed_id, _running(baby, start))])
    push(caregiver_client, uuid.uuid4(), [upsert(1, feed_id, {"notes": "calm"}, base_version=1)])
    mine = push(
        auth_client, uuid.uuid4(), [upsert(1, feed_id, {"letdowns": [_at(start, 3)]}, 1)]
    ).json()["results"][0]
    # Different fields: both kept, no conflict.
    assert mine["status"] == "applied"
    assert (mine["record"]["notes"], mine["record"]["letdown_count"]) == ("calm", 1)


def test_the_json_export_carries_letdowns(auth_client, baby, start):
    data = _breast(baby, start, letdowns=[_at(start, 2)])
    auth_client.post(FEEDS, data, format="json")
    response = auth_client.get("/api/v1/export/?format=json")
    body = b"".join(response.streaming_content).decode()
    assert _iso(start + timedelta(minutes=2)) in body
    assert '"letdowns"' in body
