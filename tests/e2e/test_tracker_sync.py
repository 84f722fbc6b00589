"""Offline-first sync in a real browser against the real API.

Feeds logged offline survive a reload and reach the server exactly once; a
push whose response is lost is retried without duplicates; two phones of
one family editing one feed converge with both changes kept.
"""

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import (
    family,
    local_feed_count,
    log_bottle,
    log_pump,
    open_app,
    read_db,
    sign_in,
    sync_now,
    wait_for_service_worker,
    wait_synced,
    wait_until,
)
from tests.factories import FeedFactory, UserFactory
from tracker.models import Feed, SyncDevice, SyncReceipt

pytestmark = pytest.mark.django_db(transaction=True)


def _timed_feed(page, live_url):
    page.goto(f"{live_url}/#/")
    page.get_by_role("button", name="Start left").click()
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Done").click()
    page.wait_for_url("**/#/")


def test_three_feeds_logged_offline_survive_a_reload_and_reach_the_server_once(
    new_context, live_url
):
    owner, baby = family()
    context = new_context()
    page = context.new_page()
    sign_in(page, live_url, owner)
    wait_for_service_worker(page)

    context.set_offline(True)
    log_bottle(page, live_url, "60")
    log_pump(page, live_url)
    _timed_feed(page, live_url)
    page.reload()
    open_app(page, live_url, "#/history")

    expect(page.get_by_test_id("feed-row")).to_have_count(3)
    expect(page.locator("#sync-bar")).to_contain_text("3 waiting")
    assert not read_db(page, Feed.objects.filter(baby=baby).exists)

    context.set_offline(False)
    wait_until(page, lambda: Feed.objects.filter(baby=baby).count() == 3)
    wait_synced(page)
    page.wait_for_timeout(500)  # a late duplicate would show up here
    kinds = read_db(
        page, lambda: list(Feed.objects.filter(baby=baby).values_list("kind", flat=True))
    )
    assert sorted(kinds) == [
        "bottle",
        "breast",
        "pump",
    ]


def test_a_push_whose_answer_is_lost_is_resent_and_applied_once(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    pushes = []

    def lose_first_answer(route):
        pushes.append(json.loads(route.request.post_data))
        if len(pushes) == 1:
            route.fetch()  # the server applies the push ...
            route.abort()  # ... and the phone never hears back
        else:
            route.continue_()

    page.route("**/api/v1/sync/push/", lose_first_answer)
    log_bottle(page, live_url, "75")
    wait_until(page, lambda: Feed.objects.filter(baby=baby).count() == 1)

    # The retry comes with the next trigger (30 s timer, app reopened, ...) or "Sync now".
    sync_now(page, live_url)

    assert read_db(page, Feed.objects.filter(baby=baby).count) == 1
    assert pushes[1]["mutations"] == pushes[0]["mutations"]
    device = read_db(page, lambda: SyncDevice.objects.get(pk=pushes[0]["device_id"]))
    assert device.last_seq == 1
    assert local_feed_count(page) == 1


def test_a_seq_gap_renumbers_the_outbox_and_the_feed_arrives_once(page, live_url):
    """The server lost track of this device's earlier seqs (restored from a backup, say):
    it answers 409 with its last_seq and the phone renumbers its outbox from there."""
    owner, baby = family()
    sign_in(page, live_url, owner)
    log_bottle(page, live_url, "60")
    wait_until(page, lambda: SyncDevice.objects.filter(user=owner, last_seq=1).exists())
    wait_synced(page)

    def forget_the_device():
        SyncReceipt.objects.filter(device__user=owner).delete()
        return SyncDevice.objects.filter(user=owner).update(last_seq=0)

    assert read_db(page, forget_the_device) == 1

    answers = []
    page.on("response", lambda r: "/sync/push/" in r.url and answers.append(r.status))
    log_bottle(page, live_url, "90")
    wait_until(page, lambda: Feed.objects.filter(baby=baby).count() == 2)
    wait_synced(page)

    assert answers[:2] == [409, 200]
    assert read_db(page, lambda: SyncDevice.objects.get(user=owner).last_seq) == 1
    amounts = read_db(
        page, lambda: sorted(Feed.objects.filter(baby=baby).values_list("amount_ml", flat=True))
    )
    assert [float(a) for a in amounts] == [60.0, 90.0]


def _join_with_invite_code(page, live_url, code):
    page.get_by_label("Invite code").fill(code)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", level=1, name="Mia")).to_be_visible()


def _invite_code(page, live_url):
    page.goto(f"{live_url}/#/settings")
    page.get_by_role("button", name="Create an invite code").click()
    return page.get_by_test_id("invite-code").inner_text()


def _edit_first_feed(page, live_url, label, value):
    page.goto(f"{live_url}/#/history")
    page.get_by_test_id("feed-row").first.click()
    page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url("**/#/history")


def test_two_phones_editing_one_feed_keep_both_changes(new_context, live_url):
    owner, baby = family()
    owner_page = new_context().new_page()
    sign_in(owner_page, live_url, owner)
    code = _invite_code(owner_page, live_url)
    partner_context = new_context()
    partner_page = partner_context.new_page()
    sign_in(partner_page, live_url, UserFactory())
    _join_with_invite_code(partner_page, live_url, code)

    log_bottle(owner_page, live_url, "60")
    wait_until(owner_page, lambda: Feed.objects.filter(baby=baby).count() == 1)
    sync_now(partner_page, live_url)
    owner_context = owner_page.context
    owner_context.set_offline(True)
    _edit_first_feed(partner_page, live_url, "Amount (ml)", "90")
    wait_synced(partner_page)
    _edit_first_feed(owner_page, live_url, "Notes (optional)", "Spat up a little")
    owner_context.set_offline(False)
    wait_synced(owner_page)
    sync_now(partner_page, live_url)

    feed = read_db(owner_page, lambda: Feed.objects.get(baby=baby))
    assert (float(feed.amount_ml), feed.notes) == (90.0, "Spat up a little")
    for page in (owner_page, partner_page):
        page.goto(f"{live_url}/#/history")
        expect(page.get_by_test_id("feed-row")).to_contain_text("90 ml")
        page.get_by_test_id("feed-row").click()
        expect(page.get_by_label("Notes (optional)")).to_have_value("Spat up a little")


def test_a_cursor_the_server_refuses_leads_to_a_full_pull_not_a_stuck_phone(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("letdown");
            open.onsuccess = () => {
              const tx = open.result.transaction("meta", "readwrite");
              tx.objectStore("meta").put("not-a-cursor-from-this-server", "cursor");
              tx.oncomplete = () => { open.result.close(); resolve(); };
            };
        })"""
    )
    read_db(page, lambda: FeedFactory(baby=baby, kind="pump", left_ml=30, right_ml=30))

    sync_now(page, live_url)

    page.goto(f"{live_url}/#/history")
    expect(page.get_by_test_id("feed-row")).to_contain_text("60 ml")
