"""
Query counts per endpoint, measured in-process on the benchmark database.

Contract: `count_queries(world)` sends each request through Django's test
client (the whole middleware and DRF stack, no network) and returns
{request label: number of SQL queries}. The counts do not depend on the
number of rows, which is the point: they are printed next to the timings.
"""

import uuid
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.seed import feed_payload


def _client(token: str | None) -> Client:
    headers = {"Authorization": f"Token {token}"} if token else {}
    return Client(SERVER_NAME="127.0.0.1", headers=headers)


def _count(client: Client, method: str, path: str, payload=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        if payload is None:
            response = getattr(client, method)(path)
        else:
            response = getattr(client, method)(path, payload, content_type="application/json")
    if response.status_code >= 400:
        raise RuntimeError(f"{method.upper()} {path} answered {response.status_code}")
    return len(captured.captured_queries)


def _push_body(baby, count: int) -> dict:
    start = datetime.now(UTC) - timedelta(days=90)
    return {
        "device_id": str(uuid.uuid4()),
        "mutations": [
            {"seq": n + 1, "op": "upsert", "entity": "feed", "id": str(uuid.uuid4()),
             "base_version": None, "data": feed_payload(baby, start - timedelta(hours=n))}
            for n in range(count)
        ],
    }  # fmt: skip


def count_queries(world: dict) -> dict[str, int]:
    big, small = world["50k"], world["1k"]
    client, small_client = _client(big["token"]), _client(small["token"])
    baby = big["baby"]
    today = datetime.now(UTC).date()
    new_feed = feed_payload(baby, datetime.now(UTC) - timedelta(days=120))
    return {
        "GET /api/v1/feeds/?baby= (one page)": _count(
            client, "get", f"/api/v1/feeds/?baby={baby}"
        ),
        "GET /api/v1/feeds/{id}/": _count(client, "get", f"/api/v1/feeds/{big['recent_ids'][0]}/"),
        "POST /api/v1/feeds/": _count(client, "post", "/api/v1/feeds/", new_feed),
        "GET summary, 14 days": _count(
            client,
            "get",
            f"/api/v1/babies/{baby}/summary/?from={today - timedelta(days=13)}&to={today}",
        ),
        "GET /api/v1/babies/": _count(client, "get", "/api/v1/babies/"),
        "POST sync/push/, 1 mutation": _count(
            client, "post", "/api/v1/sync/push/", _push_body(baby, 1)
        ),
        "POST sync/push/, 100 mutations": _count(
            client, "post", "/api/v1/sync/push/", _push_body(baby, 100)
        ),
        "GET sync/pull/ (first page of 1k rows)": _count(
            small_client, "get", "/api/v1/sync/pull/?limit=1000"
        ),
        "GET /api/v1/articles/": _count(_client(None), "get", "/api/v1/articles/"),
        "GET / (app shell)": _count(_client(None), "get", "/"),
    }
