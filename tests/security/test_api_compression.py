"""API answers are gzipped when accepted, padded against BREACH, and never beside a secret."""

import gzip
import json

import pytest

from tests.factories import PASSWORD, BabyFactory, FeedFactory, UserFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def log(user):
    baby = BabyFactory(owner=user, name="Robin")
    for _ in range(120):
        FeedFactory(baby=baby, notes="Fed in the big chair, swallowing heard")
    return baby


def _body(response) -> bytes:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return gzip.decompress(raw) if response.get("Content-Encoding") == "gzip" else raw


def test_a_pull_is_gzipped_when_accepted_and_unpacks_to_the_same_json(auth_client, log):
    plain = auth_client.get("/api/v1/sync/pull/?limit=1000")
    packed = auth_client.get("/api/v1/sync/pull/?limit=1000", **GZIP)
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert "Accept-Encoding" in plain["Vary"]  # a shared cache must not mix the two
    unpacked, expected = json.loads(_body(packed)), json.loads(plain.content)
    # The sealed cursor differs per answer (it carries a fresh nonce); the rest is equal.
    assert unpacked.pop("cursor")
    assert expected.pop("cursor")
    assert unpacked == expected
    # JSON of 120 feeds shrinks far more than the 1/8 on the wire.
    assert len(packed.content) * 8 < len(plain.content)


def test_the_csv_export_streams_gzipped(auth_client, log):
    plain = auth_client.get("/api/v1/export/?format=csv")
    packed = auth_client.get("/api/v1/export/?format=csv", **GZIP)
    assert packed["Content-Encoding"] == "gzip"
    assert _body(packed) == _body(plain)


def test_each_answer_gets_a_different_length_of_random_padding(auth_client, log):
    lengths = {len(auth_client.get("/api/v1/feeds/", **GZIP).content) for _ in range(10)}
    assert len(lengths) > 1


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/v1/auth/token/", {"username": "{user}", "password": PASSWORD}),
        ("post", "/api/v1/auth/register/", {"username": "newparent", "password": PASSWORD}),
        ("post", "/api/v1/babies/{baby}/invites/", {}),
        ("get", "/api/v1/babies/{baby}/invites/", None),
        ("post", "/api/v1/babies/{baby}/report-links/",
         {"from": "2026-11-01", "to": "2026-11-14", "expires_in_hours": 24}),
        ("get", "/api/v1/auth/session/", None),
    ],
)  # fmt: skip
def test_answers_that_can_carry_a_secret_are_never_compressed(
    auth_client, user, log, method, path, body
):
    path = path.format(baby=log.pk)
    if body:
        body = {
            k: v.format(user=user.username) if isinstance(v, str) else v for k, v in body.items()
        }
    answer = getattr(auth_client, method)(path, body, format="json", **GZIP)
    assert answer.status_code < 500
    assert "Content-Encoding" not in answer


def test_a_push_answer_and_pages_with_a_form_are_not_compressed(auth_client, client, log):
    push = auth_client.post(
        "/api/v1/sync/push/",
        {"device_id": "8d8ac610-566d-4ef0-9c22-186b2a5ed793", "mutations": []},
        format="json",
        **GZIP,
    )
    assert push.status_code == 200
    assert "Content-Encoding" not in push
    login = client.get("/accounts/login/", **GZIP)
    assert "csrfmiddlewaretoken" in login.content.decode()
    assert "Content-Encoding" not in login


def test_another_users_request_is_compressed_for_them_alone(log):
    # Compression changes nothing of who sees what: a stranger's pull is empty.
    from tests.conftest import token_client

    stranger = token_client(UserFactory())
    answer = stranger.get("/api/v1/sync/pull/?limit=1000", **GZIP)
    assert json.loads(_body(answer))["changes"] == []
