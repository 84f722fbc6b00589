"""Register, tokens, browser sessions (with CSRF) and deleting an account."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from tests.conftest import token_client
from tests.factories import PASSWORD, BabyFactory, FeedFactory, UserFactory, add_caregiver
from tracker.accounts.credentials import hash_key
from tracker.models import Baby, Caregiver, Device, Feed

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"
TOKEN = "/api/v1/auth/token/"
SESSION = "/api/v1/auth/session/"
ACCOUNT = "/api/v1/account/"
NEW = {"username": "sam", "password": "correct horse battery 9", "email": "sam@example.test"}


def _browser() -> APIClient:
    """A client that checks CSRF like a browser's requests are checked, with the cookie set."""
    client = APIClient(enforce_csrf_checks=True)
    client.get("/")
    return client


def _csrf(client) -> dict:
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def test_register_answers_201_with_a_token(api_client):
    response = api_client.post(REGISTER, NEW)
    assert response.status_code == 201
    user = get_user_model().objects.get(username="sam")
    body = response.json()
    assert body == {"token": body["token"], "id": user.pk, "username": "sam"}
    # Only the token's hash is stored, on the new account's one device.
    assert Device.objects.get(user=user).key_hash == hash_key(body["token"])


def test_the_registered_token_works(api_client):
    token = api_client.post(REGISTER, NEW).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/babies/").status_code == 200


def test_register_applies_the_password_validators(api_client):
    response = api_client.post(REGISTER, {**NEW, "password": "12345678"})
    assert response.status_code == 400
    assert "password" in response.json()
    assert not get_user_model().objects.filter(username="sam").exists()


def test_a_password_like_the_username_is_refused(api_client):
    response = api_client.post(REGISTER, {**NEW, "username": "samantha1", "password": "samantha1"})
    assert "password" in response.json()


def test_a_username_taken_in_another_case_is_refused(api_client):
    UserFactory(username="Sam")
    response = api_client.post(REGISTER, NEW)
    assert response.status_code == 400
    assert "username" in response.json()


def test_a_bad_email_is_a_400_naming_email(api_client):
    response = api_client.post(REGISTER, {**NEW, "email": "not-an-address"})
    assert "email" in response.json()


def test_register_from_the_app_signs_the_browser_in():
    browser = _browser()
    assert browser.post(REGISTER, NEW, **_csrf(browser)).status_code == 201
    assert browser.get(SESSION).json()["username"] == "sam"


def test_register_without_the_csrf_token_gives_a_token_but_no_session():
    browser = _browser()
    assert browser.post(REGISTER, NEW).status_code == 201
    assert browser.get(SESSION).json() == {"authenticated": False}


def test_token_for_good_credentials(api_client, user):
    response = api_client.post(TOKEN, {"username": user.username, "password": PASSWORD})
    token = response.json()["token"]
    assert Device.objects.get(user=user).key_hash == hash_key(token)


def test_token_for_a_wrong_password_is_a_400(api_client, user):
    response = api_client.post(TOKEN, {"username": user.username, "password": "guess"})
    assert response.status_code == 400
    assert not Device.objects.filter(user=user).exists()


def test_session_login_signs_the_browser_in(user):
    browser = _browser()
    body = {"username": user.username, "password": PASSWORD}
    response = browser.post(SESSION, body, **_csrf(browser))
    assert response.json() == {"id": user.pk, "username": user.username}
    assert browser.get(SESSION).json()["id"] == user.pk


def test_session_login_without_csrf_token_is_refused(user):
    """A forged cross-site form must not sign the victim into the attacker's account."""
    browser = _browser()
    response = browser.post(SESSION, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 403
    assert browser.get(SESSION).json() == {"authenticated": False}


def test_session_login_with_a_wrong_password_is_a_400(user):
    browser = _browser()
    body = {"username": user.username, "password": "nope"}
    assert browser.post(SESSION, body, **_csrf(browser)).status_code == 400


def test_signed_out_session_is_an_answer_not_an_error(api_client):
    response = api_client.get(SESSION)
    assert response.status_code == 200
    assert response.json() == {"authenticated": False}


def test_signed_in_session_says_who(user):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.get(SESSION).json() == {
        "authenticated": True,
        "id": user.pk,
        "username": user.username,
    }


def test_session_delete_signs_out(user):
    browser = _browser()
    browser.post(SESSION, {"username": user.username, "password": PASSWORD}, **_csrf(browser))
    assert browser.delete(SESSION, **_csrf(browser)).status_code == 204
    assert browser.get(SESSION).json() == {"authenticated": False}


def test_deleting_the_account_needs_the_password(auth_client, user):
    response = auth_client.delete(ACCOUNT, {"password": "wrong"})
    assert response.status_code == 400
    assert "password" in response.json()
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_deleting_the_account_deletes_its_babies_and_their_feeds(auth_client, user, baby):
    FeedFactory(baby=baby)
    assert auth_client.delete(ACCOUNT, {"password": PASSWORD}).status_code == 204
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not Baby.objects.exists()
    assert not Feed.objects.exists()


def test_deleting_the_account_keeps_babies_it_only_cared_for(auth_client, user):
    theirs = BabyFactory()
    add_caregiver(theirs, user)
    feed = FeedFactory(baby=theirs, user=user)
    auth_client.delete(ACCOUNT, {"password": PASSWORD})
    assert Baby.objects.filter(pk=theirs.pk).exists()
    assert not Caregiver.objects.filter(user_id=user.pk).exists()
    assert Feed.objects.get(pk=feed.pk).created_by is None


def test_a_deleted_accounts_token_stops_working(user):
    client = token_client(user)
    client.delete(ACCOUNT, {"password": PASSWORD})
    assert client.get("/api/v1/babies/").status_code in (401, 403)
