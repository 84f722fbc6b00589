"""Toasts ("Saved on this phone…") never cover a form field or a button:
they sit above the screen's action bar and the tab bar (never on them), and
any field or button the parent could see when the toast appeared is moved
up above it (what the fixed bars already hid stays reachable by scrolling)."""

import pytest
from django.templatetags.static import static
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

CONTROLS = "input, select, textarea, button, a.btn, .tab-bar a, label"

# The app's own toast: the module main.js imports (its hashed name, as the
# rewritten imports use), so the same instance with its mounted element.
SAY = """async ([url, message]) => {
  (await import(url)).say(message, 60000);
}"""

# Controls wholly in view (above the fixed bars) get data-seen, before the toast.
MARK_SEEN = """(selector) => {
  const bars = [...document.querySelectorAll(".bottom-bar, .tab-bar")]
    .map((el) => el.getBoundingClientRect().top);
  const clear = Math.min(innerHeight, ...bars);
  let seen = 0;
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (el.checkVisibility() && r.height && r.top >= 0 && r.bottom <= clear) {
      el.dataset.seen = "";
      seen += 1;
    }
  }
  return seen;
}"""

OVERLAPS = """(selector) => {
  const toast = document.getElementById("tracker-feedback").getBoundingClientRect();
  const hit = (r) => r.width && r.height && r.bottom > toast.top && r.top < toast.bottom
    && r.right > toast.left && r.left < toast.right;
  return [...document.querySelectorAll(selector)]
    .filter((el) => el.checkVisibility() && hit(el.getBoundingClientRect()))
    .map((el) => el.outerHTML.slice(0, 80));
}"""

# The screen's primary actions and the tabs, and whatever was in view.
ALWAYS_CLEAR = ".bottom-bar .btn, .tab-bar a, [data-seen]"


def _toast(page, message):
    page.evaluate(SAY, [static("frontend/js/tracker/feedback.js"), message])
    expect(page.locator("#tracker-feedback")).to_be_visible()
    page.wait_for_timeout(100)  # one frame for the scroll that clears it


@pytest.mark.parametrize("scroll", ["top", "bottom"])
def test_a_toast_on_a_form_covers_no_field_and_no_button(page, live_url, scroll):
    owner, _ = family()
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/log/bottle")
    expect(page.get_by_role("heading", level=1, name="Log a bottle")).to_be_visible()
    if scroll == "bottom":
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")

    assert page.evaluate(MARK_SEEN, CONTROLS) > 3
    _toast(page, "Saved on this phone. It will sync when you are back online.")

    assert page.evaluate(OVERLAPS, ALWAYS_CLEAR) == []
    if scroll == "top":
        page.screenshot(path="/tmp/shots-b/form-toast-bottom-bar.png")


def test_the_saved_toast_on_home_covers_no_button(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/log/bottle")
    page.get_by_label("Amount (ml)").fill("60")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/#/")
    expect(page.locator("#tracker-feedback")).to_be_visible()
    page.wait_for_timeout(100)

    assert page.evaluate(OVERLAPS, ".bottom-bar .btn, .tab-bar a") == []


def test_a_timer_toast_covers_none_of_the_timer_buttons(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    page.get_by_role("button", name="Start left").click()
    expect(page.get_by_test_id("timer-state")).to_contain_text("On the left")
    page.get_by_role("button", name="Pause").click()
    expect(page.locator("#tracker-feedback")).to_have_text("Paused.")

    assert page.evaluate(OVERLAPS, ALWAYS_CLEAR) == []
