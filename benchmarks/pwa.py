"""
The PWA's own numbers, measured in headless Chromium against a real server.

Contract: `run() -> dict` starts its own gunicorn (benchmarks.server, on a
throwaway SQLite database with the shipped guidance and one signed-in parent
with a baby), measures, stops the server, prints and returns:

- `first_screen`: what the browser downloads to show `/` on a first visit,
  until the home screen is interactive (`<html data-tracker-ready>`): the
  HTML, stylesheets and scripts the page itself requests (not the service
  worker's precache, not API calls, not what loads later in the background),
  as raw bytes and gzipped (level 6, as whitenoise or a proxy would send
  them), split into `html`, `platform`
  (app.css, sw-register, guidance modules) and `tracker` (js/tracker/**,
  tracker.css), with the five largest files. Target: <= 30 KB gzipped.
- `offline_cold_start_ms`: with the worker installed and the phone offline,
  all workers stopped (CDP ServiceWorker.stopAllWorkers) and a new tab
  opened on `/`: milliseconds from navigation start until the tracker's home
  screen is interactive (`<html data-tracker-ready>`), median and spread of
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

from benchmarks.server import AppServers, manage, server_environment

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
PORT = 8791
SHELL_TYPES = {"document", "stylesheet", "script"}
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


def first_screen(context, base: str) -> dict:
    """Bytes the page requests until `/` is interactive (first visit, nothing cached).

    What loads later in the background (the worker's install, the guidance
    saved for offline reading) is not part of the first screen."""
    responses = []
    page = context.new_page()
    page.on("response", lambda r: responses.append(r))
    page.goto(f"{base}/")
    page.wait_for_selector("html[data-tracker-ready]", state="attached", timeout=30_000)
    files = {}
    for response in list(responses):
        request = response.request
        if request.resource_type not in SHELL_TYPES or request.service_worker:
            continue
        if response.status != 200 or request.url.endswith("/sw.js"):
            continue
        files[request.url.removeprefix(base)] = response.body()
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
        probe.close()
        page.goto(f"{base}/", wait_until="commit")
        page.wait_for_selector("html[data-tracker-ready]", state="attached", timeout=10_000)
        timings.append(page.evaluate("() => performance.now()"))
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
