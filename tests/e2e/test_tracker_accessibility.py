"""Every tracker screen in a real browser at 390x844: axe-core finds no
violations (light and dark), nothing is requested from another host, the
Content-Security-Policy is never violated, and each screen is saved as a
screenshot (artifacts/screenshots/tracker-*.png) for review."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tests.e2e.conftest import record_third_party_requests, save_screenshot
from tests.e2e.test_tracker_helpers import family, open_app, sign_in
from tests.factories import FeedFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SIGNED_IN_SCREENS = [
    "#/",
    "#/timer",
    "#/log/pump",
    "#/log/bottle",
    "#/log/breast",
    "#/history",
    "#/feed/{feed}",
    "#/charts",
    "#/report",
    "#/settings",
    "#/account",
    "#/sync",
]


def _two_weeks_of_feeds(baby):
    """A few feeds on several days, and one feed still running (the timer)."""
    now = timezone.now().replace(microsecond=0)
    for days in (0, 1, 3, 6, 10):
        start = now - timedelta(days=days, hours=2)
        FeedFactory(baby=baby, started_at=start, letdown_count=days % 3)
        FeedFactory(
            baby=baby, kind="pump", started_at=start - timedelta(hours=3), left_ml=60, right_ml=45
        )
    bottle = FeedFactory(
        baby=baby,
        kind="bottle",
        started_at=now - timedelta(hours=5),
        ended_at=now - timedelta(hours=5),
        amount_ml=90,
        milk_type="breast_milk",
    )
    running_since = now - timedelta(minutes=7)
    FeedFactory(
        baby=baby,
        started_at=running_since,
        ended_at=None,
        segments=[{"side": "left", "started_at": running_since, "ended_at": None}],
    )
    return bottle


def _violations(page):
    results = Axe().run(page)
    return results.violations_count, results.generate_report()


def _screenshot_name(route: str, scheme: str) -> str:
    parts = route.strip("#/").split("/")
    name = "-".join(parts[:2]) if parts[0] == "log" else parts[0] or "home"
    return f"tracker-{name}-{scheme}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_signed_in_screens_have_no_axe_violations(new_context, live_url, scheme):
    owner, baby = family()
    bottle = _two_weeks_of_feeds(baby)
    # The service worker is not under test here; blocking it keeps the run short.
    page = new_context(color_scheme=scheme, service_workers="block").new_page()
    sign_in(page, live_url, owner)
    reports = {}
    for route in SIGNED_IN_SCREENS:
        open_app(page, live_url, route.format(feed=bottle.pk))
        page.wait_for_selector(".screen h1")
        count, report = _violations(page)
        save_screenshot(page, _screenshot_name(route, scheme))
        if count:
            reports[route] = report

    assert reports == {}


@pytest.mark.parametrize("route", ["#/signin", "#/signup"])
def test_account_screen_has_no_axe_violations(new_context, live_url, route):
    page = new_context(service_workers="block").new_page()
    open_app(page, live_url, route)
    page.wait_for_selector(".screen h1")

    count, report = _violations(page)
    save_screenshot(page, f"tracker-{route.strip('#/')}")
    assert count == 0, report


def test_first_run_screen_has_no_axe_violations(new_context, live_url):
    page = new_context(service_workers="block").new_page()
    sign_in(page, live_url, UserFactory())
    open_app(page, live_url, "#/welcome")
    page.wait_for_selector(".screen h1")

    count, report = _violations(page)
    save_screenshot(page, "tracker-welcome")
    assert count == 0, report


def test_no_screen_requests_another_host_or_breaks_the_csp(new_context, live_url):
    owner, baby = family()
    bottle = _two_weeks_of_feeds(baby)
    context = new_context()
    third_party = record_third_party_requests(context, live_url)
    page = context.new_page()
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_errors.append(message.text)
        ),
    )
    sign_in(page, live_url, owner)
    for route in SIGNED_IN_SCREENS:
        open_app(page, live_url, route.format(feed=bottle.pk))
        page.wait_for_selector(".screen h1")

    assert third_party == []
    assert csp_errors == []
