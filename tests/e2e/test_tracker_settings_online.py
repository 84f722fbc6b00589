"""Settings opened offline fills in who shares the baby when the connection returns."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, open_app, sign_in
from tests.factories import UserFactory, add_caregiver

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_caregiver_list_appears_when_the_phone_comes_back_online(new_context, live_url):
    owner, baby = family()
    partner = UserFactory()
    add_caregiver(baby, partner)
    page = new_context().new_page()
    sign_in(page, live_url, owner)

    # Settings opened once online: its code is loaded (offline, an unloaded
    # screen would depend on the service worker having saved it yet).
    open_app(page, live_url, "#/settings")
    caregivers = page.get_by_test_id("caregivers")
    expect(caregivers).to_contain_text(partner.username)
    page.goto(f"{live_url}/#/history")
    expect(page.get_by_role("heading", level=1, name="History")).to_be_visible()

    page.context.set_offline(True)
    page.goto(f"{live_url}/#/settings")
    expect(caregivers).to_contain_text("The list appears when you are online.")

    page.context.set_offline(False)
    expect(caregivers).to_contain_text(partner.username)
    expect(caregivers).not_to_contain_text("when you are online")
