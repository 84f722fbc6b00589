"""/api/v1/feeds/: create, read, edit, delete through the REST API."""

import uuid
from datetime import timedelta

import pytest

from tests.factories import BabyFactory, FeedFactory
from tracker.models import Feed

pytestmark = pytest.mark.django_db

FEEDS = "/api/v1/feeds/"
FEED_FIELDS = {
    "id",
    "baby",
    "kind",
    "started_at",
    "ended_at",
    "segments",
    "left_seconds",
    "right_seconds",
    "duration_seconds",
    "first_side",
    "last_side",
    "letdown_count",
    "letdowns",
    "signs",
    "left_ml",
    "right_ml",
    "amount_ml",
    "milk_type",
    "notes",
    "version",
    "created_at",
    "updated_at",
}


def _iso(moment):
    return moment.isoformat()


def _breast(baby, start, **extra):
    return {
        "baby": str(baby.pk),
        "kind": "breast",
        "started_at": _iso(start),
        "ended_at": _iso(start + timedelta(minutes=20)),
        "segments": [
            {
                "side": "left",
                "started_at": _iso(start),
                "ended_at": _iso(start + timedelta(minutes=8)),
            },
            {
                "side": "right",
                "started_at": _iso(start + timedelta(minutes=10)),
                "ended_at": _iso(start + timedelta(minutes=20)),
            },
        ],
        "letdown_count": 2,
        "signs": ["tingling", "swallowing"],
        **extra,
    }


def _bottle(baby, start, **extra):
    return {
        "baby": str(baby.pk),
        "kind": "bottle",
        "started_at": _iso(start),
        "amount_ml": 60,
        "milk_type": "formula",
        **extra,
    }


def test_create_renders_the_contracts_fields(auth_client, baby, hour_ago):
    response = auth_client.post(FEEDS, _breast(baby, hour_ago))
    assert response.status_code == 201
    assert set(response.json()) == FEED_FIELDS


def test_create_derives_the_side_totals(auth_client, baby, hour_ago):
    body = auth_client.post(FEEDS, _breast(baby, hour_ago)).json()
    assert (body["left_seconds"], body["right_seconds"], body["duration_seconds"]) == (
        480,
        600,
        1200,
    )
    assert (body["first_side"], body["last_side"]) == ("left", "right")


def test_create_answers_with_the_feeds_location(auth_client, baby, hour_ago):
    response = auth_client.post(FEEDS, _breast(baby, hour_ago))
    assert response["Location"].endswith(f"{FEEDS}{response.json()['id']}/")


def test_create_keeps_a_client_chosen_id(auth_client, baby, hour_ago):
    feed_id = str(uuid.uuid4())
    response = auth_client.post(FEEDS, _bottle(baby, hour_ago, id=feed_id))
    assert response.json()["id"] == feed_id


def test_create_with_an_id_in_use_is_a_400_naming_id(auth_client, baby, hour_ago):
    feed = FeedFactory(baby=baby)
    response = auth_client.post(FEEDS, _bottle(baby, hour_ago, id=str(feed.pk)))
    assert response.status_code == 400
    assert "id" in response.json()


def test_create_with_another_accounts_feed_id_is_a_400_naming_id(auth_client, baby, hour_ago):
    foreign = FeedFactory(baby=BabyFactory())
    response = auth_client.post(FEEDS, _bottle(baby, hour_ago, id=str(foreign.pk)))
    assert response.status_code == 400
    assert "id" in response.json()
    assert Feed.objects.get(pk=foreign.pk).baby_id == foreign.baby_id


def test_volumes_render_as_json_numbers(auth_client, baby, hour_ago):
    body = auth_client.post(FEEDS, _bottle(baby, hour_ago, amount_ml="62.5")).json()
    assert body["amount_ml"] == 62.5


def test_a_naive_start_is_a_400_naming_started_at(auth_client, baby, hour_ago):
    naive = hour_ago.replace(tzinfo=None).isoformat()
    response = auth_client.post(FEEDS, _bottle(baby, hour_ago, started_at=naive))
    assert response.status_code == 400
    assert "started_at" in response.json()


@pytest.mark.parametrize("moment", ["9999-12-31T23:00:00-02:00", "0001-01-01T00:30:00+01:00"])
def test_a_time_beyond_the_calendar_in_utc_is_a_400(auth_client, baby, hour_ago, moment):
    response = auth_client.post(FEEDS, _bottle(baby, hour_ago, started_at=moment))
    assert response.status_code == 400
    assert "started_at" in response.json()


def test_a_naive_segment_time_is_a_400_naming_segments(auth_client, baby, hour_ago):
    body = _breast(baby, hour_ago)
    body["segments"][0]["started_at"] = hour_ago.replace(tzinfo=None).isoformat()
    response = auth_client.post(FEEDS, body)
    assert response.status_code == 400
    assert "segments" in response.json()


def test_a_segment_without_a_side_is_refused_on_patch_too(auth_client, baby, hour_ago):
    feed = FeedFactory(baby=baby)
    segment = {"started_at": _iso(feed.started_at), "ended_at": _iso(feed.ended_at)}
    response = auth_client.patch(f"{FEEDS}{feed.pk}/", {"segments": [segment]})
    assert response.status_code == 400
    assert "segments" in response.json()


def test_three_decimal_places_is_a_400_naming_the_field(auth_client, baby, hour_ago):
    response = auth_client.post(FEEDS, _bottle(baby, hour_ago, amount_ml="60.125"))
    assert response.status_code == 400
    assert "amount_ml" in response.json()


def test_an_unknown_sign_is_a_400_naming_signs(auth_client, baby, hour_ago):
    response = auth_client.post(FEEDS, _breast(baby, hour_ago, signs=["tingling", "hiccups"]))
    assert response.status_code == 400
    assert "signs" in response.json()


def test_a_repeated_sign_is_a_400_naming_signs(auth_client, baby, hour_ago):
    response = auth_client.post(FEEDS, _breast(baby, hour_ago, signs=["leaking", "leaking"]))
    assert response.status_code == 400
    assert "signs" in response.json()


@pytest.mark.parametrize("count", [-1, 21, "many"])
def test_letdown_count_outside_0_to_20_is_a_400(auth_client, baby, hour_ago, count):
    response = auth_client.post(FEEDS, _breast(baby, hour_ago, letdown_count=count))
    assert response.status_code == 400
    assert "letdown_count" in response.json()


def test_a_model_rule_comes_back_as_a_400_naming_its_field(auth_client, baby, hour_ago):
    response = auth_client.post(FEEDS, _breast(baby, hour_ago, amount_ml=50))
    assert response.status_code == 400
    assert "amount_ml" in response.json()
    assert not Feed.objects.exists()


def test_a_feed_longer_than_12_hours_is_a_400_naming_ended_at(auth_client, baby, hour_ago):
    start = hour_ago - timedelta(hours=13)
    body = _bottle(baby, start, ended_at=_iso(start + timedelta(hours=12, minutes=1)))
    response = auth_client.post(FEEDS, body)
    assert response.status_code == 400
    assert "ended_at" in response.json()


def test_a_feed_for_another_accounts_baby_is_a_400_naming_baby(auth_client, hour_ago):
    response = auth_client.post(FEEDS, _bottle(BabyFactory(), hour_ago))
    assert response.status_code == 400
    assert "baby" in response.json()
    assert not Feed.objects.exists()


def test_a_running_feed_has_no_end_and_an_open_last_segment(auth_client, baby, hour_ago):
    body = _breast(baby, hour_ago, ended_at=None)
    body["segments"][1]["ended_at"] = None
    response = auth_client.post(FEEDS, body)
    assert response.status_code == 201
    assert response.json()["ended_at"] is None


def test_get_returns_the_feed(auth_client, baby):
    feed = FeedFactory(baby=baby)
    body = auth_client.get(f"{FEEDS}{feed.pk}/").json()
    assert (body["id"], body["baby"], body["version"]) == (str(feed.pk), str(baby.pk), 1)


def test_patch_changes_only_the_fields_sent(auth_client, baby, hour_ago):
    feed = FeedFactory(baby=baby, kind="bottle", amount_ml=60, notes="sleepy")
    response = auth_client.patch(f"{FEEDS}{feed.pk}/", {"amount_ml": 90})
    assert response.status_code == 200
    assert (response.json()["amount_ml"], response.json()["notes"]) == (90, "sleepy")
    assert response.json()["version"] == 2


def test_put_resets_the_optional_fields_it_leaves_out(auth_client, baby, hour_ago):
    feed = FeedFactory(baby=baby, kind="bottle", amount_ml=60, notes="sleepy")
    body = {"baby": str(baby.pk), "kind": "bottle", "started_at": _iso(feed.started_at)}
    response = auth_client.put(f"{FEEDS}{feed.pk}/", body)
    assert response.status_code == 200
    assert (response.json()["amount_ml"], response.json()["notes"]) == (None, "")


def test_put_needs_the_required_fields(auth_client, baby):
    feed = FeedFactory(baby=baby)
    response = auth_client.put(f"{FEEDS}{feed.pk}/", {"notes": "x"})
    assert response.status_code == 400
    assert {"baby", "kind", "started_at"} <= set(response.json())


def test_patch_cannot_move_a_feed_to_another_baby(auth_client, user, baby):
    feed = FeedFactory(baby=baby)
    second = BabyFactory(owner=user)
    response = auth_client.patch(f"{FEEDS}{feed.pk}/", {"baby": str(second.pk)})
    assert response.status_code == 400
    assert "baby" in response.json()


def test_a_rejected_edit_changes_nothing(auth_client, baby):
    feed = FeedFactory(baby=baby)
    auth_client.patch(f"{FEEDS}{feed.pk}/", {"notes": "x", "amount_ml": 30})
    stored = Feed.objects.get(pk=feed.pk)
    assert (stored.notes, stored.version) == ("", 1)


def test_delete_answers_204_and_leaves_a_tombstone(auth_client, baby):
    feed = FeedFactory(baby=baby)
    response = auth_client.delete(f"{FEEDS}{feed.pk}/")
    assert response.status_code == 204
    assert Feed.objects.get(pk=feed.pk).is_deleted


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
def test_a_deleted_feed_is_404(auth_client, baby, method):
    feed = FeedFactory(baby=baby)
    auth_client.delete(f"{FEEDS}{feed.pk}/")
    response = getattr(auth_client, method)(f"{FEEDS}{feed.pk}/", {"notes": "back?"})
    assert response.status_code == 404


def test_put_to_an_unknown_id_does_not_create_a_feed(auth_client, baby, hour_ago):
    response = auth_client.put(f"{FEEDS}{uuid.uuid4()}/", _bottle(baby, hour_ago))
    assert response.status_code == 404
    assert not Feed.objects.exists()


def test_a_caregiver_writes_feeds(caregiver_client, baby, hour_ago):
    response = caregiver_client.post(FEEDS, _bottle(baby, hour_ago))
    assert response.status_code == 201


def test_a_caregiver_edits_the_owners_feed(caregiver_client, baby):
    feed = FeedFactory(baby=baby)
    response = caregiver_client.patch(f"{FEEDS}{feed.pk}/", {"notes": "took both sides"})
    assert response.status_code == 200


def test_the_stored_segments_use_utc(auth_client, baby, hour_ago):
    body = _breast(baby, hour_ago)
    local = hour_ago.astimezone(timezone_of(2))
    body["segments"][0]["started_at"] = local.isoformat()
    feed = auth_client.post(FEEDS, body).json()
    assert feed["segments"][0]["started_at"].endswith("Z")


def timezone_of(hours):
    from datetime import timezone as tz

    return tz(timedelta(hours=hours))


def _rule_cases(baby, start):
    later = start + timedelta(minutes=30)
    overlapping = _breast(baby, start)
    overlapping["segments"][1]["started_at"] = _iso(start + timedelta(minutes=5))
    return {
        "end before start": (
            _bottle(baby, start, ended_at=_iso(start - timedelta(minutes=1))),
            "ended_at",
        ),
        "start in the future": (
            _bottle(baby, start + timedelta(hours=2), amount_ml=50),
            "started_at",
        ),
        "overlapping segments": (overlapping, "segments"),
        "segment outside the feed": (
            _breast(baby, start, ended_at=_iso(start + timedelta(minutes=15))),
            "segments",
        ),
        "bottle with sides": (
            {**_bottle(baby, start), "segments": _breast(baby, start)["segments"]},
            "segments",
        ),
        "volumes on a breast feed": (_breast(baby, start, left_ml=30), "left_ml"),
        "milk type on a pump": (
            {
                "baby": str(baby.pk),
                "kind": "pump",
                "started_at": _iso(start),
                "milk_type": "formula",
            },
            "milk_type",
        ),
        "notes over 2000 characters": (_bottle(baby, start, notes="x" * 2001), "notes"),
        "volume over 1000 ml": (_bottle(baby, later, amount_ml=1000.01), "amount_ml"),
    }


RULES = [
    "end before start",
    "start in the future",
    "overlapping segments",
    "segment outside the feed",
    "bottle with sides",
    "volumes on a breast feed",
    "milk type on a pump",
    "notes over 2000 characters",
    "volume over 1000 ml",
]


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_is_a_400_naming_its_field_and_stores_nothing(auth_client, baby, hour_ago, rule):
    body, field = _rule_cases(baby, hour_ago)[rule]
    response = auth_client.post(FEEDS, body)
    assert response.status_code == 400
    assert field in response.json()
    assert not Feed.objects.exists()
