"""Installability: Chromium's own check finds nothing missing; the manifest is linked."""

import pytest

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, wait_for_service_worker


@pytest.fixture
def persistent_page(tmp_path, browser):
    """A page in a persistent profile: installability is only checked for those."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        viewport=PHONE,
    )
    yield context.pages[0] if context.pages else context.new_page()
    context.close()


def test_chromium_reports_no_installability_errors(persistent_page, live_url):
    persistent_page.goto(live_url + "/")
    wait_for_service_worker(persistent_page)
    cdp = persistent_page.context.new_cdp_session(persistent_page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == []


def test_chromium_reads_the_manifest_with_its_icons(persistent_page, live_url):
    persistent_page.goto(live_url + "/")
    cdp = persistent_page.context.new_cdp_session(persistent_page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert manifest.get("errors", []) == []
    assert '"short_name": "Letdown"' in manifest["data"]


def test_installability_check_does_report_a_page_without_manifest(persistent_page, live_url):
    # Guards the test above: the CDP call does find problems when there are some.
    persistent_page.goto(live_url + "/healthz")
    cdp = persistent_page.context.new_cdp_session(persistent_page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert "no-manifest" in [error["errorId"] for error in errors]
