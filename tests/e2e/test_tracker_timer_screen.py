"""The timer screen on a phone: the stopwatch stays in view while toasts come
and go, and it stands still during a pause.

Time is the page's own clock under Playwright's control (`page.clock`): the
stopwatch reads exactly what the test let pass, whatever the machine's clock.
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

START = dt.datetime(2026, 3, 14, 9, 0, tzinfo=dt.UTC)

# Is the element wholly inside the viewport, and is it clear of the toast?
PLACE = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  const toast = document.getElementById("tracker-feedback");
  const shown = toast.classList.contains("is-visible") && toast.textContent;
  const t = toast.getBoundingClientRect();
  const covered = Boolean(shown) && box.bottom > t.top && box.top < t.bottom
    && box.right > t.left && box.left < t.right;
  return { top: box.top, bottom: box.bottom, height: innerHeight, covered };
}"""


# A parent scrolls until the button is clear of the toast and the fixed bars
# (Playwright would otherwise scroll it wherever its own click lands).
SCROLL_CLEAR = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  const toast = document.getElementById("tracker-feedback");
  const bar = document.querySelector(".bottom-bar").getBoundingClientRect().top;
  const clear = toast.classList.contains("is-visible") ? toast.getBoundingClientRect().top : bar;
  if (box.bottom > clear) window.scrollBy({ top: box.bottom - clear + 4, behavior: "instant" });
}"""


def _in_view(page, selector):
    place = page.evaluate(PLACE, selector)
    assert place["top"] >= 0, (selector, place)
    assert place["bottom"] <= place["height"], (selector, place)
    return place


@pytest.mark.parametrize("size", [(360, 640), (390, 844)], ids=["360x640", "390x844"])
def test_tapping_letdown_keeps_the_stopwatch_and_the_button_in_view(new_context, live_url, size):
    width, height = size
    page = new_context(viewport={"width": width, "height": height}).new_page()
    owner, _ = family()
    sign_in(page, live_url, owner)
    page.get_by_role("button", name="Start left").click()
    expect(page.get_by_test_id("timer-state")).to_contain_text("On the left")
    expect(page.locator("#tracker-feedback")).to_contain_text("and synced")
    letdown = page.get_by_test_id("letdown-now")

    page.evaluate(SCROLL_CLEAR, '[data-testid="letdown-now"]')
    _in_view(page, '[data-testid="elapsed"]')
    for count in (1, 2):
        assert not _in_view(page, '[data-testid="letdown-now"]')["covered"]
        letdown.click()
        expect(page.get_by_test_id("timer-letdowns").get_by_role("listitem")).to_have_count(count)
        expect(page.locator("#tracker-feedback")).to_contain_text("Let-down noted")
        page.wait_for_timeout(150)  # the frame in which the toast clears its place
        _in_view(page, '[data-testid="elapsed"]')
        button = _in_view(page, '[data-testid="letdown-now"]')
        assert not button["covered"], button


def test_the_stopwatch_stands_still_while_paused_and_goes_on_from_there(page, live_url):
    page.clock.install(time=START)
    owner, _ = family()
    sign_in(page, live_url, owner)
    # From here on the page's time moves only when the test moves it.
    page.clock.pause_at(START + dt.timedelta(minutes=10))
    elapsed = page.get_by_test_id("elapsed")
    state = page.get_by_test_id("timer-state")

    page.get_by_role("button", name="Start left").click()
    expect(state).to_contain_text("On the left")
    page.clock.run_for(5000)
    expect(elapsed).to_have_text("0:05")

    page.get_by_role("button", name="Pause").click()
    expect(state).to_contain_text("Paused")
    page.clock.run_for(60_000)
    expect(elapsed).to_have_text("0:05")
    expect(page.get_by_test_id("left-time")).to_have_text("0:05")

    page.get_by_role("button", name="Resume left").click()
    expect(state).to_contain_text("On the left")
    page.clock.run_for(3000)
    expect(elapsed).to_have_text("0:08")
