"""A change sent for a baby the parent then stopped sharing: its late answer is not news.

The push left the phone but its answer was lost; the parent left the baby
anyway (warned). When the push is sent again the server refuses it (the baby
is no longer shared), and the phone must neither list that refusal under
"needs attention" (there is nothing left to fix) nor store anything of the
forgotten baby again.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import (
    family,
    local_counts,
    log_bottle,
    open_app,
    read_db,
    sign_in,
    wait_until,
)
from tests.factories import UserFactory, add_caregiver
from tracker.models import Caregiver, Feed, SyncReceipt

pytestmark = pytest.mark.django_db(transaction=True)

PUSH = "**/api/v1/sync/push/"


def test_a_refusal_for_a_baby_left_meanwhile_needs_no_attention(new_context, live_url):
    _, baby = family()
    partner = UserFactory()
    add_caregiver(baby, partner)
    page = new_context().new_page()
    sign_in(page, live_url, partner)

    # Sent, but no answer ever came back: the entry stays queued as sent.
    page.route(PUSH, lambda route: route.abort())
    log_bottle(page, live_url, "80")
    open_app(page, live_url, "#/settings")
    page.get_by_role("button", name="Stop sharing Mia with me").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("has not reached the server yet")
    dialog.get_by_role("button", name="Stop sharing with me").click()
    expect(page.locator("#tracker-feedback")).to_contain_text("You no longer see Mia")
    assert not read_db(page, lambda: Caregiver.objects.filter(user=partner).exists())

    page.unroute(PUSH)
    # With no baby left the phone shows the first-run screen; a start syncs.
    page.reload()
    expect(page.get_by_role("heading", level=1, name="Welcome to Letdown")).to_be_visible()
    wait_until(
        page,
        lambda: SyncReceipt.objects.filter(
            device__user=partner, result__status="rejected"
        ).exists(),
    )
    page.wait_for_function(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("letdown");
            open.onsuccess = () => {
              const request = open.result.transaction("outbox").objectStore("outbox").count();
              request.onsuccess = () => { open.result.close(); resolve(request.result === 0); };
            };
        })"""
    )
    assert local_counts(page) == {"feeds": 0, "babies": 0, "outbox": 0, "attention": 0}
    assert read_db(page, lambda: Feed.objects.filter(baby=baby).count()) == 0
