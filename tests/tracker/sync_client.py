"""What the sync tests share: mutation builders and the two calls, as a client makes them."""

import uuid
from datetime import timedelta

from django.utils import timezone

PUSH_URL = "/api/v1/sync/push/"
PULL_URL = "/api/v1/sync/pull/"


def bottle_data(baby, **extra) -> dict:
    """A whole bottle feed as a client sends it on create."""
    start = (timezone.now() - timedelta(hours=2)).replace(microsecond=0)
    return {
        "baby": str(baby.pk),
        "kind": "bottle",
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=10)).isoformat(),
        "amount_ml": 60,
        "milk_type": "formula",
        "notes": "",
        **extra,
    }


def upsert(seq, feed_id, data, base_version=None) -> dict:
    return {
        "seq": seq,
        "op": "upsert",
        "entity": "feed",
        "id": str(feed_id),
        "base_version": base_version,
        "data": data,
    }


def delete(seq, feed_id, base_version=None) -> dict:
    return {
        "seq": seq,
        "op": "delete",
        "entity": "feed",
        "id": str(feed_id),
        "base_version": base_version,
    }


def push(client, device_id, mutations):
    return client.post(
        PUSH_URL, {"device_id": str(device_id), "mutations": mutations}, format="json"
    )


def pull(client, cursor=None, limit=None):
    params = {}
    if cursor is not None:
        params["cursor"] = cursor
    if limit is not None:
        params["limit"] = limit
    return client.get(PULL_URL, params)


def pull_all(client, cursor=None, limit=None) -> tuple[list[dict], str]:
    """Every page until has_more is false: the changes in order and the last cursor."""
    changes = []
    while True:
        page = pull(client, cursor, limit).json()
        changes += page["changes"]
        cursor = page["cursor"]
        if not page["has_more"]:
            return changes, cursor


def new_id() -> uuid.UUID:
    return uuid.uuid4()
