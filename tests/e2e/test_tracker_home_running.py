"""Home while a feed runs (here or on the partner's phone): it shows that
feed (side, time, the way back to the timer) and bases the next-side hint on
it, instead of "Nothing logged yet" and "start on the left"."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, sign_in
from tests.factories import FeedFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = "/tmp/shots-b"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_shows_the_running_feed_on_the_right_and_hints_the_left(
    new_context, live_url, scheme
):
    page = new_context(service_workers="block", color_scheme=scheme).new_page()
    owner, baby = family()
    started = timezone.now().replace(microsecond=0) - timedelta(minutes=12)
    # The partner started it on the right: this phone learns of it from the server.
    FeedFactory(
        baby=baby,
        started_at=started,
        ended_at=None,
        segments=[{"side": "right", "started_at": started, "ended_at": None}],
    )
    sign_in(page, live_url, owner)

    running = page.get_by_test_id("running-feed")
    expect(running).to_contain_text("Feed in progress")
    expect(running).to_contain_text("On the right")
    expect(running).to_contain_text("12 min so far")
    expect(page.get_by_test_id("next-side")).to_contain_text("Feeding on the right")
    expect(page.get_by_test_id("next-side")).to_contain_text("Switch to the left")
    expect(page.get_by_text("Nothing logged yet")).to_have_count(0)
    expect(page.get_by_text("start on the left")).to_have_count(0)
    page.screenshot(path=f"{SHOTS}/home-running-{scheme}.png")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    page.get_by_role("link", name="Back to the timer").first.click()
    expect(page.get_by_test_id("timer-state")).to_contain_text("On the right")


def test_a_feed_started_here_shows_on_home_with_the_last_finished_feed_below(page, live_url):
    owner, baby = family()
    FeedFactory(baby=baby, started_at=timezone.now() - timedelta(hours=3))  # left, then right
    sign_in(page, live_url, owner)
    expect(page.get_by_test_id("next-side")).to_contain_text("start on the left")
    page.get_by_role("button", name="Start left").click()
    expect(page.get_by_test_id("timer-state")).to_contain_text("On the left")

    page.goto(f"{live_url}/#/")
    expect(page.get_by_test_id("running-feed")).to_contain_text("On the left")
    expect(page.get_by_test_id("next-side")).to_contain_text("Switch to the right")
    expect(page.get_by_role("heading", name="Last feed")).to_be_visible()
    expect(page.get_by_test_id("last-feed-ago")).to_contain_text("3 h")
