"""The tracker's shell at "/" links only its first screen's files eagerly; the
rest (other screens' styles, print styles, the worker's registration) comes
later, and the service worker precaches all of it so offline screens are
styled too."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db

LATER_STYLES = [
    "frontend/css/pages.css",
    "frontend/css/tracker-screens.css",
    "frontend/css/print.css",
]


def _precache(client) -> set[str]:
    body = client.get("/sw.js").content.decode()
    block = re.search(r"const PRECACHE = (\[.*?\]);", body, re.S).group(1)
    return set(re.findall(r'"([^"]+)"', block))


def _template_and_rest(body: str) -> tuple[str, str]:
    match = re.search(r'<template id="screen-styles">(.*?)</template>', body, re.S)
    assert match, "app.html declares the other screens' styles in #screen-styles"
    return match.group(1), body[: match.start()] + body[match.end() :]


def test_shell_declares_the_other_screens_styles_without_linking_them(client, user):
    client.force_login(user)
    declared, rest = _template_and_rest(client.get("/").content.decode())
    for name in LATER_STYLES:
        assert f'href="{static(name)}"' in declared
        assert static(name) not in rest
    assert f'href="{static("frontend/css/print.css")}" media="print"' in declared
    assert static("frontend/css/tracker.css") in rest


def test_shell_leaves_the_worker_registration_to_main_js(client, user):
    client.force_login(user)
    body = client.get("/").content.decode()
    assert static("frontend/js/sw-register.js") not in body
    main = Path(finders.find("frontend/js/tracker/main.js")).read_text()
    assert 'import("../sw-register.js")' in main


def test_other_pages_still_link_the_rest_of_the_design_system(client):
    body = client.get("/search/").content.decode()
    assert f'<link rel="stylesheet" href="{static("frontend/css/pages.css")}">' in body
    assert static("frontend/css/tracker-screens.css") not in body


def test_worker_precaches_what_the_shell_loads_later(client):
    urls = _precache(client)
    for name in LATER_STYLES:
        assert static(name) in urls
    # main.js imports the registration by a relative import, rewritten to the hashed name.
    assert static("frontend/js/sw-register.js") in urls
    assert settings.STATIC_URL + "frontend/js/sw-register.js" not in urls
