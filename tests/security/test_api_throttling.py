"""The API's sign-in endpoints and writes are rate-limited (letdown_project/throttling.py)."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from tests.conftest import token_client
from tests.factories import PASSWORD, BabyFactory

TOKEN, REGISTER, SESSION = "/api/v1/auth/token/", "/api/v1/auth/register/", "/api/v1/auth/session/"


def rate(scope: str) -> int:
    return int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope].split("/")[0])


def post_from(ip: str, path: str, body: dict):
    return APIClient().post(path, body, format="json", REMOTE_ADDR=ip)


@pytest.mark.parametrize("path", [TOKEN, REGISTER, SESSION])
def test_sign_in_endpoints_are_limited_per_ip(db, path):
    for n in range(rate("auth_ip")):
        post_from("203.0.113.5", path, {"username": f"guess{n}", "password": "nope"})
    response = post_from("203.0.113.5", path, {"username": "another", "password": "nope"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"]


def test_token_guesses_at_one_username_are_limited_across_ips(user):
    for n in range(rate("auth_username")):
        post_from(f"198.51.100.{n + 1}", TOKEN, {"username": user.username, "password": "nope"})
    response = post_from("192.0.2.99", TOKEN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "token" not in response.json()


def test_a_throttled_ip_does_not_block_other_ips(user):
    for n in range(rate("auth_ip")):
        post_from("203.0.113.5", TOKEN, {"username": f"guess{n}", "password": "nope"})
    response = post_from("192.0.2.10", TOKEN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["token"]


def test_deleting_the_account_counts_as_a_password_check(user):
    client = token_client(user)
    for _ in range(rate("auth_username")):
        client.delete("/api/v1/account/", {"password": "wrong"}, format="json")
    response = client.delete("/api/v1/account/", {"password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert type(user).objects.filter(pk=user.pk).exists()


def test_writes_are_limited_per_user(user, settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "writes": "3/min"},
    }
    client = token_client(user)
    statuses = [
        client.post("/api/v1/babies/", {"name": f"Baby {n}"}, format="json").status_code
        for n in range(4)
    ]
    assert statuses == [201, 201, 201, 429]


def test_the_write_limit_is_per_user(user, other_user, settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "writes": "1/min"},
    }
    token_client(user).post("/api/v1/babies/", {"name": "Robin"}, format="json")
    response = token_client(other_user).post("/api/v1/babies/", {"name": "Ada"}, format="json")
    assert response.status_code == 201


def test_reads_are_not_counted_as_writes(user, settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "writes": "1/min"},
    }
    BabyFactory(owner=user)
    client = token_client(user)
    assert all(client.get("/api/v1/babies/").status_code == 200 for _ in range(5))
    assert client.post("/api/v1/babies/", {"name": "Ada"}, format="json").status_code == 201
