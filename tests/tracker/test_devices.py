"""Per-device credentials: one token per phone or script, listed, revoked, and cheap to check."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.conftest import token_client
from tests.factories import PASSWORD
from tracker.accounts.credentials import LEGACY_NAME, hash_key, name_from_agent
from tracker.models import Device

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
SESSION = "/api/v1/auth/session/"
DEVICES = "/api/v1/auth/devices/"
BABIES = "/api/v1/babies/"


def _token(user, **extra) -> str:
    body = {"username": user.username, "password": PASSWORD, **extra}
    response = APIClient().post(TOKEN, body)
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _browser(user) -> APIClient:
    client = APIClient(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0 (iPhone) Safari/604")
    client.get("/")
    csrf = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    body = {"username": user.username, "password": PASSWORD}
    assert client.post(SESSION, body, **csrf).status_code == 200
    # Signing in rotates the CSRF token.
    client.csrf = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    return client


def test_each_token_request_makes_a_new_device_with_its_own_token(user):
    first = _token(user, device_name="Kitchen tablet")
    second = _token(user)
    assert first != second
    assert _client(first).get(BABIES).status_code == 200
    assert _client(second).get(BABIES).status_code == 200
    assert set(Device.objects.filter(user=user).values_list("name", flat=True)) == {
        "Kitchen tablet",
        "Unnamed device",
    }


def test_the_token_is_stored_only_as_its_hash(user):
    token = _token(user)
    device = Device.objects.get(user=user)
    assert device.key_hash == hash_key(token)
    assert token not in device.key_hash


def test_a_too_long_device_name_is_a_400_naming_it(user):
    body = {"username": user.username, "password": PASSWORD, "device_name": "x" * 101}
    response = APIClient().post(TOKEN, body)
    assert response.status_code == 400
    assert response.json()["codes"] == {"device_name": ["max_length"]}
    assert not Device.objects.exists()


def test_the_list_shows_the_callers_devices_and_which_is_current(user, other_user):
    token = _token(user, device_name="Script")
    _token(other_user)
    _browser(user)
    listed = _client(token).get(DEVICES).json()
    assert sorted((d["name"], d["current"]) for d in listed) == [
        ("Safari on iPhone", False),
        ("Script", True),
    ]
    assert set(listed[0]) == {"id", "name", "created_at", "last_used_at", "current"}


def test_a_browser_sign_in_is_a_device_and_current_for_that_browser(user):
    browser = _browser(user)
    (device,) = browser.get(DEVICES).json()
    assert device["current"] is True
    assert device["name"] == "Safari on iPhone"


def test_revoking_a_token_device_ends_its_access_at_once(user):
    phone, script = _token(user), _token(user)
    script_id = Device.objects.get(key_hash=hash_key(script)).pk
    assert _client(phone).delete(f"{DEVICES}{script_id}/").status_code == 204
    assert _client(script).get(BABIES).status_code == 401
    assert _client(phone).get(BABIES).status_code == 200


def test_revoking_a_browser_device_ends_its_session(user):
    browser = _browser(user)
    script = _token(user)
    browser_id = Device.objects.get(key_hash=None).pk
    assert _client(script).delete(f"{DEVICES}{browser_id}/").status_code == 204
    assert browser.get(SESSION).json() == {"authenticated": False}
    assert browser.get(BABIES).status_code == 403


def test_another_accounts_device_is_a_404_and_stays(user, other_user):
    theirs = Device.objects.get(key_hash=hash_key(_token(other_user))).pk
    assert _client(_token(user)).delete(f"{DEVICES}{theirs}/").status_code == 404
    assert Device.objects.filter(pk=theirs).exists()


def test_signing_out_with_a_token_revokes_that_token_only(user):
    phone, script = _token(user), _token(user)
    assert _client(script).delete(SESSION).status_code == 204
    assert _client(script).get(BABIES).status_code == 401
    assert _client(phone).get(BABIES).status_code == 200


def test_signing_out_a_browser_removes_its_device_and_session(user):
    browser = _browser(user)
    assert browser.delete(SESSION, **browser.csrf).status_code == 204
    assert not Device.objects.filter(user=user).exists()
    assert not Session.objects.exists()


def test_the_sign_in_form_makes_a_browser_device_too(client, user):
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    device = Device.objects.get(user=user)
    assert device.session_key == client.session.session_key


def test_last_used_is_stamped_at_most_once_a_minute(user, django_assert_num_queries):
    client = token_client(user)
    long_ago = timezone.now() - timedelta(minutes=5)
    Device.objects.filter(pk=client.device.pk).update(last_used_at=long_ago)
    with django_assert_num_queries(3):  # the device with its user, the stamp, the list
        assert client.get(DEVICES).status_code == 200
    stamped = Device.objects.get(pk=client.device.pk).last_used_at
    assert stamped > long_ago
    with django_assert_num_queries(2):  # a minute has not passed: no write
        client.get(DEVICES)
    assert Device.objects.get(pk=client.device.pk).last_used_at == stamped


def test_a_token_request_costs_one_query_for_authentication(user, django_assert_num_queries):
    client = token_client(user)
    client.get(BABIES)  # warm: the stamp is fresh from creation anyway
    with django_assert_num_queries(2):  # authentication, and the list of babies
        assert client.get(BABIES).status_code == 200


def test_a_browser_request_adds_no_query_for_its_device(user, django_assert_num_queries):
    browser = _browser(user)
    browser.get(BABIES)
    # The session, its user, and the list of babies: the device costs nothing.
    with django_assert_num_queries(3):
        assert browser.get(BABIES).status_code == 200


def test_a_browser_device_is_stamped_after_a_minute(user):
    browser = _browser(user)
    session = browser.session
    session["letdown_device_touched"] = (timezone.now() - timedelta(minutes=5)).timestamp()
    session.save()
    Device.objects.update(last_used_at=timezone.now() - timedelta(minutes=5))
    browser.get(BABIES)
    assert timezone.now() - Device.objects.get().last_used_at < timedelta(minutes=1)


def test_a_drf_token_from_before_devices_still_works_and_becomes_a_device(user):
    key = Token.objects.create(user=user).key
    assert _client(key).get(BABIES).status_code == 200
    device = Device.objects.get(user=user)
    assert (device.name, device.key_hash) == (LEGACY_NAME, hash_key(key))
    assert not Token.objects.exists()
    assert _client(key).get(BABIES).status_code == 200


def test_an_unknown_token_is_a_401():
    assert _client("not-a-token").get(BABIES).status_code == 401


def test_deleting_the_account_removes_its_devices(user):
    client = _client(_token(user))
    assert client.delete("/api/v1/account/", {"password": PASSWORD}).status_code == 204
    assert not Device.objects.exists()


@pytest.mark.parametrize(
    ("agent", "name"),
    [
        (
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit Chrome/126 Mobile Safari/537",
            "Chrome on Android",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1",
            "Safari on iPhone",
        ),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko Firefox/128.0", "Firefox on Linux"),
        ("curl/8.5", "Unnamed device"),
    ],
)
def test_a_device_is_named_after_its_browser(agent, name):
    assert name_from_agent(agent) == name


def test_a_browser_that_registers_is_one_device_for_its_session_and_token():
    browser = APIClient(enforce_csrf_checks=True)
    browser.get("/")
    csrf = {"HTTP_X_CSRFTOKEN": browser.cookies["csrftoken"].value}
    body = {"username": "sam", "password": "correct horse battery 9", "device_name": "My phone"}
    token = browser.post("/api/v1/auth/register/", body, **csrf).json()["token"]
    (device,) = Device.objects.all()
    assert (device.name, device.key_hash) == ("My phone", hash_key(token))
    assert device.session_key == browser.session.session_key
    script = token_client(device.user)
    assert script.delete(f"{DEVICES}{device.pk}/").status_code == 204
    assert browser.get(SESSION).json() == {"authenticated": False}
    assert _client(token).get(BABIES).status_code == 401
