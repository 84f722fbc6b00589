"""Logging a feed that is over, in a real browser at phone size: when it
ended (a quick pick), minutes per side on steppers, which side first. The
server gets proper back-to-back segments and a real end, never a feed that
seems to run; a past pumping session gets its times and amounts; editing
uses the same steppers. Screenshots go to /tmp/shots-a/ for review."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_tracker_helpers import family, read_db, sign_in, wait_synced, wait_until
from tracker.models import Feed

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = SCREENSHOTS  # artifacts/screenshots (gitignored), as save_screenshot writes
SLACK = timedelta(seconds=2)


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _set_minutes(page, side, pick, extra):
    page.get_by_role("button", name=f"{pick} min on the {side}", exact=True).click()
    for _ in range(extra):
        page.get_by_role("button", name=f"One minute more on the {side}").click()


def _save_at(page, button="Save"):
    """Tap the button; the bounds of the moment the form read "now"."""
    before = timezone.now()
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/#/*")
    return before, timezone.now()


def _log_past_breastfeed(page, live_url):
    page.goto(f"{live_url}/#/log/breast")
    expect(page.get_by_role("heading", name="Add a past breastfeed")).to_be_visible()
    page.get_by_role("radio", name="30 min ago").check()
    _set_minutes(page, "left", 10, 2)
    _set_minutes(page, "right", 5, 3)
    expect(page.get_by_label("Minutes on the left")).to_have_value("12")
    expect(page.get_by_label("Minutes on the right")).to_have_value("8")
    expect(page.get_by_test_id("past-summary")).to_contain_text("Left 12 min, then right 8 min")


def test_a_past_breastfeed_is_stored_with_back_to_back_segments_and_an_end(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    _log_past_breastfeed(page, live_url)
    _shot(page, "past-breastfeed-form")
    _no_axe_violations(page)
    before, after = _save_at(page)

    wait_until(page, lambda: Feed.objects.filter(baby=baby).exists())
    feed = read_db(page, lambda: Feed.objects.get(baby=baby))
    assert feed.kind == "breast"
    assert before - timedelta(minutes=30) - SLACK <= feed.ended_at <= after - timedelta(minutes=30)
    assert feed.ended_at - feed.started_at == timedelta(minutes=20)
    assert (feed.left_seconds, feed.right_seconds, feed.duration_seconds) == (720, 480, 1200)
    left, right = feed.segments
    assert (left["side"], right["side"]) == ("left", "right")
    assert left["ended_at"] == right["started_at"]
    segments = feed.segment_list()
    assert segments[0].started_at == feed.started_at
    assert segments[1].ended_at == feed.ended_at
    # Home shows a finished feed, not one in progress.
    expect(page.get_by_text("Feed in progress")).to_have_count(0)
    expect(page.get_by_test_id("next-side")).to_contain_text("start on the left")


def test_another_end_time_the_first_side_and_a_zero_side_are_kept(new_context, live_url):
    # Not UTC, so a time typed in local time that the app read as UTC would show.
    zone = ZoneInfo("Europe/Berlin")
    page = new_context(timezone_id="Europe/Berlin").new_page()
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/log/breast")
    ended = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=3)
    page.get_by_role("radio", name="Other time").check()
    page.get_by_label("Ended at").fill(ended.astimezone(zone).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("radio", name="Right").check()
    _set_minutes(page, "right", 15, 0)
    _save_at(page)

    wait_until(page, lambda: Feed.objects.filter(baby=baby).exists())
    feed = read_db(page, lambda: Feed.objects.get(baby=baby))
    assert feed.ended_at == ended
    assert feed.started_at == ended - timedelta(minutes=15)
    assert [s["side"] for s in feed.segments] == ["right"]
    assert (feed.left_seconds, feed.right_seconds) == (0, 900)


def test_a_past_pump_session_gets_its_times_amounts_and_letdown_count(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/log/pump")
    page.get_by_role("radio", name="1 h ago").check()
    page.get_by_role("button", name="20 min pumping", exact=True).click()
    page.get_by_label("Left (ml)").fill("60")
    page.get_by_label("Right (ml)").fill("45")
    page.get_by_role("button", name="One more let-down").click()
    expect(page.get_by_test_id("past-summary")).to_contain_text("Pumped 20 min")
    _shot(page, "past-pump-form")
    _no_axe_violations(page)
    before, after = _save_at(page)

    wait_until(page, lambda: Feed.objects.filter(baby=baby).exists())
    feed = read_db(page, lambda: Feed.objects.get(baby=baby))
    assert feed.kind == "pump"
    assert before - timedelta(hours=1) - SLACK <= feed.ended_at <= after - timedelta(hours=1)
    assert feed.ended_at - feed.started_at == timedelta(minutes=20)
    assert (feed.left_ml, feed.right_ml) == (60, 45)
    assert (feed.letdown_count, feed.letdowns) == (1, [])


def test_a_past_feed_is_edited_with_the_same_steppers_and_may_swap_sides(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    _log_past_breastfeed(page, live_url)
    _save_at(page)
    wait_synced(page)
    feed = read_db(page, lambda: Feed.objects.get(baby=baby))

    page.goto(f"{live_url}/#/feed/{feed.pk}")
    expect(page.get_by_label("Minutes on the left")).to_have_value("12")
    expect(page.get_by_label("Minutes on the right")).to_have_value("8")
    page.get_by_role("button", name="One minute more on the right").click()
    page.get_by_role("radio", name="Right").check()
    expect(page.get_by_test_id("segment-list").get_by_role("listitem").first).to_contain_text(
        "Right"
    )
    _shot(page, "past-breastfeed-edit")
    page.get_by_role("button", name="Save changes").click()

    wait_until(page, lambda: Feed.objects.get(pk=feed.pk).right_seconds == 540)
    edited = read_db(page, lambda: Feed.objects.get(pk=feed.pk))
    assert edited.started_at == feed.started_at
    assert edited.ended_at == feed.ended_at + timedelta(minutes=1)
    assert edited.left_seconds == 720
    assert [s["side"] for s in edited.segments] == ["right", "left"]
    assert edited.segments[0]["started_at"] == feed.segments[0]["started_at"]
