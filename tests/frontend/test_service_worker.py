"""The service worker view: headers, precache list of hashed URLs, versioning."""

import re

import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db

SW_URL = "/sw.js"


def _precache(body: str) -> list[str]:
    block = re.search(r"const PRECACHE = (\[.*?\]);", body, re.S).group(1)
    return re.findall(r'"([^"]+)"', block)


def _version(body: str) -> str:
    return re.search(r'const VERSION = "([0-9a-f]+)";', body).group(1)


def test_service_worker_is_javascript_that_is_always_revalidated(client):
    response = client.get(SW_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]


def test_service_worker_precaches_the_shell_offline_and_search_pages(client):
    urls = _precache(client.get(SW_URL).content.decode())
    assert {"/", "/offline/", "/search/"} <= set(urls)


def test_service_worker_precaches_hashed_static_urls(client):
    urls = _precache(client.get(SW_URL).content.decode())
    css = static("frontend/css/app.css")
    assert re.fullmatch(r"/static/frontend/css/app\.[0-9a-f]{12}\.css", css)
    assert css in urls
    assert static("frontend/js/sw-register.js") in urls


def test_service_worker_precaches_each_file_once_under_its_hashed_name(client):
    urls = _precache(client.get(SW_URL).content.decode())
    assert len(urls) == len(set(urls))
    assert static("frontend/js/guide-store.js") in urls
    assert "/static/frontend/js/guide-store.js" not in urls
    assert "/static/frontend/css/app.css" not in urls


def test_service_worker_leaves_store_screenshots_out_of_the_precache(client):
    urls = _precache(client.get(SW_URL).content.decode())
    assert not [url for url in urls if "/screenshots/" in url]


def test_service_worker_names_caches_after_the_release(client):
    body = client.get(SW_URL).content.decode()
    version = _version(body)
    assert len(version) == 12
    assert "letdown-shell-${VERSION}" in body


def test_release_setting_changes_the_service_worker_version(client, settings):
    before = _version(client.get(SW_URL).content.decode())
    settings.LETDOWN_RELEASE = "2026.11.29-1"
    after = _version(client.get(SW_URL).content.decode())
    assert before != after


def test_service_worker_version_is_stable_between_requests(client):
    assert _version(client.get(SW_URL).content.decode()) == _version(
        client.get(SW_URL).content.decode()
    )


def test_service_worker_never_caches_the_api(client):
    body = client.get(SW_URL).content.decode()
    assert re.search(r'LIVE_ONLY_PREFIXES = \[[^\]]*"/api/"', body)
