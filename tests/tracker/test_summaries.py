"""GET /api/v1/babies/{id}/summary/: local days, DST, totals, last feed."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.factories import FeedFactory
from tracker.summaries import day_starts

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def _summary(client, baby, **params):
    return client.get(f"/api/v1/babies/{baby.pk}/summary/", params)


def _days(client, baby, **params) -> dict:
    return {row["date"]: row for row in _summary(client, baby, **params).json()["days"]}


def _bottle(baby, start, ml=60, **extra):
    # In UTC, as the API hands times to the model: arithmetic on a local time
    # (the factory adds 15 minutes) would be wall-clock time across a DST fold.
    start = start.astimezone(UTC)
    return FeedFactory(baby=baby, kind="bottle", started_at=start, amount_ml=ml, **extra)


def test_a_feed_at_23_50_local_belongs_to_that_day(auth_client, baby):
    _bottle(baby, datetime(2026, 11, 20, 23, 50, tzinfo=NEW_YORK))
    days = _days(
        auth_client, baby, **{"from": "2026-11-20", "to": "2026-11-21"}, tz="America/New_York"
    )
    assert (days["2026-11-20"]["feeds"], days["2026-11-21"]["feeds"]) == (1, 0)


def test_the_same_feed_is_on_the_next_day_in_utc(auth_client, baby):
    _bottle(baby, datetime(2026, 11, 20, 23, 50, tzinfo=NEW_YORK))
    days = _days(auth_client, baby, **{"from": "2026-11-20", "to": "2026-11-21"}, tz="UTC")
    assert (days["2026-11-20"]["feeds"], days["2026-11-21"]["feeds"]) == (0, 1)


def test_a_feed_at_00_10_local_belongs_to_the_new_day(auth_client, baby):
    _bottle(baby, datetime(2026, 11, 21, 0, 10, tzinfo=NEW_YORK))
    days = _days(
        auth_client, baby, **{"from": "2026-11-20", "to": "2026-11-21"}, tz="America/New_York"
    )
    assert (days["2026-11-20"]["feeds"], days["2026-11-21"]["feeds"]) == (0, 1)


def test_the_spring_dst_day_has_23_hours():
    starts = day_starts(date(2026, 3, 29), date(2026, 3, 29), BERLIN)
    assert starts[1] - starts[0] == timedelta(hours=23)


def test_the_autumn_dst_day_has_25_hours():
    starts = day_starts(date(2026, 10, 25), date(2026, 10, 25), BERLIN)
    assert starts[1] - starts[0] == timedelta(hours=25)


def test_a_day_whose_midnight_does_not_exist_starts_at_one(auth_client, baby):
    # Chile moves its clocks from 00:00 to 01:00 on 6 September 2026.
    santiago = ZoneInfo("America/Santiago")
    starts = day_starts(date(2026, 9, 6), date(2026, 9, 6), santiago)
    assert starts[0].astimezone(santiago).hour == 1
    assert starts[1] - starts[0] == timedelta(hours=23)
    _bottle(baby, datetime(2026, 9, 5, 23, 55, tzinfo=santiago))
    _bottle(baby, datetime(2026, 9, 6, 1, 5, tzinfo=santiago))
    days = _days(
        auth_client, baby, **{"from": "2026-09-05", "to": "2026-09-06"}, tz="America/Santiago"
    )
    assert (days["2026-09-05"]["feeds"], days["2026-09-06"]["feeds"]) == (1, 1)


def test_feeds_around_midnight_of_the_spring_dst_day(auth_client, baby):
    late = _bottle(baby, datetime(2026, 3, 29, 23, 30, tzinfo=BERLIN))
    _bottle(baby, datetime(2026, 3, 30, 0, 10, tzinfo=BERLIN))
    _bottle(baby, datetime(2026, 3, 29, 0, 5, tzinfo=BERLIN))
    days = _days(
        auth_client, baby, **{"from": "2026-03-28", "to": "2026-03-30"}, tz="Europe/Berlin"
    )
    assert late.started_at.hour == 21  # 23:30 in summer time (UTC+2)
    assert [days[d]["feeds"] for d in ("2026-03-28", "2026-03-29", "2026-03-30")] == [0, 2, 1]


def test_the_extra_hour_of_the_autumn_dst_day_counts_on_that_day(auth_client, baby):
    # 23:30 on 25 October is 22:30 UTC; the day is 25 hours long.
    _bottle(baby, datetime(2026, 10, 25, 23, 30, tzinfo=BERLIN))
    _bottle(baby, datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN))
    days = _days(
        auth_client, baby, **{"from": "2026-10-25", "to": "2026-10-26"}, tz="Europe/Berlin"
    )
    assert (days["2026-10-25"]["feeds"], days["2026-10-26"]["feeds"]) == (2, 0)


def test_a_day_sums_each_kind_into_its_own_column(auth_client, baby):
    start = datetime(2026, 11, 10, 8, 0, tzinfo=BERLIN)
    FeedFactory(
        baby=baby, started_at=start, ended_at=start + timedelta(minutes=20), letdown_count=2
    )
    FeedFactory(
        baby=baby,
        kind="pump",
        started_at=start + timedelta(hours=2),
        ended_at=start + timedelta(hours=2, minutes=10),
        left_ml="40.5",
        right_ml=35,
        letdown_count=1,
    )
    _bottle(baby, start + timedelta(hours=4), ml="62.25")
    row = _days(
        auth_client, baby, **{"from": "2026-11-10", "to": "2026-11-10"}, tz="Europe/Berlin"
    )["2026-11-10"]
    assert row == {
        "date": "2026-11-10",
        "feeds": 3,
        "breast_left_seconds": 600,
        "breast_right_seconds": 600,
        "pumped_ml": 75.5,
        "bottle_ml": 62.25,
        "letdowns": 3,
    }


def test_pump_sides_do_not_count_as_breast_time(auth_client, baby):
    start = datetime(2026, 11, 10, 8, 0, tzinfo=BERLIN)
    FeedFactory(baby=baby, kind="pump", started_at=start, ended_at=start + timedelta(minutes=10))
    row = _days(
        auth_client, baby, **{"from": "2026-11-10", "to": "2026-11-10"}, tz="Europe/Berlin"
    )["2026-11-10"]
    assert (row["breast_left_seconds"], row["breast_right_seconds"]) == (0, 0)


def test_deleted_feeds_count_nowhere(auth_client, baby):
    feed = _bottle(baby, datetime(2026, 11, 10, 8, 0, tzinfo=BERLIN))
    auth_client.delete(f"/api/v1/feeds/{feed.pk}/")
    body = _summary(auth_client, baby, **{"from": "2026-11-10", "to": "2026-11-10"}).json()
    assert body["days"][0]["feeds"] == 0
    assert body["last_feed"] is None


def test_every_day_of_the_range_has_a_row(auth_client, baby):
    body = _summary(auth_client, baby, **{"from": "2026-02-27", "to": "2026-03-02"}).json()
    assert [row["date"] for row in body["days"]] == [
        "2026-02-27",
        "2026-02-28",
        "2026-03-01",
        "2026-03-02",
    ]
    assert body["days"][0] == {
        "date": "2026-02-27",
        "feeds": 0,
        "breast_left_seconds": 0,
        "breast_right_seconds": 0,
        "pumped_ml": 0,
        "bottle_ml": 0,
        "letdowns": 0,
    }


def test_last_feed_is_the_newest_of_the_whole_log(auth_client, baby, hour_ago):
    feed = FeedFactory(baby=baby, started_at=hour_ago)
    _bottle(baby, hour_ago - timedelta(days=3))
    body = _summary(auth_client, baby, **{"from": "2026-01-01", "to": "2026-01-02"}).json()
    assert body["last_feed"] == {
        "id": str(feed.pk),
        "kind": "breast",
        "started_at": feed.started_at.isoformat().replace("+00:00", "Z"),
        "ended_at": feed.ended_at.isoformat().replace("+00:00", "Z"),
        "last_side": "right",
    }


def test_the_default_range_is_the_last_seven_days(auth_client, baby):
    body = _summary(auth_client, baby, tz="Pacific/Kiritimati").json()
    assert len(body["days"]) == 7
    assert body["tz"] == "Pacific/Kiritimati"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"tz": "Mars/Olympus"}, "tz"),
        ({"tz": "../../etc/passwd"}, "tz"),
        ({"from": "2026-13-01"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "to"),
        ({"from": "2025-01-01", "to": "2026-01-02"}, "to"),
        ({"from": "0001-01-01"}, "from"),
        ({"to": "9999-12-31"}, "to"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(auth_client, baby, params, field):
    response = _summary(auth_client, baby, **params)
    assert response.status_code == 400
    assert field in response.json()


def test_366_days_are_allowed(auth_client, baby):
    body = _summary(auth_client, baby, **{"from": "2024-01-01", "to": "2024-12-31"}).json()
    assert len(body["days"]) == 366


def test_a_caregiver_reads_the_summary(caregiver_client, baby):
    assert _summary(caregiver_client, baby).status_code == 200


def test_a_year_of_feeds_costs_the_same_queries(
    auth_client, baby, hour_ago, django_assert_max_num_queries
):
    for n in range(20):
        _bottle(baby, hour_ago - timedelta(days=17 * n))
    with django_assert_max_num_queries(4):
        body = _summary(
            auth_client,
            baby,
            **{"from": (hour_ago - timedelta(days=365)).date().isoformat()},
            to=hour_ago.date().isoformat(),
        ).json()
    assert sum(row["feeds"] for row in body["days"]) == 20
