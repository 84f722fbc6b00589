"""Server-rendered platform pages: offline, search, login/logout, and base.html's head."""

import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_offline_page_explains_kindly_that_the_page_is_not_saved(client):
    response = client.get("/offline/")
    assert response.status_code == 200
    assert "saved on this phone yet" in response.content.decode()


def test_search_page_renders_its_form_and_module(client):
    body = client.get("/search/").content.decode()
    assert 'id="search-query"' in body
    assert static("frontend/js/search.js") in body


def test_pages_link_manifest_icons_and_theme_colours(client):
    body = client.get("/offline/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in body
    assert 'name="theme-color" content="#f7f1ea" media="(prefers-color-scheme: light)"' in body
    assert 'media="(prefers-color-scheme: dark)"' in body
    assert f'rel="apple-touch-icon" href="{static("frontend/icons/apple-touch-icon.png")}"' in body
    assert 'name="apple-mobile-web-app-capable" content="yes"' in body


def test_pages_load_the_service_worker_registration_as_a_module(client):
    body = client.get("/search/").content.decode()
    assert f'<script type="module" src="{static("frontend/js/sw-register.js")}">' in body


def test_pages_link_a_print_stylesheet(client):
    body = client.get("/search/").content.decode()
    assert f'href="{static("frontend/css/print.css")}" media="print"' in body


def test_pages_have_no_inline_scripts_or_styles(client):
    for url in ["/offline/", "/search/", "/accounts/login/"]:
        body = client.get(url).content.decode()
        assert "<script>" not in body
        assert "style=" not in body
        assert " onclick=" not in body


def test_navigation_marks_the_current_page(client):
    body = client.get("/search/").content.decode()
    assert '<a href="/search/" aria-current="page">Search</a>' in body


def test_login_page_labels_its_fields_with_autocomplete_hints(client):
    body = client.get("/accounts/login/").content.decode()
    assert 'autocomplete="username"' in body
    assert 'autocomplete="current-password"' in body
    assert '<label for="id_username">' in body


def test_login_page_shows_a_wrong_password_message(client, user):
    response = client.post("/accounts/login/", {"username": user.username, "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
