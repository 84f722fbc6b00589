"""The OpenAPI schema validates, and its docs page loads nothing from elsewhere."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_a_single_warning(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )
    assert "/api/v1/feeds/{id}/" in (tmp_path / "schema.yml").read_text()


def test_the_schema_is_served_to_signed_in_users(auth_client):
    response = auth_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Letdown API"


@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/"])
def test_schema_and_docs_need_a_signed_in_user(api_client, path):
    assert api_client.get(path).status_code in (401, 403)


def test_the_docs_page_uses_only_local_scripts_and_no_inline_code(user, client):
    client.force_login(user)
    html = client.get("/api/v1/docs/").content.decode()
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert sources
    assert all(src.startswith("/") and not src.startswith("//") for src in sources)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html)
    assert "cdn" not in html.lower()
