"""Sync state a parent can trust:
- deleting one's own feed (from the saved screen or History) raises nothing;
  only a delete made on another phone, of a feed this phone had unsent
  edits for, is reported, naming the feed;
- dismissing every attention item clears the count at once;
- the partner race (the other phone stops a running feed, this phone then
  switches side) reads as a plain sentence with a way on, never as server
  field messages;
- conflict notes name the feed and the field in words with units."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import (
    family,
    read_db,
    sign_in,
    sync_now,
    wait_synced,
    wait_until,
)
from tests.factories import FeedFactory, UserFactory, add_caregiver
from tracker.models import Feed

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = "/tmp/shots-b"


def _bottle(baby, ml=60, hours=1):
    at = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=hours)
    return FeedFactory(
        baby=baby, kind="bottle", started_at=at, ended_at=at, amount_ml=ml, milk_type="formula"
    )


def _two_phones(new_context, live_url):
    owner, baby = family()
    partner = UserFactory()
    add_caregiver(baby, partner)
    return owner, partner, baby


def _phone(new_context, live_url, user, scheme="light"):
    page = new_context(service_workers="block", color_scheme=scheme).new_page()
    sign_in(page, live_url, user)
    return page


def _offline_with_screens_loaded(page, live_url, feed):
    """Offline, once the edit and history screens' code is loaded (no service worker here)."""
    page.goto(f"{live_url}/#/history")
    expect(page.get_by_role("heading", level=1, name="History")).to_be_visible()
    page.goto(f"{live_url}/#/feed/{feed.pk}")
    expect(page.get_by_label("Amount (ml)")).to_be_visible()
    page.context.set_offline(True)


def _nothing_needs_attention(page, live_url):
    sync_now(page, live_url)
    expect(page.get_by_text("Nothing needs your attention.")).to_be_visible()
    expect(page.locator("#sync-bar")).not_to_contain_text("attention")


def test_deleting_a_feed_just_saved_raises_nothing(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    page.get_by_role("button", name="Start left").click()
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("heading", name="Feed saved")).to_be_visible()
    wait_synced(page)  # the server has the feed: the delete is a delete of a synced feed
    page.get_by_role("button", name="Delete").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()

    wait_until(page, lambda: Feed.objects.filter(baby=baby, deleted_at__isnull=False).exists())
    _nothing_needs_attention(page, live_url)


def test_deleting_from_history_with_edits_still_unsent_raises_nothing(page, live_url):
    owner, baby = family()
    feed = _bottle(baby)
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/feed/{feed.pk}")
    expect(page.get_by_label("Amount (ml)")).to_be_visible()
    page.context.set_offline(True)  # the edit stays unsent until after the delete
    page.get_by_label("Amount (ml)").fill("75")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_test_id("feed-row").click()
    page.get_by_role("button", name="Delete").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_text("No feeds yet")).to_be_visible()
    page.context.set_offline(False)

    wait_until(page, lambda: Feed.objects.get(pk=feed.pk).deleted_at is not None)
    _nothing_needs_attention(page, live_url)


def test_a_delete_on_the_other_phone_of_a_feed_edited_here_is_reported(new_context, live_url):
    owner, partner, baby = _two_phones(new_context, live_url)
    feed = _bottle(baby, hours=2)
    mine, theirs = _phone(new_context, live_url, owner), _phone(new_context, live_url, partner)
    _offline_with_screens_loaded(mine, live_url, feed)
    mine.goto(f"{live_url}/#/feed/{feed.pk}")
    mine.get_by_label("Amount (ml)").fill("75")
    mine.get_by_role("button", name="Save changes").click()
    mine.wait_for_url("**/#/history")
    theirs.goto(f"{live_url}/#/feed/{feed.pk}")
    theirs.get_by_role("button", name="Delete").click()
    theirs.get_by_role("dialog").get_by_role("button", name="Delete").click()
    wait_until(theirs, lambda: Feed.objects.get(pk=feed.pk).deleted_at is not None)

    mine.context.set_offline(False)
    sync_now(mine, live_url)
    item = mine.get_by_test_id("attention-item")
    expect(item).to_contain_text("deleted on another phone")
    expect(item.get_by_role("heading")).to_have_text(f"Bottle, today at {_clock(mine, feed)}")
    expect(mine.locator("#sync-bar")).to_contain_text("1 needs attention")


def _no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _clock(page, feed):
    return page.evaluate(
        """(iso) => new Intl.DateTimeFormat(undefined, {hour: "numeric", minute: "2-digit"})
            .format(new Date(iso))""",
        feed.started_at.isoformat(),
    )


def test_conflict_notes_speak_units_and_dismissing_them_all_clears_the_count(
    new_context, live_url
):
    owner, partner, baby = _two_phones(new_context, live_url)
    first, second = _bottle(baby, 60, hours=1), _bottle(baby, 80, hours=3)
    mine = _phone(new_context, live_url, owner, scheme="dark")
    theirs = _phone(new_context, live_url, partner)
    _offline_with_screens_loaded(mine, live_url, first)
    for page, amounts in ((theirs, ("65", "85")), (mine, ("120", "130"))):
        for feed, amount in zip((first, second), amounts, strict=True):
            page.goto(f"{live_url}/#/feed/{feed.pk}")
            # This feed's form, not the last one still on screen.
            shown = re.compile(rf"^{int(feed.amount_ml)}(\.0+)?$")
            expect(page.get_by_label("Amount (ml)")).to_have_value(shown)
            page.get_by_label("Amount (ml)").fill(amount)
            page.get_by_role("button", name="Save changes").click()
            page.wait_for_url("**/#/history")
    wait_until(theirs, lambda: Feed.objects.get(pk=second.pk).amount_ml == 85)
    mine.context.set_offline(False)
    sync_now(mine, live_url)
    wait_until(mine, lambda: Feed.objects.get(pk=second.pk).amount_ml == 130)
    items = mine.get_by_test_id("attention-item")
    expect(items).to_have_count(2)
    expect(mine.locator("#sync-bar")).to_contain_text("2 need attention")
    note = items.filter(has_text="65 ml")
    expect(note.get_by_role("heading")).to_have_text(f"Bottle, today at {_clock(mine, first)}")
    expect(note).to_contain_text("the other phone had 65 ml")
    expect(items.filter(has_text="the other phone had 85 ml")).to_have_count(1)
    _no_axe_violations(mine)

    for left in (1, 0):
        items.first.get_by_role("button", name="Dismiss").click()
        expect(items).to_have_count(left)
    # At once: no sync run (the next is up to 30 s away) is needed to clear the count.
    expect(mine.locator("#sync-bar")).not_to_contain_text("attention", timeout=2000)


def test_the_partner_stops_the_feed_then_this_phone_switches_side(new_context, live_url):
    owner, partner, baby = _two_phones(new_context, live_url)
    started = timezone.now().replace(microsecond=0) - timedelta(minutes=8)
    feed = FeedFactory(
        baby=baby,
        started_at=started,
        ended_at=None,
        segments=[{"side": "left", "started_at": started, "ended_at": None}],
    )
    mine, theirs = _phone(new_context, live_url, owner), _phone(new_context, live_url, partner)
    mine.goto(f"{live_url}/#/timer")
    expect(mine.get_by_test_id("timer-state")).to_contain_text("On the left")
    mine.context.set_offline(True)  # a weak signal: this phone does not hear of the stop in time
    theirs.goto(f"{live_url}/#/timer")
    theirs.get_by_role("button", name="Stop").click()
    wait_until(theirs, lambda: Feed.objects.get(pk=feed.pk).ended_at is not None)
    mine.get_by_role("button", name="Switch to right").click()
    expect(mine.get_by_test_id("timer-state")).to_contain_text("On the right")
    mine.context.set_offline(False)

    sync_now(mine, live_url)
    item = mine.get_by_test_id("attention-item")
    expect(item).to_contain_text("The other phone stopped this feed")
    expect(item).to_contain_text("switch to the right")
    expect(item).not_to_contain_text("Segment")
    expect(item).not_to_contain_text("segments")
    expect(item.get_by_role("heading")).to_have_text(f"Breastfeed, today at {_clock(mine, feed)}")
    mine.screenshot(path=f"{SHOTS}/partner-race-attention.png")
    _no_axe_violations(mine)
    mine.goto(f"{live_url}/#/feed/{feed.pk}")  # the feed's own screen says no more than that
    expect(mine.get_by_role("heading", level=1)).to_have_text("Edit breastfeed")
    expect(mine.locator("#tracker-view")).not_to_contain_text("Segment")

    mine.goto(f"{live_url}/#/sync")
    item.get_by_role("button", name="Carry on on the right").click()
    expect(mine.get_by_test_id("timer-state")).to_contain_text("On the right")
    wait_until(mine, lambda: Feed.objects.get(pk=feed.pk).ended_at is None)
    stored = read_db(mine, lambda: Feed.objects.get(pk=feed.pk))
    assert [segment["side"] for segment in stored.segments] == ["left", "right"]
    assert stored.segments[1]["ended_at"] is None
    expect(mine.locator("#sync-bar")).not_to_contain_text("attention")
