"""Property: arbitrary JSON in any field of a mutation never fails a push.

Each example pushes three mutations: a valid create, the mutation under
attack (a create or an edit, with one field, a segment's field, the whole
``data`` or an envelope field replaced by arbitrary JSON), and another valid
create. Whatever the value: no 5xx; an envelope error is a 400 with codes and
applies nothing; otherwise both neighbours are applied and the attacked
mutation is applied (and then stored as the rules allow), rejected with codes,
or a conflict. Runs on SQLite and, marked ``postgres``, on PostgreSQL, where
integer columns overflow and JSONB refuses NUL characters.
"""

import json
import uuid
from datetime import UTC, datetime, timedelta
from datetime import timezone as tz

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import BabyFactory
from tests.tracker.sync_client import PUSH_URL, bottle_data, new_id, push, upsert
from tracker.models import WRITABLE_FEED_FIELDS, Feed
from tracker.serializers import FeedSerializer

pytestmark = pytest.mark.django_db

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(
        [
            "",
            "breast",
            "pump",
            "bottle",
            "left",
            "right",
            "formula",
            "tingling",
            "1e400",
            "NaN",
            "-0",
            "9" * 40,
            "\x00",
            "2100-01-01T00:00:00Z",
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-12:00",
            "2026-01-01T00:00:00",
            "\ud800",  # a lone surrogate: valid JSON, not encodable text
            "a\udfffb",
        ]
    )
)
DATETIMES = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from([UTC, tz(timedelta(hours=14)), tz(timedelta(hours=-12))]),
).map(lambda moment: moment.isoformat())
KEYS = st.text(max_size=8) | st.sampled_from(["\x00", "\ud800", "notez", "__proto__"])
JSON = st.recursive(
    SCALARS | DATETIMES,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=8,
)
DATA_FIELDS = [*WRITABLE_FEED_FIELDS, "id", "version", "deleted", "left_seconds", "surprise"]
SEGMENT_FIELDS = ["side", "started_at", "ended_at", "extra"]
ENVELOPE_FIELDS = ["seq", "op", "entity", "id", "base_version", "data"]
ATTACKS = st.one_of(
    st.tuples(st.just("data"), st.sampled_from(DATA_FIELDS) | KEYS),
    st.tuples(st.just("segment"), st.sampled_from(SEGMENT_FIELDS)),
    st.tuples(st.just("envelope"), st.sampled_from(ENVELOPE_FIELDS)),
)


def _breast(baby, running=False) -> dict:
    """A breast feed an hour ago with one segment; ``running``: its timer still runs."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    return {
        **bottle_data(baby, kind="breast", amount_ml=None, milk_type=None),
        "started_at": start.isoformat(),
        "ended_at": None if running else (start + timedelta(minutes=20)).isoformat(),
        "segments": [
            {
                "side": "left",
                "started_at": start.isoformat(),
                "ended_at": (start + timedelta(minutes=10)).isoformat(),
            }
        ],
    }


def _attacked(baby, existing, attack, value, editing: bool) -> dict:
    where, name = attack
    feed_id = existing if editing else new_id()
    data = {"notes": "edit"} if editing else _breast(baby, running=True)
    if where == "segment":
        data["segments"] = [{**_breast(baby)["segments"][0], name: value}]
    elif where == "data":
        data[name] = value
    mutation = upsert(2, feed_id, data, base_version=1 if editing else None)
    if where == "envelope":
        mutation[name] = value
    return mutation


def _check(client, baby, existing, attack, value, editing):
    first, last = new_id(), new_id()
    mutations = [
        upsert(1, first, bottle_data(baby)),
        _attacked(baby, existing, attack, value, editing),
        upsert(3, last, bottle_data(baby)),
    ]
    # Sent as a real client may: ASCII JSON, with any character as a \u escape.
    body = json.dumps({"device_id": str(uuid.uuid4()), "mutations": mutations}, default=str)
    response = client.post(PUSH_URL, data=body, content_type="application/json")
    assert response.status_code < 500, response.content[:500]
    if response.status_code == 400:
        assert attack[0] == "envelope", response.json()
        assert "codes" in response.json()
        assert not Feed.objects.filter(pk__in=[first, last]).exists()
        return
    assert response.status_code == 200, response.content[:500]
    results = response.json()["results"]
    assert [results[0]["status"], results[2]["status"]] == ["applied", "applied"]
    assert Feed.objects.filter(pk__in=[first, last]).count() == 2
    attacked = results[1]
    assert attacked["status"] in ("applied", "rejected", "conflict"), attacked
    if attacked["status"] == "rejected":
        assert attacked["codes"], attacked
        assert list(attacked["codes"]) == list(attacked["errors"])
    elif not attacked["record"].get("deleted"):
        stored = Feed.objects.get(pk=attacked["record"]["id"])
        stored.full_clean(exclude=["baby", "created_by", "updated_by"], validate_unique=False)
        assert FeedSerializer.render(stored)["version"] == attacked["version"]


def _property(auth_client, user, examples):
    baby = BabyFactory(owner=user)
    existing = new_id()
    # The feed edited is running too: a segment may end anywhere after its start.
    created = push(auth_client, uuid.uuid4(), [upsert(1, existing, _breast(baby, running=True))])
    assert created.json()["results"][0]["status"] == "applied"

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(attack=ATTACKS, value=JSON, editing=st.booleans())
    def check(attack, value, editing):
        _check(auth_client, baby, existing, attack, value, editing)

    check()


def test_arbitrary_json_in_a_mutation_never_fails_a_push(auth_client, user):
    _property(auth_client, user, examples=150)


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own limits: int overflow, JSONB NUL"
)
def test_arbitrary_json_in_a_mutation_never_fails_a_push_on_postgresql(auth_client, user):
    _property(auth_client, user, examples=400)
