"""Every platform and guide screen, light and dark: axe-core finds no violations,
no request leaves the site, and a 390x844 screenshot is saved for review."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import record_third_party_requests, save_screenshot

SCREENS = {
    "guide-index": "/guide/",
    "guide-article": "/guide/let-down/",
    "guide-topic": None,  # filled from the database (first topic)
    "search": "/search/?q=let-down",
    "offline": "/offline/",
    "login": "/accounts/login/",
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _path(name: str) -> str:
    if name == "home":
        return "/"
    if SCREENS[name]:
        return SCREENS[name]
    from articles.models import Topic

    return Topic.objects.filter(articles__status="published").first().get_absolute_url()


def _violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
    ]


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_has_no_accessibility_violations(new_context, live_url, guidance, scheme, name):
    page = new_context(color_scheme=scheme).new_page()
    page.goto(live_url + _path(name))
    page.wait_for_load_state("networkidle")
    save_screenshot(page, f"{name}-{scheme}")
    assert _violations(page) == []


@pytest.mark.parametrize("name", [*SCREENS, "home"])
def test_screen_makes_no_third_party_requests(new_context, live_url, guidance, name):
    context = new_context()
    outside = record_third_party_requests(context, live_url)
    page = context.new_page()
    page.goto(live_url + _path(name))
    page.wait_for_load_state("networkidle")
    assert outside == []


def test_body_text_is_at_least_17px_and_tap_targets_48px(page, live_url, guidance):
    page.goto(live_url + "/search/")
    size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 17
    heights = page.locator(".site-nav a:visible, .btn:visible, input:visible").evaluate_all(
        "els => els.map(el => el.getBoundingClientRect().height)"
    )
    assert heights
    assert min(heights) >= 48


def test_dark_theme_has_no_pure_white_background(new_context, live_url):
    page = new_context(color_scheme="dark").new_page()
    page.goto(live_url + "/offline/")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(29, 26, 31)"
