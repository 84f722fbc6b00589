"""Recovery and devices in a real browser: reset by email, and revoking another phone."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, open_app, sign_in
from tracker.models import Device

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "a calm new password 7"


def test_a_forgotten_password_is_reset_by_email_end_to_end(page, live_url):
    owner, baby = family()
    open_app(page, live_url)
    page.get_by_role("link", name="Forgot password?").click()
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    page.get_by_label("Email").fill(owner.email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    (message,) = mail.outbox
    assert message.to == [owner.email]
    link = re.search(r"https?://\S+/accounts/reset/\S+/", message.body).group(0)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the new password").click()
    expect(page.get_by_role("heading", name="Your new password is set")).to_be_visible()

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill(owner.username)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name=baby.name)).to_be_visible()


def test_signing_out_another_phone_ends_its_access_at_its_next_request(new_context, live_url):
    owner, _ = family()
    mine, theirs = new_context().new_page(), new_context().new_page()
    sign_in(mine, live_url, owner)
    sign_in(theirs, live_url, owner)
    assert theirs.request.get(f"{live_url}/api/v1/babies/").ok

    open_app(mine, live_url, "#/settings")
    mine.get_by_role("link", name="Password and devices").click()
    devices = mine.get_by_role("list").filter(has_text="Last used").get_by_role("listitem")
    expect(devices).to_have_count(2)
    expect(devices.filter(has_text="This phone")).to_have_count(1)
    devices.filter(has=mine.get_by_role("button", name="Sign out")).get_by_role("button").click()
    mine.get_by_role("button", name="Sign it out").click()
    expect(devices).to_have_count(1)

    assert theirs.request.get(f"{live_url}/api/v1/babies/").status == 403
    assert Device.objects.filter(user=owner).count() == 1
    assert mine.request.get(f"{live_url}/api/v1/babies/").ok
