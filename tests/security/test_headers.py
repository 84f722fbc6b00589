"""Every kind of response carries the security headers (letdown_project/security.py, CSP)."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}

# One URL per kind of response the app sends.
PAGE_TYPES = {
    "app shell": "/",
    "login form": "/accounts/login/",
    "offline page": "/offline/",
    "guide index": "/guide/",
    "guide Atom feed": "/guide/feed/",
    "search page": "/search/",
    "articles API (JSON)": "/api/v1/articles/",
    "OpenAPI schema": "/api/v1/schema/",
    "API docs (Swagger UI)": "/api/v1/docs/",
    "web manifest": "/manifest.webmanifest",
    "service worker": "/sw.js",
    "health check (JSON)": "/healthz",
    "admin login": "/admin/login/",
    "HTML 404": "/no-such-page/",
    "API 404 (JSON)": "/api/v1/no-such-endpoint/",
}


def parse_csp(header: str) -> dict[str, str]:
    directives = (part.strip() for part in header.split(";") if part.strip())
    return {name: value.strip() for name, _, value in (d.partition(" ") for d in directives)}


def assert_security_headers(response):
    csp = parse_csp(response["Content-Security-Policy"])
    assert csp == EXPECTED_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("url", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_type_carries_the_security_headers(client, db, url):
    response = client.get(url)
    assert response.status_code < 500
    assert_security_headers(response)


def test_static_files_carry_the_security_headers(client, db):
    response = client.get("/static/frontend/css/app.css")
    assert response.status_code == 200
    assert_security_headers(response)


def test_server_error_page_carries_the_security_headers(browser_client, db):
    with override_settings(ROOT_URLCONF="tests.security.urls_errors"):
        response = browser_client.get("/test-errors/boom/")
    assert response.status_code == 500
    assert_security_headers(response)


def test_csrf_failure_page_carries_the_security_headers(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert response.status_code == 403
    assert_security_headers(response)


def test_frame_embedding_is_refused(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert parse_csp(response["Content-Security-Policy"])["frame-ancestors"] == "'none'"


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_is_sent_on_https_requests_behind_the_proxy(db):
    # The proxy terminates TLS and says so with X-Forwarded-Proto.
    response = Client().get("/", headers={"x-forwarded-proto": "https"})
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


class InlineCodeFinder(HTMLParser):
    """Collects <script> elements with inline code, <style> elements and style="" attributes."""

    DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "importmap"}

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.problems.append(f"style attribute on <{tag}>")
        if any(name.startswith("on") for name in attributes):
            self.problems.append(f"event handler attribute on <{tag}>")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            script_type = (attributes.get("type") or "").lower()
            self._in_script = "src" not in attributes and script_type not in self.DATA_SCRIPT_TYPES

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data.strip()[:60]!r}")


def inline_code_in(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems


@pytest.fixture
def admin_client_logged_in(db):
    admin = get_user_model().objects.create_superuser("editor", "e@example.test", "pw-ed1tor-42")
    client = Client()
    client.force_login(admin)
    return client


ADMIN_PAGES = ["/admin/", "/admin/auth/user/", "/admin/auth/user/add/", "/admin/password_change/"]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_need_no_inline_code_under_the_strict_policy(admin_client_logged_in, url):
    response = admin_client_logged_in.get(url)
    assert response.status_code == 200
    assert_security_headers(response)
    assert inline_code_in(response.content.decode()) == []


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/accounts/login/",
        "/offline/",
        "/search/",
        "/guide/",
        "/api/v1/docs/",
        "/no-such-page/",
    ],
)
def test_site_pages_need_no_inline_code(client, db, url):
    response = client.get(url)
    assert inline_code_in(response.content.decode()) == []


def test_the_inline_code_finder_spots_inline_code():
    html = '<p style="color:red" onclick="x()">a</p><script>alert(1)</script><style>p{}</style>'
    assert len(inline_code_in(html)) == 4


def test_the_inline_code_finder_allows_module_scripts_and_data_blocks():
    html = (
        '<script type="module" src="/static/a.js"></script>'
        '<script type="application/ld+json">{"@type": "Article"}</script>'
    )
    assert inline_code_in(html) == []


def test_permissions_policy_has_no_syntax_errors(client, db):
    header = client.get("/")["Permissions-Policy"]
    assert re.fullmatch(r"[a-z-]+=\([^)]*\)(, [a-z-]+=\([^)]*\))*", header)
