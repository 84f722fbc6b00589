"""While the database is unreachable the API answers 503 JSON with Retry-After.

A real gunicorn (tests/live.py) whose DATABASE_URL points at a PostgreSQL
port nothing listens on: every connection attempt is really refused, as while
PostgreSQL restarts. /healthz says why; the phones retry (their outbox keeps
the mutations; docs/sync.md).
"""

import json

import pytest

from tests.live import LiveStack, free_port, request

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    closed = free_port()  # bound and released: nothing listens there
    url = f"postgres://postgres@127.0.0.1:{closed}/letdown_nowhere"
    with LiveStack(tmp_path_factory.mktemp("dbdown"), count=1, DATABASE_URL=url) as s:
        yield s


TOKEN = {"Authorization": "Token 0123456789abcdef0123456789abcdef01234567"}


def assert_retry_later(status, headers, content):
    assert status == 503, content
    assert headers["Content-Type"] == "application/json"
    assert int(headers["Retry-After"]) > 0
    assert "try again" in json.loads(content)["detail"]


def test_healthz_says_the_database_is_unreachable(stack):
    status, headers, content = request(stack.url(0, "/healthz"))
    assert status == 503
    assert int(headers["Retry-After"]) > 0
    body = json.loads(content)
    assert body["database"] == "unreachable"
    assert "cannot reach its database" in body["detail"]
    assert "127.0.0.1" not in body["detail"]  # the driver's reason stays in the log


def test_a_signed_in_read_answers_503_json(stack):
    assert_retry_later(*request(stack.url(0, "/api/v1/babies/"), headers=TOKEN))


def test_a_push_answers_503_json_so_the_phone_keeps_its_outbox(stack):
    body = {"device_id": "3f2b8c1e-0000-4000-8000-000000000001", "mutations": []}
    status, headers, content = request(
        stack.url(0, "/api/v1/sync/push/"), "POST", body, headers=TOKEN
    )
    assert_retry_later(status, headers, content)
    assert headers["Cache-Control"] == "private, no-store"


def test_a_sign_in_answers_503_json(stack):
    body = {"username": "sam", "password": "whatever it is"}
    assert_retry_later(*request(stack.url(0, "/api/v1/auth/token/"), "POST", body))
