"""A weak signal: the phone says it is online, but the server's answers never come.

At 3 a.m. on one bar of signal the app must open from what the phone holds,
not wait for a session check that may take minutes; and a request that
neither answers nor fails must give up so the next sync can run.
"""

import pytest
from django.templatetags.static import static
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import READY, family, log_bottle, sign_in, wait_synced

pytestmark = pytest.mark.django_db(transaction=True)


def _hold_every_api_request(page) -> list:
    """Route the API to nowhere: requests stay pending, as on a dead connection."""
    held = []
    page.route("**/api/v1/**", lambda route: held.append(route))
    return held


def test_the_home_screen_opens_from_the_phone_when_the_server_never_answers(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    log_bottle(page, live_url, "60")
    wait_synced(page)

    held = _hold_every_api_request(page)
    page.reload()
    # Well before any request could time out (20 s): the app did not wait for the server.
    page.wait_for_selector(READY, timeout=8000)
    expect(page.get_by_test_id("last-feed-ago")).to_be_visible()
    expect(page.get_by_test_id("today-totals")).to_contain_text("60")
    assert any("/api/v1/auth/session/" in route.request.url for route in held)
    for route in held:
        route.abort()


def test_a_request_without_an_answer_gives_up_as_offline(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    _hold_every_api_request(page)
    outcome = page.evaluate(
        """async (url) => {
            const { api, OfflineError } = await import(url);
            const started = performance.now();
            try {
                await api("GET", "/api/v1/babies/", undefined, { timeoutMs: 300 });
                return { error: null };
            } catch (error) {
                return { offline: error instanceof OfflineError, ms: performance.now() - started };
            }
        }""",
        static("frontend/js/tracker/api.js"),
    )
    assert outcome["offline"] is True
    assert 250 <= outcome["ms"] < 5000
