"""Navigation is one tab bar at the bottom of the screen, in thumb reach, with
the screen's primary action just above it; usable with a keyboard and a
screen reader (one nav landmark, aria-current, a visible focus ring) and
clear of the iPhone's home indicator (safe-area inset)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.test_tracker_helpers import family, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

TABS = ["Today", "History", "Charts", "Guide", "Settings"]


def _box(locator):
    return locator.bounding_box()


def test_one_tab_bar_at_the_bottom_with_the_primary_action_above_it(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)

    navs = page.get_by_role("navigation")
    expect(navs).to_have_count(1)  # no second row of tabs at the top
    bar = page.get_by_role("navigation", name="Tracker")
    expect(bar.get_by_role("link")).to_have_text(TABS)
    tabs = _box(bar)
    assert tabs["y"] + tabs["height"] == pytest.approx(PHONE["height"], abs=1)
    assert tabs["height"] <= 80
    for link in bar.get_by_role("link").all():
        box = _box(link)
        assert box["height"] >= 48
        assert box["width"] >= 48

    start = _box(page.get_by_role("button", name="Start left"))
    action_bar = _box(page.locator(".screen .bottom-bar"))
    assert action_bar["y"] + action_bar["height"] == pytest.approx(tabs["y"], abs=1)
    assert start["y"] + start["height"] <= tabs["y"]
    expect(bar.get_by_role("link", name="Today")).to_have_attribute("aria-current", "page")


def test_tabs_work_from_the_keyboard_and_mark_the_open_screen(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    bar = page.get_by_role("navigation", name="Tracker")
    history = bar.get_by_role("link", name="History")

    # Keyboard only: Tab until the History tab has focus, then Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if history.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the History tab is not reachable with Tab")
    outline = history.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"  # the focus ring shows
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1, name="History")).to_be_visible()
    expect(history).to_have_attribute("aria-current", "page")
    expect(bar.get_by_role("link", name="Today")).not_to_have_attribute("aria-current", "page")
    # A screen under a tab keeps that tab marked (the timer is part of Today).
    page.goto(f"{live_url}/#/timer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Feed timer")
    expect(bar.get_by_role("link", name="Today")).to_have_attribute("aria-current", "true")


def test_the_tab_bar_keeps_clear_of_the_home_indicator(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    # Chromium has no notch to emulate: the rules must ask for the inset.
    rules = page.evaluate(
        """() => [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
            .map((rule) => rule.cssText).filter((text) => text.includes("safe-area-inset-bottom"))
            .join("\\n")"""
    )
    assert ".tracker-app" in rules  # --dock-inset: env(safe-area-inset-bottom)
    padding = page.evaluate(
        "() => getComputedStyle(document.querySelector('.tab-bar')).paddingBottom"
    )
    assert padding == "0px"  # no inset here; the bar still ends at the screen's edge


def test_account_screens_have_no_tab_bar(page, live_url):
    page.goto(f"{live_url}/#/signin")
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    expect(page.get_by_role("navigation", name="Tracker")).to_be_hidden()
