"""
The PWA's own numbers, measured in headless Chromium against a real server.

Contract: `run() -> dict` starts its own gunicorn (benchmarks.server, on a
throwaway SQLite database with the shipped guidance and one signed-in parent
with a baby), measures, stops the server, prints and returns:

- `first_screen`: what the browser downloads to show `/` on a first visit,
  until the home screen is interactive (`<html data-tracker-ready>` with the
  home screen shown): the HTML, stylesheets and scripts whose requests the
  page started before that moment (Resource Timing; not the service worker's
  precache, not API calls, not images, not what loads later in the background),
  as raw bytes and gzipped (level 6, as whitenoise or a proxy would send
  them), split into `html`, `platform`
  (app.css, sw-register, guidance modules) and `tracker` (js/tracker/**,
  tracker.css), with the five largest files. Target: <= 30 KB gzipped.
- `offline_cold_start_ms`: with the worker installed and the phone offline,
  all workers stopped (CDP ServiceWorker.stopAllWorkers) and a new tab
  opened on `/`: milliseconds from navigation start until the tracker's home
  screen is interactive (stamped in the page by the same probe), median and spread of
  `runs` cold starts. Target: <= 500 ms.
Run it alone with `python -m benchmarks.pwa`; the runner calls `run()`.
"""

import gzip
import json
import os
import secrets
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.browser_flags import CHROMIUM, CHROMIUM_ARGS
from benchmarks.server import AppServers, manage, server_environment

PHONE = {"width": 390, "height": 844}
PORT = 8791
TARGETS = {"first_screen_gzip_bytes": 30 * 1024, "offline_cold_start_ms": 500}


def _post_json(url: str, payload: dict, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    request = urllib.request.Request(url, json.dumps(payload).encode(), headers, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _parent(base: str) -> tuple[str, str]:
    """Register a parent with one baby over the API; return (username, password)."""
    username, password = f"bench-pwa-{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    account = _post_json(
        f"{base}/api/v1/auth/register/", {"username": username, "password": password}
    )
    _post_json(f"{base}/api/v1/babies/", {"name": "Robin"}, account["token"])
    return username, password


def _sign_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


# Stamps (in the page's own clock) the moment the home screen is interactive:
# `<html data-tracker-ready>` with the home screen in the tracker view.
HOME_READY_PROBE = """
new MutationObserver((_, observer) => {
  const root = document.documentElement;
  if (root && root.dataset.trackerReady && document.querySelector("#tracker-view .screen-home")) {
    window.__homeReadyAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { attributes: true, childList: true, subtree: true });
"""
# Resource Timing entries of the files the page requested until the home screen was interactive.
STARTED_BEFORE_READY = """
() => performance.getEntriesByType("resource")
  .filter((entry) => entry.startTime <= window.__homeReadyAt)
  .map((entry) => entry.name)
"""


def _is_shell(url: str, base: str) -> bool:
    """The page, a stylesheet or a script of its own (not the API, not the worker script).

    Images (the favicon the browser asks for) are listed apart, not counted:
    PNGs do not gzip, and they are not what makes the screen interactive."""
    path = url.removeprefix(base)
    own = url.startswith(base) and path != "/sw.js"
    return own and (path == "/" or path.endswith((".js", ".css")))


def first_screen(context, base: str) -> dict:
    """Bytes of every file the page requests until `/` shows an interactive home (first visit).

    "Requested until interactive" is read from the page's Resource Timing (same
    clock as the ready stamp), so a module whose request started before the
    home screen was ready counts even if its body arrived later; the bodies come
    from the browser's own responses. What the page asks for after that (the
    worker's install, the guidance saved for offline reading) is not part of
    the first screen; its files are listed in `requested_after_ready`."""
    bodies = {}
    page = context.new_page()
    page.add_init_script(HOME_READY_PROBE)
    page.on(
        "response",
        lambda r: bodies.setdefault(r.url, r) if not r.request.service_worker else None,
    )
    page.goto(f"{base}/")
    page.wait_for_function("() => window.__homeReadyAt !== undefined", timeout=30_000)
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)  # let requests that started before the stamp finish
    started = [base + "/", *page.evaluate(STARTED_BEFORE_READY)]
    everything = page.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")
    files = {}
    for url in started:
        if _is_shell(url, base) and url in bodies and bodies[url].status == 200:
            files[url.removeprefix(base)] = bodies[url].body()
    later = sorted({u.removeprefix(base) for u in everything if _is_shell(u, base)} - set(files))
    others = sorted(
        u.removeprefix(base)
        for u in started
        if u.startswith(base) and not _is_shell(u, base) and "/api/" not in u
    )
    page.close()
    zipped = {url: len(gzip.compress(body, 6)) for url, body in files.items()}
    groups: dict[str, int] = {}
    for url, size in zipped.items():
        group = (
            "tracker"
            if "tracker" in url
            else "html"
            if url.startswith("/") and "." not in url
            else "platform"
        )
        groups[group] = groups.get(group, 0) + size
    return {
        "files": len(files),
        "raw_bytes": sum(len(body) for body in files.values()),
        "gzip_bytes": sum(zipped.values()),
        "gzip_bytes_by_part": groups,
        "largest_gzip": sorted(zipped.items(), key=lambda item: -item[1])[:5],
        "urls": sorted(files),
        "requested_after_ready": later,
        "not_counted": others,
    }


def _prime_offline(context, base: str) -> None:
    """One online visit: the worker installs and the guidance is saved."""
    page = context.new_page()
    page.goto(f"{base}/")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.wait_for_selector("html[data-guide-saved]", state="attached", timeout=30_000)
    page.wait_for_selector("html[data-tracker-ready]", state="attached", timeout=30_000)
    page.close()


def offline_cold_starts(context, base: str, runs: int) -> list[float]:
    context.set_offline(True)
    timings = []
    for _ in range(runs):
        probe = context.new_page()
        cdp = context.new_cdp_session(probe)
        cdp.send("ServiceWorker.enable")
        cdp.send("ServiceWorker.stopAllWorkers")
        page = context.new_page()
        page.add_init_script(HOME_READY_PROBE)
        probe.close()
        page.goto(f"{base}/", wait_until="commit")
        page.wait_for_function("() => window.__homeReadyAt !== undefined", timeout=10_000)
        timings.append(page.evaluate("() => window.__homeReadyAt"))
        page.close()
    context.set_offline(False)
    return timings


def measure(base: str, runs: int = 7) -> dict:
    from playwright.sync_api import sync_playwright

    username, password = _parent(base)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=PHONE, service_workers="allow")
            signer = context.new_page()
            _sign_in(signer, base, username, password)
            signer.close()
            shell = first_screen(context, base)
            _prime_offline(context, base)
            timings = offline_cold_starts(context, base, runs)
        finally:
            browser.close()
    return {
        "first_screen": shell,
        "offline_cold_start_ms": {
            "median": round(statistics.median(timings), 1),
            "min": round(min(timings), 1),
            "max": round(max(timings), 1),
            "runs": len(timings),
        },
        "targets": TARGETS,
    }


def run(runs: int = 7) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="letdown-pwa-bench-"))
    env = server_environment(
        f"sqlite:///{workdir / 'db.sqlite3'}",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        THROTTLE_AUTH_IP="1000/min",
    )
    servers = AppServers(env, [PORT], workers=1, threads=4)
    servers.prepare()
    manage(env, "load_guidance", "-v", "0")
    started = time.monotonic()
    with servers:
        result = measure(f"http://127.0.0.1:{PORT}", runs)
    result["seconds"] = round(time.monotonic() - started, 1)
    shell, cold = result["first_screen"], result["offline_cold_start_ms"]
    print(
        f"PWA first screen: {shell['files']} files, {shell['raw_bytes']:,} bytes, "
        f"{shell['gzip_bytes']:,} bytes gzipped (target <= {TARGETS['first_screen_gzip_bytes']:,})"
    )
    print(
        f"PWA offline cold start: median {cold['median']} ms "
        f"(min {cold['min']}, max {cold['max']}, {cold['runs']} runs; target <= 500 ms)"
    )
    return result


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    print(json.dumps(run(), indent=2))
