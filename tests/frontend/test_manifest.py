"""The web app manifest: content type, the members installers need, real icon files."""

import json
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

MANIFEST_URL = "/manifest.webmanifest"


@pytest.fixture
def manifest(client):
    return json.loads(client.get(MANIFEST_URL).content)


def test_manifest_is_served_as_application_manifest_json(client):
    response = client.get(MANIFEST_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"


def test_manifest_has_identity_scope_and_standalone_display(manifest):
    assert manifest["id"] == "/"
    assert manifest["name"]
    assert manifest["short_name"] == "Letdown"
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"


def test_manifest_has_light_and_dark_colours(manifest):
    assert manifest["theme_color"].startswith("#")
    assert manifest["background_color"].startswith("#")
    dark = manifest["user_preferences"]["color_scheme_dark"]
    assert dark["background_color"] != manifest["background_color"]


def test_manifest_lists_any_and_maskable_icons_at_192_and_512(manifest):
    by_purpose = {(icon["purpose"], icon["sizes"]) for icon in manifest["icons"]}
    assert by_purpose == {
        ("any", "192x192"),
        ("any", "512x512"),
        ("maskable", "192x192"),
        ("maskable", "512x512"),
    }


def test_manifest_icons_are_hashed_static_urls_that_are_served(client, manifest):
    for icon in manifest["icons"]:
        name = icon["src"].removeprefix("/static/")
        assert name.count(".") >= 2, f"{icon['src']} is not a hashed name"
        assert client.get(icon["src"]).status_code == 200


def test_icon_pngs_have_the_size_the_manifest_claims():
    for name, size in [("icon-192.png", 192), ("maskable-512.png", 512)]:
        data = Path(finders.find(f"frontend/icons/{name}")).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(data[16:20], "big")
        height = int.from_bytes(data[20:24], "big")
        assert (width, height) == (size, size)


def test_manifest_shortcuts_open_the_tracker_screens(manifest):
    urls = [shortcut["url"] for shortcut in manifest["shortcuts"]]
    assert urls == ["/#/timer", "/#/log/pump", "/#/log/bottle"]


def test_manifest_has_a_phone_screenshot(manifest):
    (screenshot,) = manifest["screenshots"]
    assert screenshot["sizes"] == "390x844"
    assert screenshot["form_factor"] == "narrow"
