"""Browser fixtures for tests/e2e: one headless Debian Chromium per session.

Every test here is marked `e2e`. Without /usr/bin/chromium the tests are
skipped with the reason, unless LETDOWN_REQUIRE_BROWSER=1 (CI), which turns
the missing browser into a failure.

Fixtures: `browser` (session), `live_server` (below), `live_url`,
`new_context(**options)` (a 390x844 phone context with service workers
allowed), `page`, `third_party_requests` (a list filled with every request
whose host is not the live server's), `guidance` (the shipped articles).
Helpers: `save_screenshot(page, name)` writes artifacts/screenshots/<name>.png;
`record_third_party_requests(context, live_url)`; `wait_for_service_worker(page)`;
`wait_for_guide_saved(page)`. Use page.evaluate("() => ...") rather than
wait_for_function: the site's CSP forbids the eval the latter needs.

The live server serves collected static files from STATIC_ROOT (hashed names,
as in production), because the service worker precaches those URLs.
"""

import os
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test.testcases import LiveServerThread, _StaticFilesHandler
from pytest_django.live_server_helper import LiveServer

from benchmarks.browser_flags import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run inside one unless told it is safe (it is: one thread, sync calls).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PHONE = {"width": 390, "height": 844}
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    required = os.environ.get("LETDOWN_REQUIRE_BROWSER") == "1"
    skip = pytest.mark.skip(
        reason=f"e2e: no Chromium at {CHROMIUM} (set LETDOWN_REQUIRE_BROWSER=1 to fail instead)"
    )
    for item in items:
        if here not in Path(item.fspath).parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if not CHROMIUM.exists() and not required:
            item.add_marker(skip)


class _CountingStaticFilesHandler(_StaticFilesHandler):
    """Serves STATIC_ROOT and counts requests in flight (see `wait_until_idle`)."""

    in_flight = 0
    lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            type(self).in_flight += 1
        try:
            return super().__call__(environ, start_response)
        finally:
            with self.lock:
                type(self).in_flight -= 1


class CollectedStaticLiveServer(LiveServer):
    """pytest-django's live server, serving static files from STATIC_ROOT.

    The default handler looks files up through the finders, which know only
    unhashed names; the pages link hashed names from the manifest.
    """

    def __init__(self, addr: str) -> None:
        super().__init__(addr, start=False)
        overrides = self.thread.connections_override
        self.thread = LiveServerThread(
            addr, static_handler=_CountingStaticFilesHandler, connections_override=overrides
        )
        self.thread.daemon = True
        self.start()

    def wait_until_idle(self, timeout: float = 10.0) -> None:
        """Let requests still running (a worker's background fetch) finish before
        the test database is flushed; SQLite would report the tables locked."""
        deadline = time.monotonic() + timeout
        while _CountingStaticFilesHandler.in_flight and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture(scope="session")
def live_server(request):
    """Overrides pytest-django's fixture of the same name (same scope and lifecycle)."""
    server = CollectedStaticLiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"LETDOWN_REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}")
    from playwright.sync_api import expect, sync_playwright

    # Two shared cores: a first service-worker install can take seconds, so
    # assertions wait longer than Playwright's 5 s default before failing.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def new_context(browser, live_server):
    """Factory for phone-sized contexts; every context is closed after the test."""
    contexts = []

    def make(**options):
        settings = {"viewport": PHONE, "service_workers": "allow", "device_scale_factor": 1}
        context = browser.new_context(**{**settings, **options})
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    live_server.wait_until_idle()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def record_third_party_requests(context, live_url: str) -> list[str]:
    """Return a list that fills with every request made by `context` to another host."""
    own_host = urlsplit(live_url).netloc
    seen: list[str] = []

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about", "chrome-extension"}:
            return
        if parts.netloc != own_host:
            seen.append(request.url)

    context.on("request", on_request)
    return seen


@pytest.fixture
def third_party_requests(page, live_url) -> list[str]:
    """Requests from the `page` fixture's context to any host but the live server."""
    return record_third_party_requests(page.context, live_url)


def save_screenshot(page, name: str) -> Path:
    """Save a full-viewport PNG to artifacts/screenshots/<name>.png (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


# Page functions run through CDP (Runtime.callFunctionOn), which the page's CSP
# allows; Playwright's wait_for_function would need 'unsafe-eval'.
_WAIT_FOR_CONTROLLER = """async () => {
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  }
  return navigator.serviceWorker.controller.scriptURL;
}"""


def wait_for_service_worker(page) -> str:
    """Wait until a service worker controls `page`; return its script URL."""
    return page.evaluate(_WAIT_FOR_CONTROLLER)


def wait_for_guide_saved(page, timeout: float = 20_000) -> int:
    """Wait until js/guide-offline.js has saved the guidance; return the article count."""
    page.wait_for_selector("html[data-guide-saved]", state="attached", timeout=timeout)
    return int(page.get_attribute("html", "data-guide-saved"))


@pytest.fixture
def guidance(transactional_db):
    """The shipped guidance library (articles' `load_guidance` command)."""
    from django.core.management import call_command

    call_command("load_guidance", verbosity=0)
