"""A feed's totals on the phone equal the server's stored ones (left_seconds,
right_seconds, duration_seconds: one definition, Feed.derive_totals, stated in
docs/api-contract.md), for a feed with a pause: timed here with a pinned
clock, and written elsewhere with microseconds the phone must not round."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, read_db, sign_in, wait_until
from tests.factories import FeedFactory
from tracker.models import Feed

pytestmark = pytest.mark.django_db(transaction=True)


def _stopwatch(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _server_totals(page, baby):
    feed = read_db(page, lambda: Feed.objects.get(baby=baby))
    return feed.left_seconds, feed.right_seconds, feed.duration_seconds


def test_a_timed_feed_with_a_pause_shows_what_the_server_stores(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    # Whole-second start, then taps at fractions of a second: rounding per
    # segment (8 s and 11 s) or leaving the pause out (19 s) would show here.
    start = timezone.now().replace(microsecond=0) - timedelta(minutes=5)
    at = lambda seconds: start + timedelta(seconds=seconds)  # noqa: E731
    page.clock.set_fixed_time(at(0))
    page.get_by_role("button", name="Start left").click()
    expect(page.get_by_test_id("timer-state")).to_contain_text("On the left")
    page.clock.set_fixed_time(at(7.6))
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_test_id("timer-state")).to_contain_text("Paused")
    page.clock.set_fixed_time(at(10.8))
    page.get_by_role("button", name="Resume right").click()
    expect(page.get_by_test_id("timer-state")).to_contain_text("On the right")
    page.clock.set_fixed_time(at(21.7))
    # The big number is the time at the breast, the stored sides' sum (7 + 10): it
    # stands still in a pause. The feed's duration is its span, pause included (21).
    expect(page.get_by_test_id("elapsed")).to_have_text(_stopwatch(7 + 10))
    expect(page.get_by_test_id("left-time")).to_have_text(_stopwatch(7))
    expect(page.get_by_test_id("right-time")).to_have_text(_stopwatch(10))
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("heading", name="Feed saved")).to_be_visible()

    wait_until(page, lambda: Feed.objects.filter(baby=baby, ended_at__isnull=False).exists())
    assert _server_totals(page, baby) == (7, 10, 21)
    page.goto(f"{live_url}/#/history")
    expect(page.get_by_test_id("feed-row")).to_contain_text("21 s · left 7 s · right 10 s")


def test_microseconds_from_the_server_are_not_rounded_away(page, live_url):
    owner, baby = family()
    base = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    t = lambda seconds, micro: base + timedelta(seconds=seconds, microseconds=micro)  # noqa: E731
    FeedFactory(
        baby=baby,
        started_at=t(0, 999),
        ended_at=t(30, 1),
        segments=[
            {"side": "left", "started_at": t(0, 999), "ended_at": t(10, 500)},  # 9.999501 s
            {"side": "right", "started_at": t(15, 500_000), "ended_at": t(25, 900_000)},
        ],
    )
    assert _server_totals(page, baby) == (9, 10, 29)
    sign_in(page, live_url, owner)

    page.goto(f"{live_url}/#/history")
    expect(page.get_by_test_id("feed-row")).to_contain_text("29 s · left 9 s · right 10 s")
    page.goto(f"{live_url}/#/")
    expect(page.get_by_test_id("today-totals")).to_contain_text("9 s")
