"""The server answers 503 (its database is restarting): the phone says it will
retry, keeps the entry, and delivers it exactly once when the server is back.

The 503 itself is the server's (tests/security/test_database_down_live.py
proves it with a real unreachable database); here the browser's route
stands in for those few seconds, since the live test server shares one
in-memory database with the test and cannot lose it.
"""

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, log_bottle, sign_in, wait_synced, wait_until
from tracker.models import Feed

pytestmark = pytest.mark.django_db(transaction=True)

UNAVAILABLE = {
    "status": 503,
    "headers": {"Retry-After": "10", "Content-Type": "application/json"},
    "body": json.dumps({"detail": "The service is briefly unavailable; try again shortly."}),
}


def test_a_503_keeps_the_entry_and_it_arrives_once_after(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.route("**/api/v1/sync/**", lambda route: route.fulfill(**UNAVAILABLE))

    log_bottle(page, live_url, "70")
    bar = page.locator("#sync-bar")
    expect(bar).to_contain_text("Sync will retry", timeout=15000)
    expect(bar).to_contain_text("1 waiting to sync")
    assert not Feed.objects.filter(baby=baby).exists()

    page.unroute("**/api/v1/sync/**")
    page.goto(f"{live_url}/#/sync")
    page.get_by_role("button", name="Sync now").click()
    wait_synced(page)
    wait_until(page, lambda: Feed.objects.filter(baby=baby, amount_ml=70).count() == 1)
    expect(bar).not_to_contain_text("retry")
