"""
Hand-picked nasty inputs: each is a clear 4xx with a JSON body, and nothing
stored changes. Huge and deeply nested bodies, wrong types, NaN/Infinity,
overlong strings, invalid UTF-8, time zones that do not exist, dates in
year 1 and 9999, absurd limits.
"""

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.fuzz.conftest import stored_state

FEEDS, PUSH, PULL = "/api/v1/feeds/", "/api/v1/sync/push/", "/api/v1/sync/pull/"


def send_raw(client, method: str, path: str, body: bytes, content_type="application/json"):
    return getattr(client, method)(path, data=body, content_type=content_type)


def assert_clear_4xx(response):
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    assert response.json()  # says what was wrong


def a_bottle(for_baby, **changes) -> dict:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    feed = {
        "baby": str(for_baby.pk), "kind": "bottle", "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=10)).isoformat(), "amount_ml": 60,
        "milk_type": "formula", "notes": "",
    }  # fmt: skip
    return {**feed, **changes}


# --- bodies that are too big or too deep -----------------------------------

BODY_TARGETS = [
    ("post", FEEDS),
    ("post", PUSH),
    ("post", "/api/v1/auth/token/"),
    ("post", "/api/v1/babies/"),
]


@pytest.mark.parametrize(("method", "path"), BODY_TARGETS)
def test_a_huge_body_is_refused(auth_client, feed, method, path):
    before = stored_state()
    body = json.dumps({"notes": "x" * (3 * 1024 * 1024)}).encode()
    response = send_raw(auth_client, method, path, body)
    assert response.status_code in (400, 413)
    assert stored_state() == before


@pytest.mark.parametrize(("method", "path"), BODY_TARGETS)
def test_deeply_nested_json_is_refused(auth_client, feed, method, path):
    before = stored_state()
    depth = 100_000
    response = send_raw(auth_client, method, path, b"[" * depth + b"]" * depth)
    assert_clear_4xx(response)
    assert stored_state() == before


def test_deeply_nested_json_inside_a_field_is_refused(auth_client, baby):
    before = stored_state()
    depth = 50_000
    body = b'{"baby": "%s", "kind": "bottle", "notes": ' % str(baby.pk).encode()
    body += b"[" * depth + b"]" * depth + b"}"
    assert_clear_4xx(send_raw(auth_client, "post", FEEDS, body))
    assert stored_state() == before


@pytest.mark.parametrize("body", [b"", b"null", b"[]", b'"a string"', b"42", b"{", b"{}}"])
def test_bodies_that_are_not_an_object_are_refused(auth_client, feed, body):
    before = stored_state()
    assert_clear_4xx(send_raw(auth_client, "post", FEEDS, body))
    assert stored_state() == before


# --- wrong types, NaN, overlong strings ------------------------------------

WRONG_VALUES = {
    "baby": [123, ["x"], "not-a-uuid", None],
    "kind": [["breast"], 1, "nursing", ""],
    "started_at": [
        {},
        1700000000,
        "yesterday",
        "2026-13-01T00:00:00Z",
        "2026-01-01T00:00:00+25:00",
    ],
    "segments": ["left", {"side": "left"}, [1, 2], [{"side": "middle"}]],
    "letdown_count": ["many", -1, 21, 1.5, True, 10**30],
    "signs": ["tingling", [1], ["tingling", "tingling"], ["happy"]],
    "amount_ml": [True, "sixty", -1, 1001, "1e400", "NaN", "Infinity"],
    "notes": [["a"], {"a": 1}, "x" * 2001],
    "milk_type": ["milk", 0],
}
CASES = [(field, value) for field, values in WRONG_VALUES.items() for value in values]


@pytest.mark.parametrize(("field", "value"), CASES, ids=[f"{f}={v!r}"[:40] for f, v in CASES])
def test_a_wrong_value_is_a_400_naming_the_field(auth_client, baby, field, value):
    before = stored_state()
    response = auth_client.post(FEEDS, a_bottle(baby, **{field: value}), format="json")
    assert response.status_code == 400, response.content[:300]
    assert field in response.json()
    assert stored_state() == before


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_bare_nan_and_infinity_in_json_are_refused(auth_client, baby, constant):
    before = stored_state()
    body = json.dumps(a_bottle(baby, amount_ml=0)).replace('"amount_ml": 0', '"amount_ml": X')
    response = send_raw(auth_client, "post", FEEDS, body.encode().replace(b"X", constant))
    assert_clear_4xx(response)
    assert stored_state() == before


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/babies/", {"name": "x" * 101}),
        ("/api/v1/babies/", {"name": "  "}),
        ("/api/v1/auth/token/", {"username": "u" * 10_000, "password": "p"}),
        ("/api/v1/auth/register/", {"username": "u" * 10_000, "password": "p" * 10_000}),
        ("/api/v1/invites/accept/", {"code": "c" * 10_000}),
    ],
    ids=["baby name", "blank baby name", "token username", "register", "invite code"],
)
def test_overlong_or_blank_strings_are_refused(auth_client, feed, path, body):
    before = stored_state()
    assert_clear_4xx(auth_client.post(path, body, format="json"))
    assert stored_state() == before


@pytest.mark.parametrize(
    "raw", [b'{"notes": "\xff\xfe"}', b'{"notes": "\xed\xa0\x80"}', b"\xc3\x28"]
)
def test_invalid_utf8_is_refused(auth_client, feed, raw):
    before = stored_state()
    response = send_raw(auth_client, "patch", f"{FEEDS}{feed.pk}/", raw)
    assert_clear_4xx(response)
    assert stored_state() == before


def test_a_lone_surrogate_escape_is_refused_or_stored_harmlessly(auth_client, feed):
    # "\ud800" is valid JSON but not valid UTF-8 text; PostgreSQL cannot store it.
    response = send_raw(auth_client, "patch", f"{FEEDS}{feed.pk}/", b'{"notes": "\\ud800"}')
    assert response.status_code < 500


# --- times, dates, time zones ----------------------------------------------


@pytest.mark.parametrize(
    "tz", ["Mars/Olympus_Mons", "../../etc/passwd", "UTC+99", "x" * 5000, "Europe/", "\x00"]
)
def test_a_summary_in_a_time_zone_that_does_not_exist_is_a_400(auth_client, baby, tz):
    response = auth_client.get(f"/api/v1/babies/{baby.pk}/summary/", {"tz": tz})
    assert response.status_code == 400
    assert "tz" in response.json()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("9999-12-18", "9999-12-31"),
        ("2026-01-31", "2026-01-01"),
        ("2024-01-01", "2026-01-01"),
        ("2026-02-30", "2026-03-01"),
        ("yesterday", "today"),
    ],
)
def test_a_summary_over_impossible_dates_is_a_clear_400(auth_client, baby, start, end):
    response = auth_client.get(f"/api/v1/babies/{baby.pk}/summary/", {"from": start, "to": end})
    assert_clear_4xx(response)


def test_a_summary_of_year_1_does_not_break(auth_client, baby):
    response = auth_client.get(
        f"/api/v1/babies/{baby.pk}/summary/", {"from": "0001-01-01", "to": "0001-01-14"}
    )
    assert response.status_code < 500


@pytest.mark.parametrize(
    "started_at",
    [
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-12:00",
    ],
)
def test_a_feed_in_year_1_or_9999_is_refused(auth_client, baby, started_at):
    before = stored_state()
    body = a_bottle(baby, started_at=started_at, ended_at=None)
    response = auth_client.post(FEEDS, body, format="json")
    assert_clear_4xx(response)
    assert "started_at" in response.json()
    assert stored_state() == before


def test_a_date_time_without_an_offset_is_refused(auth_client, baby):
    # 02:30 on the night clocks go forward does not exist in Europe/Berlin; with no
    # offset the server would have to guess, so it must not.
    before = stored_state()
    response = auth_client.post(
        FEEDS, a_bottle(baby, started_at="2026-03-29T02:30:00", ended_at=None), format="json"
    )
    assert response.status_code == 400
    assert stored_state() == before


@pytest.mark.parametrize("birth_date", ["9999-12-31", "0000-01-01", "2026-02-30", 20260101])
def test_an_impossible_birth_date_is_refused(auth_client, baby, birth_date):
    before = stored_state()
    response = auth_client.patch(
        f"/api/v1/babies/{baby.pk}/", {"birth_date": birth_date}, format="json"
    )
    assert response.status_code == 400
    assert "birth_date" in response.json()
    assert stored_state() == before


# --- limits and cursors -----------------------------------------------------


@pytest.mark.parametrize("limit", [10**9, 0, -1, "abc", "1e3", "1001", "5.5"])
def test_an_absurd_pull_limit_is_a_400_naming_it(auth_client, feed, limit):
    response = auth_client.get(PULL, {"limit": limit})
    assert response.status_code == 400
    assert "limit" in response.json()


@pytest.mark.parametrize("cursor", ["garbage", "x" * 6000, "eyJhIjoxfQ:1abc:sig", "\x00"])
def test_a_forged_pull_cursor_is_a_400_naming_it(auth_client, feed, cursor):
    response = auth_client.get(PULL, {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()


def test_a_pull_query_over_the_limit_is_a_json_414(auth_client, feed):
    response = auth_client.get(PULL, {"cursor": "x" * 100_00})
    assert response.status_code == 414
    assert "query string" in response.json()["detail"]


@pytest.mark.parametrize("params", [{"limit": 10**9}, {"cursor": "garbage"}, {"page_size": 10**9}])
def test_odd_list_parameters_never_break_the_feed_list(auth_client, feed, params):
    response = auth_client.get(FEEDS, params)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert len(response.json()["results"]) <= 100


@pytest.mark.parametrize(
    "params", [{"baby": "not-a-uuid"}, {"kind": "nursing"}, {"started_after": "soon"}]
)
def test_bad_feed_list_filters_are_a_400_naming_them(auth_client, feed, params):
    response = auth_client.get(FEEDS, params)
    assert response.status_code == 400
    assert next(iter(params)) in response.json()


def test_a_push_with_a_huge_seq_is_handled(auth_client, baby):
    before = stored_state()
    mutation = {"seq": 10**30, "op": "upsert", "entity": "feed", "id": str(uuid.uuid4()),
                "base_version": None, "data": a_bottle(baby)}  # fmt: skip
    response = auth_client.post(
        PUSH, {"device_id": str(uuid.uuid4()), "mutations": [mutation]}, format="json"
    )
    assert_clear_4xx(response)
    assert stored_state() == before
