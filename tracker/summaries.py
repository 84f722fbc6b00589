"""
Daily summaries: the rows of GET /api/v1/babies/{id}/summary/ (tracker/api/summaries.py).

Contract: one row per local calendar day from ``from`` to ``to`` (inclusive,
at most 366 days; both default to the last 7 days ending today in ``tz``;
``tz`` is an IANA zone name, default UTC). A feed belongs to the day it
started in ``tz``. Rows: ``date``, ``feeds``, ``breast_left_seconds`` and
``breast_right_seconds`` (breast feeds only), ``pumped_ml`` (left + right of
pump feeds), ``bottle_ml``, ``letdowns`` (every kind). ``last_feed`` is the
newest feed of the whole log (or null). Deleted feeds count nowhere.

The totals, defined once (the phone's totals.js and feed.js follow this):
- A feed: ``left_seconds`` / ``right_seconds`` are the sum over its segments
  on that side of each segment's whole seconds (its length truncated, with
  microseconds as stored); ``duration_seconds`` is start to end in whole
  seconds, pauses included. A running feed (no end) and an open segment count
  0 as stored (``Feed.derive_totals``), so a total never depends on when it is
  read; a screen showing a running feed live counts it up to now instead.
- A day: the feeds that started in that local day of ``tz`` (a running one
  too), summing the stored per-feed totals: sides of breastfeeds only,
  ``left_ml + right_ml`` of pump feeds, ``amount_ml`` of bottles, every
  feed's ``letdown_count``.

How: the range's first and last instants are the UTC starts of its first day
and of the day after its last, computed with zoneinfo (``day_starts``: a day
with a DST change is 23 or 25 hours long). One query takes the feeds in that
range (the (baby, started_at) index), groups them by their local date
(``TruncDate`` with the zone: ``AT TIME ZONE`` on PostgreSQL, zoneinfo in
Django's SQLite functions) and sums the stored per-feed columns; the second
fetches ``last_feed``. A first version bucketed rows with a CASE per day: its
SQL repeated a 37 KB expression in SELECT, GROUP BY and ORDER BY and took
PostgreSQL 300 ms to plan for a year.
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from rest_framework import serializers

from tracker.models import Feed, FeedKind, Side
from tracker.rules import MAX_RANGE_DAYS

MAX_DAYS = MAX_RANGE_DAYS
DEFAULT_DAYS = 7
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
ML = DecimalField(max_digits=9, decimal_places=2)


def day_starts(first: date, last: date, zone: ZoneInfo) -> list[datetime]:
    """The UTC instant each local day starts, plus the end of ``last``: len = days + 1.

    Midnight that does not exist (a DST gap at 00:00) resolves to the first
    instant of the day; an ambiguous one (fold) to its first occurrence.
    """
    days = (last - first).days + 1
    return [
        datetime.combine(first + timedelta(days=n), time(0), tzinfo=zone).astimezone(UTC)
        for n in range(days + 1)
    ]


def daily_rows(baby_id, first: date, last: date, zone: ZoneInfo) -> list[dict]:
    starts = day_starts(first, last, zone)
    breast, pump = Q(kind=FeedKind.BREAST), Q(kind=FeedKind.PUMP)
    totals = (
        Feed.objects.live()
        .filter(baby_id=baby_id, started_at__gte=starts[0], started_at__lt=starts[-1])
        .annotate(day=TruncDate("started_at", tzinfo=zone))
        .values("day")
        .order_by("day")
        .annotate(
            feeds=Count("id"),
            breast_left_seconds=Sum("left_seconds", filter=breast),
            breast_right_seconds=Sum("right_seconds", filter=breast),
            pumped_ml=Sum(
                Coalesce("left_ml", Value(Decimal(0)), output_field=ML)
                + Coalesce("right_ml", Value(Decimal(0)), output_field=ML),
                filter=pump,
                output_field=ML,
            ),
            bottle_ml=Sum("amount_ml", filter=Q(kind=FeedKind.BOTTLE), output_field=ML),
            letdowns=Sum("letdown_count"),
        )
    )
    by_day = {row.pop("day"): row for row in totals}
    days = (first + timedelta(days=n) for n in range(len(starts) - 1))
    return [_row(day, by_day.get(day, {})) for day in days]


def _row(day: date, found: dict) -> dict:
    def ml(value) -> Decimal:
        return (value or Decimal(0)).quantize(Decimal("0.01"))

    return {
        "date": day,
        "feeds": found.get("feeds", 0),
        "breast_left_seconds": found.get("breast_left_seconds") or 0,
        "breast_right_seconds": found.get("breast_right_seconds") or 0,
        "pumped_ml": ml(found.get("pumped_ml")),
        "bottle_ml": ml(found.get("bottle_ml")),
        "letdowns": found.get("letdowns") or 0,
    }


def last_feed(baby_id) -> dict | None:
    return (
        Feed.objects.live()
        .filter(baby_id=baby_id)
        .order_by("-started_at", "-id")
        .values("id", "kind", "started_at", "ended_at", "last_side")
        .first()
    )


class DaySerializer(serializers.Serializer):
    date = serializers.DateField()
    feeds = serializers.IntegerField()
    breast_left_seconds = serializers.IntegerField()
    breast_right_seconds = serializers.IntegerField()
    pumped_ml = serializers.DecimalField(max_digits=9, decimal_places=2)
    bottle_ml = serializers.DecimalField(max_digits=9, decimal_places=2)
    letdowns = serializers.IntegerField()


class LastFeedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=FeedKind.choices)
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
    last_side = serializers.ChoiceField(choices=Side.choices, allow_null=True)


class SummarySerializer(serializers.Serializer):
    tz = serializers.CharField()
    to = serializers.DateField()
    days = DaySerializer(many=True)
    last_feed = LastFeedSerializer(allow_null=True)

    def get_fields(self):
        # "from" is a Python keyword, so it cannot be a class attribute.
        return {"from": serializers.DateField(source="first"), **super().get_fields()}
