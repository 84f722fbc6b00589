"""Every /api/v1/ answer with account data says `Cache-Control: private, no-store`.

Contract (docs/api-contract.md, letdown_project/api_edge.py): no shared cache
and no browser cache may keep one family's health data or a token; the public
articles API keeps its own revalidation headers.
"""

from datetime import date

import pytest
from rest_framework.test import APIClient

from tests.conftest import token_client
from tests.factories import PASSWORD, BabyFactory, FeedFactory


@pytest.fixture
def family(user):
    baby = BabyFactory(owner=user)
    FeedFactory(user=user, baby=baby)
    return token_client(user), baby


def reads(baby):
    today = date(2026, 3, 1)
    return [
        "/api/v1/babies/",
        f"/api/v1/babies/{baby.pk}/",
        f"/api/v1/babies/{baby.pk}/summary/?from={today}&to={today}&tz=Europe/London",
        f"/api/v1/feeds/?baby={baby.pk}",
        "/api/v1/sync/pull/",
        "/api/v1/export/?format=csv",
        "/api/v1/export/?format=json",
    ]


def test_every_read_of_health_data_is_private_no_store(family):
    client, baby = family
    for path in reads(baby):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response["Cache-Control"] == "private, no-store", path


def test_writes_and_their_errors_are_private_no_store(family):
    client, baby = family
    created = client.post("/api/v1/babies/", {"name": "Ada"}, format="json")
    refused = client.post("/api/v1/feeds/", {"baby": str(baby.pk)}, format="json")
    pushed = client.post(
        "/api/v1/sync/push/",
        {"device_id": "3f2b8c1e-0000-4000-8000-000000000001", "mutations": []},
        format="json",
    )
    wrong_password = client.delete("/api/v1/account/", {"password": "nope"}, format="json")
    for response in (created, refused, pushed, wrong_password):
        assert response["Cache-Control"] == "private, no-store"


def test_a_new_token_is_private_no_store(user):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_the_public_articles_api_keeps_its_own_caching(db):
    response = APIClient().get("/api/v1/articles/")
    assert "no-store" not in response.get("Cache-Control", "")
