"""Usernames are compared as a reader sees them: Unicode NFKC and any letter case."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"
FULLWIDTH_SAM = "\uff33am"  # a full-width S, then "am"


def _register(username: str):
    body = {"username": username, "password": "correct horse battery 9"}
    return APIClient().post(REGISTER, body)


@pytest.mark.parametrize("twin", ["sam", "SAM", FULLWIDTH_SAM, " Sam "])
def test_a_name_that_displays_like_a_taken_one_is_refused(twin):
    UserFactory(username="Sam")
    response = _register(twin)
    assert response.status_code == 400
    assert response.json()["codes"] == {"username": ["taken"]}
    assert get_user_model().objects.count() == 1


def test_a_full_width_name_is_stored_in_its_plain_form():
    assert _register(FULLWIDTH_SAM).status_code == 201
    assert get_user_model().objects.get().username == "Sam"


def test_characters_a_username_may_not_hold_are_a_400_naming_it():
    response = _register("sam smith!")
    assert response.status_code == 400
    assert response.json()["codes"] == {"username": ["invalid"]}


@pytest.mark.parametrize("typed", ["sam", "SAM", FULLWIDTH_SAM, "  Sam"])
def test_sign_in_accepts_any_spelling_of_the_name(typed):
    user = UserFactory(username="Sam")
    response = APIClient().post("/api/v1/auth/token/", {"username": typed, "password": PASSWORD})
    assert response.status_code == 200, response.content
    assert user.devices.count() == 1


def test_the_login_form_accepts_another_case(client):
    UserFactory(username="Sam")
    response = client.post("/accounts/login/", {"username": "sAM", "password": PASSWORD})
    assert response.status_code == 302


def test_case_twins_from_before_keep_signing_in_as_themselves():
    # Accounts registered before the check: each exact name is still its own.
    lower = UserFactory(username="alex")
    UserFactory(username="Alex")
    response = APIClient().post("/api/v1/auth/token/", {"username": "alex", "password": PASSWORD})
    assert response.status_code == 200
    assert lower.devices.count() == 1
