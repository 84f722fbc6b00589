"""Helpers for the tracker's browser tests (this module holds no tests).

The app under test is the single-page tracker at "/" against the real API on
pytest-django's live server. Helpers sign in the way the app does (session
cookie + CSRF header), wait for the app's own signals (`html[data-tracker-ready]`,
the sync bar's `data-state` / `data-pending`) and poll the database while
keeping Playwright's event loop turning.
"""

import time

from django.core.cache import cache
from django.db import OperationalError

from tests.factories import PASSWORD, BabyFactory, UserFactory

READY = "html[data-tracker-ready]"
SYNCED = '#sync-bar[data-state="idle"][data-pending="0"]'


def family(name="Mia"):
    """An owner with one baby (made through the ORM), for tests that skip first run."""
    cache.clear()  # auth throttles count per test run, not per test
    owner = UserFactory()
    return owner, BabyFactory(owner=owner, name=name)


def open_app(page, live_url, route="#/"):
    page.goto(f"{live_url}/{route}")
    page.wait_for_selector(READY)


def sign_in(page, live_url, user):
    """Sign `user` in through the session API, then open the app and wait for the first sync."""
    page.goto(f"{live_url}/")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(
        f"{live_url}/api/v1/auth/session/",
        data={"username": user.username, "password": PASSWORD},
        headers={"X-CSRFToken": token},
    )
    assert answer.ok, answer.text()
    page.goto(f"{live_url}/#/")
    page.reload()
    page.wait_for_selector(READY)
    page.wait_for_selector(SYNCED)


def read_db(page, query, attempts=50):
    """Run an ORM read from the test thread.

    The test database is SQLite in memory shared with the live server's
    thread; a read that meets the server's write lock is retried shortly.
    """
    for _ in range(attempts - 1):
        try:
            return query()
        except OperationalError:
            page.wait_for_timeout(100)
    return query()


def wait_until(page, predicate, timeout=15.0):
    """Poll `predicate` (e.g. an ORM query) until true, letting the browser run meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if read_db(page, predicate):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"condition not met within {timeout} s")


def wait_for_service_worker(page):
    # A function, not an expression string: polling a string needs eval, which the CSP forbids.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)


def wait_synced(page):
    page.wait_for_selector(SYNCED, timeout=15000)


def sync_now(page, live_url):
    """What a parent can do from the sync screen; tests use it instead of waiting 30 s."""
    page.goto(f"{live_url}/#/sync")
    page.get_by_role("button", name="Sync now").click()
    wait_synced(page)


def log_bottle(page, live_url, amount="60"):
    page.goto(f"{live_url}/#/log/bottle")
    page.get_by_label("Amount (ml)").fill(amount)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/#/")


def log_pump(page, live_url, left="60", right="45"):
    page.goto(f"{live_url}/#/log/pump")
    page.get_by_label("Left (ml)").fill(left)
    page.get_by_label("Right (ml)").fill(right)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/#/")


def local_feed_count(page) -> int:
    """Feeds in the app's IndexedDB store on this phone."""
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open("letdown");
            open.onsuccess = () => {
              const request = open.result.transaction("feeds").objectStore("feeds").count();
              request.onsuccess = () => { resolve(request.result); open.result.close(); };
              request.onerror = () => reject(request.error);
            };
            open.onerror = () => reject(open.error);
        })"""
    )


def local_counts(page) -> dict:
    """Rows in each of the phone's IndexedDB stores but meta."""
    return page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("letdown");
            open.onsuccess = () => {
              const names = ["feeds", "babies", "outbox", "attention"];
              const tx = open.result.transaction(names);
              const counts = {};
              for (const name of names) {
                const request = tx.objectStore(name).count();
                request.onsuccess = () => { counts[name] = request.result; };
              }
              tx.oncomplete = () => { open.result.close(); resolve(counts); };
            };
        })"""
    )


__all__ = [
    "PASSWORD",
    "READY",
    "SYNCED",
    "family",
    "local_counts",
    "local_feed_count",
    "log_bottle",
    "log_pump",
    "open_app",
    "read_db",
    "sign_in",
    "sync_now",
    "wait_for_service_worker",
    "wait_synced",
    "wait_until",
]
