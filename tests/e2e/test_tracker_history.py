"""History, editing and settings in a real browser: edits send only what
changed, deletes leave a tombstone on the server, ounces are converted."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, read_db, sign_in, wait_until
from tests.factories import FeedFactory
from tracker.models import Feed

pytestmark = pytest.mark.django_db(transaction=True)


def _pump_feed(baby):
    started = timezone.now().replace(microsecond=0) - timedelta(hours=2)
    return FeedFactory(baby=baby, kind="pump", started_at=started, left_ml=60, right_ml=45)


def test_editing_a_pump_amount_changes_only_that_field_on_the_server(page, live_url):
    owner, baby = family()
    feed = _pump_feed(baby)
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/history")
    page.get_by_test_id("feed-row").click()
    page.get_by_label("Right (ml)").fill("50")
    page.get_by_role("button", name="Save changes").click()

    wait_until(page, lambda: Feed.objects.get(pk=feed.pk).right_ml == 50)
    stored = read_db(page, lambda: Feed.objects.get(pk=feed.pk))
    assert (stored.left_ml, stored.started_at, stored.ended_at) == (
        feed.left_ml,
        feed.started_at,
        feed.ended_at,
    )


def test_deleting_a_feed_removes_it_here_and_on_the_server(page, live_url):
    owner, baby = family()
    feed = _pump_feed(baby)
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/feed/{feed.pk}")
    page.get_by_role("button", name="Delete").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()

    expect(page.get_by_text("No feeds yet")).to_be_visible()
    wait_until(page, lambda: Feed.objects.get(pk=feed.pk).deleted_at is not None)


def test_history_groups_feeds_by_local_day(new_context, live_url):
    # The phone's zone is pinned and "today's" feed lies between its local
    # midnight and now: "30 minutes ago" was yesterday for the first half
    # hour of every day, and the test failed then.
    zone = ZoneInfo("America/Santiago")
    page = new_context(timezone_id="America/Santiago").new_page()
    owner, baby = family()
    now = timezone.now().replace(microsecond=0)
    midnight = now.astimezone(zone).replace(hour=0, minute=0, second=0)
    FeedFactory(baby=baby, started_at=midnight + (now - midnight) / 2, ended_at=now)
    FeedFactory(baby=baby, started_at=now - timedelta(days=2))
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/history")

    days = page.locator(".history-day h2")
    expect(days).to_have_count(2)
    expect(days.first).to_contain_text("Today")


def test_choosing_ounces_shows_and_takes_amounts_in_ounces(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/settings")
    page.get_by_label("Ounces (oz)").check()
    page.goto(f"{live_url}/#/log/bottle")
    page.get_by_label("Amount (oz)").fill("3")
    page.get_by_role("button", name="Save").click()

    wait_until(page, lambda: Feed.objects.filter(baby=baby).exists())
    assert float(read_db(page, lambda: Feed.objects.get(baby=baby).amount_ml)) == 88.7
    page.goto(f"{live_url}/#/history")
    expect(page.get_by_test_id("feed-row")).to_contain_text("3.0 oz")


def test_a_quick_amount_chip_logs_that_bottle_amount(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/log/bottle")
    page.get_by_role("button", name="120 ml").click()
    page.get_by_role("button", name="Save").click()

    wait_until(page, lambda: Feed.objects.filter(baby=baby, amount_ml=120).exists())
