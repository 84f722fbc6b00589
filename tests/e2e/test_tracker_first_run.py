"""First run in a real browser: create an account, name the baby, sign in and out."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import (
    PASSWORD,
    family,
    local_feed_count,
    log_bottle,
    open_app,
    sign_in,
    wait_synced,
)
from tests.factories import UserFactory
from tracker.models import Baby, Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_then_name_the_baby_opens_the_home_screen(page, live_url):
    cache.clear()
    open_app(page, live_url)
    page.get_by_role("link", name="Create an account").click()
    # The sign-in screen has a Username field too: fill only once the new screen is there.
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Welcome to Letdown")).to_be_visible()

    page.get_by_label("Baby's name").fill("Mia")
    page.get_by_role("button", name="Start tracking").click()

    expect(page.get_by_role("heading", level=1, name="Mia")).to_be_visible()
    baby = Baby.objects.get(name="Mia")
    assert baby.caregivers.get().role == Role.OWNER
    assert baby.caregivers.get().user.username == "sam"


def test_wrong_password_is_explained_next_to_the_form(page, live_url):
    owner, _ = family()
    open_app(page, live_url)
    page.get_by_label("Username").fill(owner.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("wrong")


def test_signing_out_warns_about_unsynced_feeds_then_clears_the_phone(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    page.route("**/api/v1/sync/push/", lambda route: route.abort())
    page.goto(f"{live_url}/#/log/bottle")
    page.get_by_label("Amount (ml)").fill("80")
    page.get_by_role("button", name="Save").click()
    # Saving returns to home; opening settings before that would race it.
    page.wait_for_url("**/#/")
    page.goto(f"{live_url}/#/settings")
    page.get_by_role("button", name="Sign out").click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("1 change has not reached the server yet")
    dialog.get_by_role("button", name="Sign out and lose them").click()

    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    stores = page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("letdown");
            open.onsuccess = () => {
              const tx = open.result.transaction(["feeds", "babies", "outbox", "meta"]);
              const counts = {};
              for (const name of tx.objectStoreNames) {
                const request = tx.objectStore(name).count();
                request.onsuccess = () => { counts[name] = request.result; };
              }
              tx.oncomplete = () => resolve(counts);
            };
        })"""
    )
    assert stores == {"feeds": 0, "babies": 0, "outbox": 0, "meta": 0}


def test_signing_in_on_a_new_phone_brings_the_baby_from_the_server(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    wait_synced(page)
    expect(page.get_by_role("heading", level=1, name="Mia")).to_be_visible()


def test_signing_in_as_someone_else_asks_before_removing_waiting_changes(page, live_url):
    owner, _ = family()
    other = UserFactory()
    sign_in(page, live_url, owner)
    page.route("**/api/v1/sync/push/", lambda route: route.abort())
    log_bottle(page, live_url, "50")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    ended = page.request.delete(f"{live_url}/api/v1/auth/session/", headers={"X-CSRFToken": token})
    assert ended.status == 204, ended.text()
    page.unroute("**/api/v1/sync/push/")
    page.reload()  # the parent opens the app again later; its session has ended
    page.get_by_role("link", name="Sign in again to sync").click()
    expect(page.get_by_text("Your session ended")).to_be_visible()

    page.get_by_label("Username").fill(other.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"1 change by {owner.username}")
    dialog.get_by_role("button", name="Go back").click()

    assert local_feed_count(page) == 1
