"""A clean console in Chromium: no failed requests, no header warnings, no CSP violations.

Lighthouse's best-practices audit counts every console error; a developer
opening the console should see only what is worth their attention.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import READY, family, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# Chromium's own words for a Permissions-Policy feature it does not know.
POLICY_WARNINGS = ("Unrecognized feature", "Permissions-Policy", "Permissions Policy")


def watch_console(page) -> dict:
    """Every console message and failed response of `page`, as they happen."""
    seen = {"messages": [], "failed": [], "violations": []}
    page.on("console", lambda m: seen["messages"].append((m.type, m.text)))
    page.on(
        "response",
        lambda r: seen["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    return seen


def listen_for_csp_violations(page) -> None:
    # Before any of the page's own scripts: a violation fired during load counts too.
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', (e) =>"
        " window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )


def errors_and_warnings(seen) -> list:
    return [(kind, text) for kind, text in seen["messages"] if kind in ("error", "warning")]


def test_a_signed_out_first_open_logs_nothing(page, live_url):
    seen = watch_console(page)
    page.goto(f"{live_url}/")
    page.wait_for_selector(READY)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    assert seen["failed"] == []
    assert errors_and_warnings(seen) == []


def test_no_page_warns_about_the_permissions_policy(page, live_url, guidance):
    seen = watch_console(page)
    for path in ("/", "/guide/", "/guide/let-down/", "/offline/", "/accounts/login/"):
        page.goto(f"{live_url}{path}")
        page.wait_for_load_state("load")
    policy = [text for _, text in seen["messages"] if any(w in text for w in POLICY_WARNINGS)]
    assert policy == []


def test_the_api_docs_keep_to_the_csp(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    listen_for_csp_violations(page)
    seen = watch_console(page)
    page.goto(f"{live_url}/api/v1/docs/")
    # Swagger UI has fetched and drawn the schema: an operation is listed.
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.evaluate("() => window.__cspViolations") == []
    assert [text for kind, text in seen["messages"] if kind == "error"] == []
    assert seen["failed"] == []
