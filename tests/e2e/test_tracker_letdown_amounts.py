"""A pump's let-downs can each note how much had come by then (issue 14), on the
feed's edit screen; the amounts reach the server and its CSV export."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import (
    family,
    open_app,
    read_db,
    sign_in,
    wait_synced,
    wait_until,
)
from tests.factories import FeedFactory
from tracker.models import Feed


def _pump_with_letdowns(baby):
    start = timezone.now().replace(microsecond=0) - timedelta(hours=2)
    at = lambda minutes: (start + timedelta(minutes=minutes)).isoformat()  # noqa: E731
    return FeedFactory(
        baby=baby, kind="pump", started_at=start, ended_at=start + timedelta(minutes=20),
        left_ml=60, right_ml=45, letdown_count=2,
        letdowns=[{"at": at(1), "ml": None}, {"at": at(8), "ml": None}],
    )  # fmt: skip


def test_a_pumps_letdown_takes_an_amount_and_a_bad_one_is_named(new_context, live_url):
    owner, baby = family()
    feed = _pump_with_letdowns(baby)
    page = new_context().new_page()
    sign_in(page, live_url, owner)
    open_app(page, live_url, f"#/feed/{feed.pk}")
    first = page.get_by_label("Amount by the let-down at 1:00 (ml)")
    second = page.get_by_label("Amount by the let-down at 8:00 (ml)")
    expect(first).to_have_value("")
    first.fill("5000")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator('[data-error-for="letdowns"]')).to_contain_text("between 0 and 1000")
    assert read_db(page, lambda: Feed.objects.get(pk=feed.pk).version) == feed.version

    first.fill("35")
    second.fill("20.5")
    page.get_by_role("button", name="Save changes").click()
    wait_until(page, lambda: Feed.objects.get(pk=feed.pk).letdowns[0]["ml"] is not None)
    wait_synced(page)
    stored = read_db(page, lambda: Feed.objects.get(pk=feed.pk))
    assert [Decimal(str(item["ml"])) for item in stored.letdowns] == [Decimal(35), Decimal("20.5")]
    assert stored.letdown_count == 2


def test_a_breastfeeds_letdowns_have_no_amount_fields(new_context, live_url):
    owner, baby = family()
    start = timezone.now().replace(microsecond=0) - timedelta(hours=2)
    feed = FeedFactory(
        baby=baby, started_at=start, letdown_count=1,
        letdowns=[{"at": (start + timedelta(minutes=2)).isoformat(), "ml": None}],
    )  # fmt: skip
    page = new_context().new_page()
    sign_in(page, live_url, owner)
    open_app(page, live_url, f"#/feed/{feed.pk}")
    expect(page.get_by_test_id("letdown-times")).to_contain_text("Let-down at")
    assert page.locator(".letdown-amount").count() == 0
