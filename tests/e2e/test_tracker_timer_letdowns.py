"""Let-downs and signs while the timer runs, in a real browser at phone
size: one tap records a let-down at that moment, the screen shows how far
into the feed it was ("let-down at 0:02"), signs are ticked as they happen;
all of it survives a reload and reaches the server with the feed. Pumping
has the same timer. Screenshots go to /tmp/shots-a/ for review."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils.dateparse import parse_datetime
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_tracker_helpers import (
    family,
    open_app,
    read_db,
    sign_in,
    wait_synced,
    wait_until,
)
from tracker.models import Feed

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = SCREENSHOTS  # artifacts/screenshots (gitignored), as save_screenshot writes


def _seconds(stopwatch: str) -> int:
    minutes, seconds = stopwatch.split(":")
    return int(minutes) * 60 + int(seconds)


def _tap_letdown(page, count):
    page.get_by_test_id("letdown-now").click()
    expect(page.get_by_test_id("timer-letdowns").get_by_role("listitem")).to_have_count(count)


def test_two_letdowns_and_a_sign_survive_a_reload_and_reach_the_server(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.get_by_role("button", name="Start left").click()
    expect(page.get_by_test_id("timer-state")).to_contain_text("On the left")
    page.wait_for_timeout(1100)
    _tap_letdown(page, 1)
    page.wait_for_timeout(1100)
    _tap_letdown(page, 2)
    page.locator("summary", has_text="Signs you notice").click()
    page.get_by_label("Swallowing heard").check()
    wait_until(page, lambda: Feed.objects.filter(baby=baby, signs=["swallowing"]).exists())

    page.reload()
    open_app(page, live_url, "#/timer")
    items = page.get_by_test_id("timer-letdowns").get_by_role("listitem")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text(re.compile(r"Let-down at 0:0\d"))
    expect(page.get_by_label("Swallowing heard")).to_be_checked()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "timer-two-letdowns.png"))
    page.screenshot(path=str(SHOTS / "timer-two-letdowns-full.png"), full_page=True)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    shown = [_seconds(re.search(r"\d+:\d\d", text).group()) for text in items.all_inner_texts()]

    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("heading", name="Feed saved")).to_be_visible()
    # The form after Stop keeps the tapped times (no count to retype).
    expect(page.get_by_test_id("letdown-times").get_by_role("listitem")).to_have_count(2)
    page.screenshot(path=str(SHOTS / "feed-saved-letdowns.png"), full_page=True)
    page.get_by_role("button", name="Done").click()

    wait_until(page, lambda: Feed.objects.filter(baby=baby, ended_at__isnull=False).exists())
    feed = read_db(page, lambda: Feed.objects.get(baby=baby))
    assert feed.letdown_count == 2
    assert feed.signs == ["swallowing"]
    times = [parse_datetime(item["at"]) for item in feed.letdowns]
    assert feed.started_at <= times[0] < times[1] <= feed.ended_at
    # What the screen said is how far into the feed each one was.
    for moment, seconds in zip(times, shown, strict=True):
        assert abs((moment - feed.started_at).total_seconds() - seconds) < 1


def test_a_letdown_tapped_by_mistake_is_taken_back(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.get_by_role("button", name="Start right").click()
    _tap_letdown(page, 1)
    page.get_by_role("button", name="Undo last let-down").click()
    expect(page.get_by_test_id("timer-letdowns")).to_have_count(0)
    wait_synced(page)
    feed = read_db(page, lambda: Feed.objects.get(baby=baby))
    assert (feed.letdown_count, feed.letdowns) == (0, [])


def test_pumping_has_a_timer_with_letdowns_and_amounts_after_stop(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/log/pump")
    page.get_by_role("button", name="Start pumping timer").click()
    expect(page.get_by_role("heading", name="Pumping in progress")).to_be_visible()
    _tap_letdown(page, 1)
    page.reload()
    open_app(page, live_url, "#/timer")
    expect(page.get_by_test_id("timer-letdowns").get_by_role("listitem")).to_have_count(1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "timer-pump.png"))
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("heading", name="Feed saved")).to_be_visible()
    page.get_by_label("Left (ml)").fill("70")
    page.get_by_role("button", name="Done").click()

    wait_until(page, lambda: Feed.objects.filter(baby=baby, left_ml=70).exists())
    feed = read_db(page, lambda: Feed.objects.get(baby=baby))
    assert (feed.kind, feed.letdown_count, len(feed.letdowns)) == ("pump", 1, 1)
    assert feed.ended_at is not None
