"""
An attacker's guesses cannot lock the owner out (docs/decisions/0009-sign-in-throttling.md).

Guesses at a username from anywhere fill its shared counter; a browser that
signed in as that username before carries a signed "known device" cookie
and counts on a counter of its own.
"""

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from letdown_project.throttling import KNOWN_DEVICE_COOKIE
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def rate(scope: str) -> int:
    return int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope].split("/")[0])


def _owner_browser(user, ip="192.0.2.10") -> Client:
    """The owner's phone, which signed in once and then signed out."""
    browser = Client(REMOTE_ADDR=ip)
    assert (
        browser.post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 302
    )
    browser.post("/accounts/logout/")
    assert KNOWN_DEVICE_COOKIE in browser.cookies
    return browser


# One client for the attacker: building a client's handler is slow (it loads the middleware).
_attacker = Client()


def _lock_username(username: str) -> None:
    for n in range(rate("auth_username")):
        body = {"username": username, "password": f"guess {n}"}
        _attacker.post(LOGIN, body, REMOTE_ADDR=f"198.51.100.{n + 1}")


def test_the_owners_known_browser_signs_in_while_the_username_is_under_attack(user):
    browser = _owner_browser(user)
    _lock_username(user.username)
    stranger = Client(REMOTE_ADDR="203.0.113.1")
    body = {"username": user.username, "password": PASSWORD}
    assert stranger.post(LOGIN, body).status_code == 429
    assert browser.post(LOGIN, body).status_code == 302


def test_the_known_browser_signs_in_through_the_api_too(user):
    browser = _owner_browser(user)
    _lock_username(user.username)
    api = APIClient(REMOTE_ADDR="192.0.2.10")
    api.cookies[KNOWN_DEVICE_COOKIE] = browser.cookies[KNOWN_DEVICE_COOKIE].value
    response = api.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200


def test_a_cookie_for_another_username_does_not_help(user):
    mine = UserFactory()
    browser = _owner_browser(mine)
    _lock_username(user.username)
    response = browser.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429


def test_a_forged_cookie_does_not_help(user):
    _lock_username(user.username)
    forger = Client(REMOTE_ADDR="203.0.113.1")
    forger.cookies[KNOWN_DEVICE_COOKIE] = "eyJ1IjoiMSJ9:forged:signature"
    response = forger.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429


def test_a_known_browser_still_has_a_limit_of_its_own(user):
    browser = _owner_browser(user)
    for n in range(rate("auth_username")):
        browser.post(LOGIN, {"username": user.username, "password": f"guess {n}"})
    response = browser.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    # ...and its guesses did not lock the username for everyone else.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert other.post(LOGIN, {"username": user.username, "password": PASSWORD}).status_code == 302


def test_a_known_browser_signs_in_from_an_ip_an_attacker_exhausted(user):
    browser = _owner_browser(user, ip="203.0.113.50")  # a shared network
    for n in range(rate("auth_ip")):
        _attacker.post(LOGIN, {"username": f"x{n}", "password": "x"}, REMOTE_ADDR="203.0.113.50")
    body = {"username": user.username, "password": PASSWORD}
    assert Client(REMOTE_ADDR="203.0.113.50").post(LOGIN, body).status_code == 429
    assert browser.post(LOGIN, body).status_code == 302


@pytest.mark.parametrize("variant", ["{upper}", "  {name}  ", "{fullwidth}"])
def test_spellings_of_one_username_share_its_counter(variant):
    user = UserFactory(username="samira")
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in "SAMIRA")
    spelled = variant.format(upper="SAMIRA", name="samira", fullwidth=fullwidth)
    _lock_username(spelled)
    response = Client(REMOTE_ADDR="192.0.2.1").post(
        LOGIN, {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 429
