"""The "needs attention" list in a real browser: a change the server refuses
is shown with its reason and can be fixed; a value this phone overwrote on
another phone's edit can be put back with one tap."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import (
    family,
    log_bottle,
    read_db,
    sign_in,
    sync_now,
    wait_synced,
    wait_until,
)
from tests.factories import FeedFactory, UserFactory, add_caregiver
from tracker.models import Feed

pytestmark = pytest.mark.django_db(transaction=True)


def _phone_with_a_clock_two_hours_ahead(page):
    page.clock.set_system_time(timezone.now() + timedelta(hours=2))


def test_a_refused_change_is_listed_with_its_reason_and_can_be_fixed(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    _phone_with_a_clock_two_hours_ahead(page)
    log_bottle(page, live_url, "70")
    page.goto(f"{live_url}/#/sync")

    item = page.get_by_test_id("attention-item")
    expect(item).to_contain_text("could not be saved")
    expect(page.locator("#sync-bar")).to_contain_text("1 needs attention")
    assert not read_db(page, Feed.objects.filter(baby=baby).exists)

    page.clock.set_system_time(timezone.now())
    item.get_by_role("link", name="Fix it").click()
    right_time = page.evaluate(
        """() => {
            const d = new Date(Date.now() - 5 * 60000);
            const p = (n) => String(n).padStart(2, "0");
            const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
            return `${day}T${p(d.getHours())}:${p(d.getMinutes())}`;
        }"""
    )
    page.get_by_label("Started").fill(right_time)
    page.get_by_role("button", name="Save changes").click()

    wait_until(page, lambda: Feed.objects.filter(baby=baby, amount_ml=70).exists())
    wait_synced(page)
    expect(page.locator("#sync-bar")).not_to_contain_text("attention")


def test_undo_puts_back_the_value_another_phone_had_set(new_context, live_url):
    owner, baby = family()
    partner = UserFactory()
    add_caregiver(baby, partner)
    feed = FeedFactory(
        baby=baby,
        kind="bottle",
        started_at=timezone.now() - timedelta(hours=1),
        ended_at=timezone.now() - timedelta(hours=1),
        amount_ml=60,
        milk_type="formula",
    )
    owner_page = new_context(service_workers="block").new_page()
    partner_page = new_context(service_workers="block").new_page()
    sign_in(owner_page, live_url, owner)
    sign_in(partner_page, live_url, partner)

    owner_page.context.set_offline(True)
    for page, amount in ((partner_page, "90"), (owner_page, "120")):
        page.goto(f"{live_url}/#/feed/{feed.pk}")
        page.get_by_label("Amount (ml)").fill(amount)
        page.get_by_role("button", name="Save changes").click()
        page.wait_for_url("**/#/history")
    wait_synced(partner_page)
    owner_page.context.set_offline(False)
    wait_until(owner_page, lambda: Feed.objects.get(pk=feed.pk).amount_ml == 120)

    owner_page.goto(f"{live_url}/#/sync")
    item = owner_page.get_by_test_id("attention-item")
    expect(item).to_contain_text("the other phone had 90 ml")
    item.get_by_role("button", name="Use the other phone's values").click()

    wait_until(owner_page, lambda: Feed.objects.get(pk=feed.pk).amount_ml == 90)
    sync_now(owner_page, live_url)
    expect(owner_page.get_by_test_id("attention-item")).to_have_count(0)
