"""
Sync pull: every feed created, changed or deleted since a device's cursor.

Contract of ``pull(user=, cursor=, limit=) -> PullPage``:
- The cursor is opaque to clients: a signed (``django.core.signing``) map
  ``{baby: position}``, the last ``change_seq`` of that baby the device has been
  given; a baby missing from the cursor (a first pull, a newly shared baby)
  starts at 0 and arrives whole. A cursor that was
  forged, tampered with or made for another account raises ``InvalidCursor``.
- Changes come per baby (babies in id order), each baby's in ``change_seq``
  order, at most ``limit`` rows a page; ``has_more`` says another page waits.
  A feed appears at its latest change only; a change is never split or
  repeated across pages, because the cursor moves exactly to the last row sent.
- ``change_seq`` is handed out under the baby's row lock (``Baby.take_write_seq``),
  so per baby it is also commit order: once a pull sees n, every seq below n
  has committed. Positions therefore never step over a change that commits
  later; that is why the cursor is per baby and not one global number.
- Tombstones (``{"id", "deleted": true, "version", "baby"}``) are sent on a
  first pull too: a device may hold feeds from its own pushes before it ever
  pulled, and only a tombstone tells it one of them was deleted since.
- Every page lists the babies the user can see, with their role; a device
  forgets the feeds of a baby that is no longer listed.
"""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core import signing

from tracker.models import Caregiver, Feed
from tracker.serializers import BabySerializer
from tracker.sync import render_feed

DEFAULT_LIMIT = 500
MAX_LIMIT = 1000
_SALT = "letdown.sync.cursor"
_CURSOR_VERSION = 2


class InvalidCursor(Exception):
    """The cursor was not issued by this server for this account."""


@dataclass
class PullPage:
    changes: list[dict[str, Any]]
    babies: list[dict[str, Any]]
    cursor: str
    has_more: bool


def encode_cursor(user, positions: dict[UUID, int]) -> str:
    payload = {
        "v": _CURSOR_VERSION,
        "u": user.pk,
        "b": {baby.hex: seq for baby, seq in positions.items()},
    }
    return signing.dumps(payload, salt=_SALT, compress=True)


def decode_cursor(user, cursor: str) -> dict[UUID, int]:
    try:
        payload = signing.loads(cursor, salt=_SALT)
        if payload["v"] != _CURSOR_VERSION or payload["u"] != user.pk:
            raise InvalidCursor
        return {UUID(hex_id): int(seq) for hex_id, seq in payload["b"].items()}
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidCursor from error


def pull(*, user, cursor: str | None, limit: int = DEFAULT_LIMIT) -> PullPage:
    before = decode_cursor(user, cursor) if cursor else {}
    access = list(Caregiver.objects.filter(user=user).select_related("baby").order_by("baby_id"))
    positions: dict[UUID, int] = {}
    changes: list[dict[str, Any]] = []
    room, has_more = limit, False
    for caregiver in access:
        baby_id = caregiver.baby_id
        positions[baby_id] = before.get(baby_id, 0)
        if room == 0:
            has_more = True
            continue
        rows = list(changes_since(baby_id, positions[baby_id], room + 1))
        if len(rows) > room:
            rows, has_more = rows[:room], True
        room -= len(rows)
        changes += [render_feed(feed) for feed in rows]
        if rows:
            positions[baby_id] = rows[-1].change_seq
    return PullPage(
        changes=changes,
        babies=[render_baby(c) for c in access],
        cursor=encode_cursor(user, positions),
        has_more=has_more,
    )


def changes_since(baby_id, seq: int, count: int):
    """One range scan of the (baby, change_seq) unique index: costs what it returns."""
    return Feed.objects.filter(baby_id=baby_id, change_seq__gt=seq).order_by("change_seq")[:count]


def render_baby(caregiver: Caregiver) -> dict[str, Any]:
    """The baby as the babies API renders it, with the user's role."""
    baby = caregiver.baby
    baby.role = caregiver.role
    return BabySerializer(baby).data
