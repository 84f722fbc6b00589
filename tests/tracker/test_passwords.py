"""Forgotten passwords (reset by email) and changing a known one from the app."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from rest_framework.test import APIClient

from tests.conftest import token_client
from tests.factories import PASSWORD
from tracker.models import Device

pytestmark = pytest.mark.django_db

RESET = "/api/v1/auth/password-reset/"
CHANGE = "/api/v1/auth/password/"
RESET_PAGE = "/accounts/password_reset/"
NEW_PASSWORD = "a calm new password 7"


def rate(scope: str) -> int:
    return int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope].split("/")[0])


def _reset_link() -> str:
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)


def _set_password_by_link(link: str, password: str = NEW_PASSWORD):
    client = Client()
    form_page = client.get(link, follow=True)  # Django swaps the token for a session key
    assert b"Set a new password" in form_page.content
    url = form_page.redirect_chain[-1][0]
    return client.post(url, {"new_password1": password, "new_password2": password}, follow=True)


def test_a_reset_request_answers_202_and_emails_a_link(user):
    response = APIClient().post(RESET, {"email": user.email})
    assert response.status_code == 202
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert mail.outbox[0].subject == "Set a new Letdown password"
    assert user.username in mail.outbox[0].body


def test_an_unknown_address_gets_the_same_answer_and_no_email(user):
    known = APIClient().post(RESET, {"email": user.email})
    mail.outbox.clear()
    unknown = APIClient().post(RESET, {"email": "nobody@example.test"})
    assert (unknown.status_code, unknown.json()) == (known.status_code, known.json())
    assert mail.outbox == []


def test_a_malformed_address_is_a_400_naming_email():
    response = APIClient().post(RESET, {"email": "not an address"})
    assert response.status_code == 400
    assert response.json()["codes"] == {"email": ["invalid"]}


def test_the_emailed_link_sets_a_new_password_and_revokes_every_device(user):
    phone = token_client(user)
    APIClient().post(RESET, {"email": user.email})
    page = _set_password_by_link(_reset_link())
    assert b"Your new password is set" in page.content
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert phone.get("/api/v1/babies/").status_code == 401
    assert not Device.objects.filter(user=user).exists()


def test_a_reset_link_works_once(user):
    APIClient().post(RESET, {"email": user.email})
    link = _reset_link()
    _set_password_by_link(link)
    again = Client().get(link, follow=True)
    assert b"This link has expired" in again.content


def test_the_reset_link_refuses_a_weak_password(user):
    APIClient().post(RESET, {"email": user.email})
    page = _set_password_by_link(_reset_link(), password="12345678")
    assert b"This password is too common" in page.content
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_reset_requests_are_limited_per_address(user):
    for n in range(rate("reset_email")):
        APIClient().post(RESET, {"email": user.email}, REMOTE_ADDR=f"198.51.100.{n + 1}")
    response = APIClient().post(RESET, {"email": user.email.upper()}, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert len(mail.outbox) == rate("reset_email")


def test_reset_requests_are_limited_per_ip(db):
    for n in range(rate("reset_ip")):
        APIClient().post(RESET, {"email": f"someone{n}@example.test"}, REMOTE_ADDR="203.0.113.5")
    blocked = APIClient().post(RESET, {"email": "x@example.test"}, REMOTE_ADDR="203.0.113.5")
    other = APIClient().post(RESET, {"email": "x@example.test"}, REMOTE_ADDR="203.0.113.6")
    assert (blocked.status_code, other.status_code) == (429, 202)


# --- the server's pages ---------------------------------------------------


def test_the_sign_in_page_links_to_forgot_password(client):
    page = client.get("/accounts/login/")
    assert b'href="/accounts/password_reset/"' in page.content
    assert b"Forgot password?" in page.content


def test_the_reset_page_is_in_the_sites_style_not_the_admins(client):
    page = client.get(RESET_PAGE)
    assert page.status_code == 200
    assert b"Forgot your password?" in page.content
    assert b"site-header" in page.content
    assert b"admin" not in page.content.lower()


def test_the_reset_page_answers_the_same_for_any_address(client, user):
    known = client.post(RESET_PAGE, {"email": user.email}, follow=True)
    unknown = Client().post(RESET_PAGE, {"email": "nobody@example.test"}, follow=True)
    assert (
        known.redirect_chain == unknown.redirect_chain == [("/accounts/password_reset/done/", 302)]
    )
    assert known.content == unknown.content
    assert len(mail.outbox) == 1


def test_the_reset_page_is_throttled_per_address_with_the_api(user):
    for n in range(rate("reset_email")):
        APIClient().post(RESET, {"email": user.email}, REMOTE_ADDR=f"198.51.100.{n + 1}")
    page = Client().post(RESET_PAGE, {"email": user.email}, REMOTE_ADDR="192.0.2.1")
    assert page.status_code == 429
    assert b"Too many reset requests" in page.content
    assert len(mail.outbox) == rate("reset_email")


def test_the_admin_styled_password_change_page_opens_the_apps_screen(client, user):
    client.force_login(user)
    response = client.get("/accounts/password_change/")
    assert (response.status_code, response["Location"]) == (302, "/#/account")


# --- changing a known password ----------------------------------------------


def _change(client, old=PASSWORD, new=NEW_PASSWORD, **extra):
    return client.post(CHANGE, {"old_password": old, "new_password": new}, **extra)


def test_changing_the_password_keeps_this_device_and_revokes_the_others(user):
    this, other = token_client(user), token_client(user)
    assert _change(this).status_code == 204
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert this.get("/api/v1/babies/").status_code == 200
    assert other.get("/api/v1/babies/").status_code == 401


def test_changing_the_password_in_a_browser_keeps_that_browser_signed_in(user):
    browser = APIClient(enforce_csrf_checks=True)
    browser.get("/")
    csrf = {"HTTP_X_CSRFTOKEN": browser.cookies["csrftoken"].value}
    browser.post(
        "/api/v1/auth/session/", {"username": user.username, "password": PASSWORD}, **csrf
    )
    csrf = {"HTTP_X_CSRFTOKEN": browser.cookies["csrftoken"].value}
    other = token_client(user)
    assert _change(browser, **csrf).status_code == 204
    assert browser.get("/api/v1/auth/session/").json()["authenticated"] is True
    (device,) = browser.get("/api/v1/auth/devices/").json()
    assert device["current"] is True
    assert other.get("/api/v1/babies/").status_code == 401


def test_a_wrong_old_password_is_a_400_and_changes_nothing(user):
    client = token_client(user)
    response = _change(client, old="not it")
    assert response.status_code == 400
    assert response.json()["codes"] == {"old_password": ["wrong"]}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_new_password_meets_the_validators(user):
    response = _change(token_client(user), new="12345678")
    assert response.status_code == 400
    assert "password_too_common" in response.json()["codes"]["new_password"]


def test_wrong_old_passwords_are_throttled_per_user(user):
    client = token_client(user)
    for n in range(rate("password_change")):
        _change(client, old=f"guess {n}", REMOTE_ADDR=f"198.51.100.{n + 1}")
    response = _change(client, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)  # not even the right one is tried


def test_signed_out_callers_cannot_change_a_password(user):
    assert _change(APIClient()).status_code == 403
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
