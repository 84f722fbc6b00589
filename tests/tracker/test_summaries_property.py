"""Property: the database's daily summary equals a plain-Python count of the same feeds."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import BabyFactory, UserFactory
from tracker.models import Feed
from tracker.summaries import daily_rows

ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Pacific/Kiritimati",
]
# Around the 2026 DST changes of several zones (March, April, September, October).
EPOCH = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    zone_name=st.sampled_from(ZONES),
    offsets=st.lists(st.integers(0, 240 * 24 * 60), min_size=1, max_size=12),
)
def test_each_feed_counts_once_on_its_local_start_date(zone_name, offsets):
    zone = ZoneInfo(zone_name)
    baby = BabyFactory(owner=UserFactory())
    starts = [EPOCH + timedelta(minutes=m) for m in offsets]
    Feed.objects.bulk_create(
        Feed(baby=baby, kind="bottle", started_at=s, amount_ml=10, change_seq=n)
        for n, s in enumerate(starts, start=1)
    )
    first, last = date(2026, 3, 1), date(2026, 10, 27)
    expected = Counter(s.astimezone(zone).date() for s in starts)
    rows = daily_rows(baby.pk, first, last, zone)
    got = {row["date"]: row["feeds"] for row in rows if row["feeds"]}
    assert got == {day: n for day, n in expected.items() if first <= day <= last}
