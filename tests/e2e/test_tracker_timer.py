"""The feed timer in a real browser: built from stored timestamps, so it
survives a reload; one tap per action; a stop leaves one feed with segments."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, open_app, read_db, sign_in, wait_until
from tracker.models import Feed

pytestmark = pytest.mark.django_db(transaction=True)


def _seconds(stopwatch: str) -> int:
    parts = [int(part) for part in stopwatch.split(":")]
    return sum(value * 60**power for power, value in enumerate(reversed(parts)))


def test_a_running_timer_survives_a_reload_with_the_right_elapsed_time(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    page.get_by_role("button", name="Start left").click()
    expect(page.get_by_test_id("timer-state")).to_contain_text("On the left")
    page.wait_for_timeout(3000)

    page.reload()
    open_app(page, live_url, "#/timer")

    expect(page.get_by_test_id("timer-state")).to_contain_text("On the left")
    left = _seconds(page.get_by_test_id("left-time").inner_text())
    assert 3 <= left <= 8
    assert _seconds(page.get_by_test_id("right-time").inner_text()) == 0


def test_start_switch_stop_saves_one_feed_with_a_segment_per_side(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.get_by_role("button", name="Start left").click()
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Switch to right").click()
    expect(page.get_by_test_id("timer-state")).to_contain_text("On the right")
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("heading", name="Feed saved")).to_be_visible()
    page.get_by_role("button", name="One more let-down").click()
    page.get_by_role("button", name="One more let-down").click()
    page.get_by_label("Swallowing heard").check()
    page.get_by_role("button", name="Done").click()

    wait_until(page, lambda: Feed.objects.filter(baby=baby, letdown_count=2).exists())
    feed = read_db(page, lambda: Feed.objects.get(baby=baby))
    assert [segment["side"] for segment in feed.segments] == ["left", "right"]
    assert feed.ended_at is not None
    assert feed.signs == ["swallowing"]


def test_a_running_feed_reaches_the_server_without_an_end_so_the_partner_sees_it(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.get_by_role("button", name="Start right").click()

    wait_until(page, lambda: Feed.objects.filter(baby=baby, ended_at__isnull=True).exists())
    feed = read_db(page, lambda: Feed.objects.get(baby=baby))
    assert [segment["side"] for segment in feed.segments] == ["right"]


def test_pause_and_resume_leave_a_gap_between_segments(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.get_by_role("button", name="Start left").click()
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_test_id("timer-state")).to_contain_text("Paused")
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Resume left").click()
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Done").click()

    wait_until(page, lambda: Feed.objects.filter(baby=baby, ended_at__isnull=False).exists())
    segments = read_db(page, lambda: Feed.objects.get(baby=baby).segments)
    assert [segment["side"] for segment in segments] == ["left", "left"]
    assert segments[1]["started_at"] > segments[0]["ended_at"]


def test_home_suggests_the_other_side_after_a_feed(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    page.get_by_role("button", name="Start left").click()
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Done").click()

    expect(page.get_by_test_id("next-side")).to_have_text(re.compile("start on the right"))
