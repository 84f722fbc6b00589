"""Signing out in the browser shows the site's own "You're signed out" page,
not the admin's page of the same template name (admin comes first in
INSTALLED_APPS); the admin's sign-out keeps its own page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _template_names(response):
    return [template.name for template in response.templates]


def test_signing_out_shows_the_sites_page_and_ends_the_session(client, user):
    client.force_login(user)
    response = client.post("/accounts/logout/")

    assert response.status_code == 200
    assert "frontend/logged_out.html" in _template_names(response)
    assert "frontend/base.html" in _template_names(response)
    body = response.content.decode()
    assert "You\u2019re signed out" in body
    assert 'href="/accounts/login/"' in body
    assert "Thanks for spending some quality time" not in body  # the admin's wording
    assert "_auth_user_id" not in client.session


def test_the_signed_out_page_has_no_inline_scripts_styles_or_handlers(client, user):
    client.force_login(user)
    body = client.post("/accounts/logout/").content.decode()

    scripts = re.findall(r"<script\b[^>]*>", body, re.I)
    assert scripts, "the page should still load its module scripts by src"
    assert all(" src=" in tag for tag in scripts), scripts
    assert "<style" not in body
    assert "style=" not in body
    assert not re.search(r"\son[a-z]+=", body, re.I)


def test_the_admin_sign_out_keeps_the_admins_own_page(admin_client):
    response = admin_client.post("/admin/logout/")

    assert response.status_code == 200
    assert "registration/logged_out.html" in _template_names(response)
    assert "frontend/logged_out.html" not in _template_names(response)
    assert "admin/base_site.html" in _template_names(response)
