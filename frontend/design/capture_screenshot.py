"""Capture the manifest's install screenshot (390x844) from the real app.

    .venv/bin/python -m frontend.design.capture_screenshot

Starts a throwaway server like benchmarks/pwa.py (SQLite in a temp folder,
the shipped guidance, one parent with a baby), signs in, lets the tracker's
home screen settle and writes frontend/static/frontend/screenshots/home-390x844.png.
"""

import tempfile
from pathlib import Path

from benchmarks.pwa import CHROMIUM, CHROMIUM_ARGS, PHONE, _parent, _sign_in
from benchmarks.server import AppServers, manage, server_environment

OUT = Path(__file__).resolve().parents[1] / "static/frontend/screenshots/home-390x844.png"
PORT = 8792


def main() -> None:
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="letdown-screenshot-"))
    env = server_environment(
        f"sqlite:///{workdir / 'db.sqlite3'}", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0"
    )
    servers = AppServers(env, [PORT], workers=1, threads=2)
    servers.prepare()
    manage(env, "load_guidance", "-v", "0")
    base = f"http://127.0.0.1:{PORT}"
    with servers, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=PHONE, device_scale_factor=1).new_page()
        username, password = _parent(base)
        _sign_in(page, base, username, password)
        page.goto(f"{base}/")
        page.wait_for_selector("html[data-tracker-ready]", state="attached", timeout=30_000)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
