"""Updates: a new release's worker waits, the page offers "Update now", and only
the person's tap activates it (then the page reloads once under the new worker).

The live server runs in the test process, so changing LETDOWN_RELEASE through
pytest-django's `settings` fixture gives /sw.js a new version.
"""

import pytest

from tests.e2e.conftest import save_screenshot, wait_for_service_worker

CONTROLLER_VERSION = """async () => {
  const channel = new MessageChannel();
  const reply = new Promise((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data.version);
  });
  navigator.serviceWorker.controller.postMessage({ type: "GET_VERSION" }, [channel.port2]);
  return reply;
}"""

CHECK_FOR_UPDATE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  await registration.update();
}"""


@pytest.fixture
def page_with_waiting_update(page, live_url, settings):
    page.goto(live_url + "/search/")
    wait_for_service_worker(page)
    settings.LETDOWN_RELEASE = "next-release"
    page.evaluate(CHECK_FOR_UPDATE)
    page.locator("#update-bar").wait_for(state="visible", timeout=20_000)
    return page


def test_new_release_shows_the_update_bar(page_with_waiting_update):
    bar = page_with_waiting_update.locator("#update-bar")
    assert "update" in bar.inner_text().lower()
    save_screenshot(page_with_waiting_update, "update-available")


def test_new_worker_waits_until_the_person_taps(page_with_waiting_update):
    page = page_with_waiting_update
    before = page.evaluate(CONTROLLER_VERSION)
    page.wait_for_timeout(1000)
    assert page.evaluate(CONTROLLER_VERSION) == before
    assert page.evaluate("async () => !!(await navigator.serviceWorker.getRegistration()).waiting")


def test_tapping_update_activates_the_new_worker_and_reloads(page_with_waiting_update):
    page = page_with_waiting_update
    before = page.evaluate(CONTROLLER_VERSION)
    with page.expect_navigation():
        page.click("#update-bar-button")
    wait_for_service_worker(page)
    assert page.evaluate(CONTROLLER_VERSION) != before
    assert page.locator("#update-bar").is_hidden()


def test_update_deletes_the_old_release_caches(page_with_waiting_update):
    page = page_with_waiting_update
    before = page.evaluate(CONTROLLER_VERSION)
    with page.expect_navigation():
        page.click("#update-bar-button")
    wait_for_service_worker(page)
    names = page.evaluate("() => caches.keys()")
    assert names
    assert not [name for name in names if name.endswith(before)]


def test_first_install_shows_no_update_bar(page, live_url):
    page.goto(live_url + "/search/")
    wait_for_service_worker(page)
    page.reload()
    wait_for_service_worker(page)
    assert page.locator("#update-bar").is_hidden()


def test_update_bar_has_no_accessibility_violations(page_with_waiting_update):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page_with_waiting_update, context="#update-bar")
    assert results.response["violations"] == []
