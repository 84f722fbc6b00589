"""Error pages render with DEBUG off: 404, 500 (even with the database down), 403 CSRF."""

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client, override_settings

ERROR_URLS = override_settings(ROOT_URLCONF="tests.security.urls_errors")


def test_debug_is_off_in_these_tests():
    # Otherwise Django would show its technical pages instead of ours.
    assert settings.DEBUG is False


def test_unknown_page_renders_the_404_page(browser_client, db):
    response = browser_client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert (
        b"couldn&#x27;t find that page" in response.content
        or b"find that page" in response.content
    )


def test_404_page_links_back_to_the_app(browser_client, db):
    response = browser_client.get("/no-such-page/")
    assert b'href="/"' in response.content


def test_404_page_renders_for_signed_in_users(browser_client, user):
    browser_client.force_login(user)
    response = browser_client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"find that page" in response.content


def test_unknown_api_path_answers_json_404(browser_client, db):
    response = browser_client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@ERROR_URLS
def test_a_crashing_view_renders_the_500_page(browser_client, db):
    response = browser_client.get("/test-errors/boom/")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


@ERROR_URLS
def test_the_error_page_renders_as_a_503_when_the_database_is_down(browser_client, db):
    response = browser_client.get("/test-errors/database-down/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert b"Something went wrong on our side" in response.content


def test_the_500_template_needs_no_context_and_no_database():
    # No `db` fixture: pytest-django makes any database access here an error.
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "{%" not in html


@ERROR_URLS
def test_a_crash_under_the_api_answers_json_500(browser_client, db):
    response = browser_client.get("/api/v1/test-errors/boom/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error."}


def test_a_form_post_without_csrf_token_renders_the_403_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "sam", "password": "x"})
    assert response.status_code == 403
    assert b"Please try that again" in response.content


@pytest.mark.parametrize("template", ["404.html", "500.html", "403_csrf.html"])
def test_error_pages_use_the_site_stylesheet(template, rf):
    html = render_to_string(template, request=rf.get("/"))
    assert "frontend/css/app." in html  # hashed name, or the plain one in 500.html
    assert "<title>" in html
