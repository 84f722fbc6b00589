"""400 bodies carry stable codes next to their messages, and input is strict.

docs/api-contract.md, Additions → Error codes: ``{"field": ["message"]}`` plus
``"codes": {"field": ["code"]}`` with the same keys, nesting and order; a sync
``rejected`` result carries ``errors`` and ``codes`` alike. Unknown and
read-only fields are refused, values are not coerced, an empty edit is no write.
"""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError

from tests.factories import FeedFactory
from tests.tracker.api.test_feeds import FEEDS, RULES, _breast, _rule_cases
from tests.tracker.sync_client import bottle_data, new_id, push, upsert
from tracker.models import Baby, Feed

pytestmark = pytest.mark.django_db

RULE_CODES = {
    "end before start": ("ended_at", "ends_before_start"),
    "start in the future": ("started_at", "in_future"),
    "overlapping segments": ("segments", "overlap"),
    "segment outside the feed": ("segments", "after_feed"),
    "bottle with sides": ("segments", "not_for_kind"),
    "volumes on a breast feed": ("left_ml", "not_for_kind"),
    "milk type on a pump": ("milk_type", "not_for_kind"),
    "notes over 2000 characters": ("notes", "max_length"),
    "volume over 1000 ml": ("amount_ml", "max_value"),
}


def _assert_codes_mirror_errors(body):
    codes = body["codes"]
    errors = {k: v for k, v in body.items() if k != "codes"}
    assert list(codes) == list(errors)
    for field, messages in errors.items():
        assert len(codes[field]) == len(messages), field
        assert all(isinstance(c, str) and c == c.lower() and " " not in c for c in codes[field])


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_has_its_stable_code(auth_client, baby, hour_ago, rule):
    body, _ = _rule_cases(baby, hour_ago)[rule]
    field, code = RULE_CODES[rule]
    response = auth_client.post(FEEDS, body)
    assert response.status_code == 400
    assert code in response.json()["codes"][field]
    _assert_codes_mirror_errors(response.json())


def test_a_feed_longer_than_12_hours_is_too_long(auth_client, baby, hour_ago):
    start = hour_ago - timedelta(hours=13)
    response = auth_client.post(FEEDS, _breast(baby, start, ended_at=hour_ago.isoformat()))
    assert response.json()["codes"]["ended_at"] == ["too_long"]


def test_the_push_envelope_nests_codes_by_index_and_field(auth_client, baby):
    bad = {**upsert(2, new_id(), {}), "seq": "two", "op": "merge"}
    response = push(auth_client, uuid.uuid4(), [upsert(1, new_id(), bottle_data(baby)), bad])
    assert response.status_code == 400
    body = response.json()
    assert body["codes"]["mutations"]["1"] == {"seq": ["wrong_type"], "op": ["invalid_choice"]}
    assert list(body["mutations"]["1"]) == ["seq", "op"]


def test_a_body_that_is_not_json_has_a_code(auth_client):
    response = auth_client.generic("POST", FEEDS, "{not json", "application/json")
    assert response.status_code == 400
    assert response.json()["codes"] == {"detail": "parse_error"}


def test_a_rejected_mutation_carries_errors_and_codes_alike(auth_client, baby):
    data = bottle_data(baby, ended_at="2001-01-01T00:00:00Z", left_ml=5, notes=7)
    body = push(auth_client, uuid.uuid4(), [upsert(1, new_id(), data)]).json()
    (result,) = body["results"]
    assert result["status"] == "rejected"
    assert (result["errors"]["notes"], result["codes"]) == (
        ["Expected a string."],
        {"notes": ["wrong_type"]},
    )
    # Types are checked first; once they are right, the rules speak with their codes.
    data["notes"] = ""
    body = push(auth_client, uuid.uuid4(), [upsert(1, new_id(), data)]).json()
    (result,) = body["results"]
    assert result["codes"] == {
        "ended_at": ["ends_before_start"],
        "left_ml": ["not_for_kind"],
    }
    assert list(result["errors"]) == list(result["codes"])


def test_a_model_error_keeps_its_code_through_as_drf_error():
    from letdown_project.api_errors import as_drf_error

    error = DjangoValidationError(
        {"__all__": DjangoValidationError("Nope.", code="nope"), "notes": ["Plain."]}
    )
    assert as_drf_error(error).get_codes() == {"non_field_errors": ["nope"], "notes": ["invalid"]}


# --- strict input: unknown and read-only fields, types, empty edits ---------


def test_patch_with_an_unknown_field_is_a_400_and_changes_nothing(auth_client, baby):
    feed = FeedFactory(baby=baby)
    response = auth_client.patch(f"{FEEDS}{feed.pk}/", {"notez": "typo"})
    assert response.status_code == 400
    assert response.json()["codes"] == {"notez": ["unknown_field"]}
    assert Feed.objects.get(pk=feed.pk).version == feed.version


@pytest.mark.parametrize("field", ["version", "left_seconds", "created_at", "id", "deleted"])
def test_patch_of_a_read_only_field_is_a_400(auth_client, baby, field):
    feed = FeedFactory(baby=baby)
    response = auth_client.patch(f"{FEEDS}{feed.pk}/", {field: 999, "notes": "x"})
    assert response.status_code == 400
    assert response.json()["codes"][field] == ["read_only"]
    assert Feed.objects.get(pk=feed.pk).notes == ""


def test_post_with_an_unknown_field_is_a_400(auth_client, baby, hour_ago):
    body = {**_rule_cases(baby, hour_ago)["volumes on a breast feed"][0], "left_ml": None}
    response = auth_client.post(FEEDS, {**body, "colour": "blue"})
    assert response.status_code == 400
    assert response.json()["codes"] == {"colour": ["unknown_field"]}
    assert not Feed.objects.exists()


def test_notes_given_as_a_number_are_not_coerced(auth_client, baby):
    feed = FeedFactory(baby=baby)
    response = auth_client.patch(f"{FEEDS}{feed.pk}/", {"notes": 5})
    assert response.status_code == 400
    assert response.json()["codes"] == {"notes": ["wrong_type"]}


def test_a_count_given_as_a_string_is_not_coerced(auth_client, baby):
    feed = FeedFactory(baby=baby)
    response = auth_client.patch(f"{FEEDS}{feed.pk}/", {"letdown_count": "2"})
    assert response.json()["codes"] == {"letdown_count": ["wrong_type"]}


@pytest.mark.parametrize("body", [{}, {"notes": ""}, {"kind": "breast"}])
def test_an_empty_edit_bumps_no_version_and_no_sequence(auth_client, baby, body):
    feed = FeedFactory(baby=baby)
    write_seq = Baby.objects.get(pk=baby.pk).write_seq
    response = auth_client.patch(f"{FEEDS}{feed.pk}/", body)
    assert response.status_code == 200
    assert response.json()["version"] == feed.version
    stored = Feed.objects.get(pk=feed.pk)
    assert (stored.version, stored.change_seq) == (feed.version, feed.change_seq)
    # No pull hands it out again: its change_seq is where it was.
    assert Feed.objects.filter(baby=baby, change_seq__gt=write_seq).count() == 0


def test_an_empty_sync_edit_is_applied_without_a_new_version(auth_client, baby):
    device, feed_id = uuid.uuid4(), new_id()
    push(auth_client, device, [upsert(1, feed_id, bottle_data(baby))])
    body = push(auth_client, device, [upsert(2, feed_id, {"notes": ""}, 1)]).json()
    assert [(r["status"], r["version"]) for r in body["results"]] == [("applied", 1)]
    assert Feed.objects.get(pk=feed_id).version == 1


def test_a_segment_with_an_unknown_field_is_refused(auth_client, baby, hour_ago):
    body = _breast(baby, hour_ago)
    body["segments"][0]["colour"] = "blue"
    response = auth_client.post(FEEDS, body)
    assert response.status_code == 400
    assert "segments" in response.json()["codes"]
    assert not Feed.objects.exists()


# --- babies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth_date", "code"), [("0001-01-01", "too_early"), ("1899-12-31", "too_early")]
)
def test_a_birth_date_before_1900_is_refused(auth_client, birth_date, code):
    response = auth_client.post("/api/v1/babies/", {"name": "Robin", "birth_date": birth_date})
    assert response.status_code == 400
    assert response.json()["codes"] == {"birth_date": [code]}
    assert not Baby.objects.exists()


def test_a_birth_date_in_1900_is_fine(auth_client):
    response = auth_client.post("/api/v1/babies/", {"name": "Nan", "birth_date": "1900-01-01"})
    assert response.status_code == 201


def test_a_baby_with_an_unknown_or_read_only_field_is_refused(auth_client):
    response = auth_client.post("/api/v1/babies/", {"name": "Robin", "role": "owner", "nick": "R"})
    assert response.status_code == 400
    assert response.json()["codes"] == {"role": ["read_only"], "nick": ["unknown_field"]}


def test_a_baby_name_given_as_a_number_is_not_coerced(auth_client):
    response = auth_client.post("/api/v1/babies/", {"name": 5})
    assert response.json()["codes"] == {"name": ["wrong_type"]}


# --- accounts and sharing ----------------------------------------------------


def test_register_errors_carry_the_validators_codes(api_client, user):
    response = api_client.post(
        "/api/v1/auth/register/", {"username": user.username.upper(), "password": "short"}
    )
    assert response.status_code == 400
    codes = response.json()["codes"]
    assert codes["username"] == ["taken"]
    response = api_client.post("/api/v1/auth/register/", {"username": "newbie", "password": "abc"})
    assert "password_too_short" in response.json()["codes"]["password"]


def test_sharing_errors_have_codes(auth_client, user, baby):
    response = auth_client.post("/api/v1/invites/accept/", {"code": "NOPE-NOPE"})
    assert response.json()["codes"] == {"code": ["invalid_code"]}
    response = auth_client.delete(f"/api/v1/babies/{baby.pk}/caregivers/{user.pk}/")
    assert response.json()["codes"] == {"user_id": ["owner_cannot_leave"]}
