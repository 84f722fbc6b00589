"""
Sync pull: every feed created, changed or deleted since a device's cursor.

Contract of ``pull(user=, cursor=, limit=) -> PullPage``:
- The cursor is opaque to clients, and to anyone reading an access log it
  lands in: an encrypted and authenticated (``seal``/``unseal``) map
  ``{baby: position}``, the last ``change_seq`` of that baby the device has been
  given, with the account it was made for; a baby missing from the cursor (a
  first pull, a newly shared baby) starts at 0 and arrives whole. A cursor
  that was forged, tampered with or made for another account raises
  ``InvalidCursor``. Cursors of the earlier, signed-only format (readable:
  base64 of the user id and baby ids) are still accepted, so phones carry on;
  the next page hands them a sealed one.
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

import base64
import hashlib
import hmac
import os
import struct
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from tracker.models import Caregiver, Feed
from tracker.serializers import BabySerializer
from tracker.sync import render_feed

DEFAULT_LIMIT = 500
MAX_LIMIT = 1000
_SALT = "letdown.sync.cursor"
_SIGNED_CURSOR_VERSION = 2  # the readable format, still accepted


class InvalidCursor(Exception):
    """The cursor was not issued by this server for this account."""


@dataclass
class PullPage:
    changes: list[dict[str, Any]]
    babies: list[dict[str, Any]]
    cursor: str
    has_more: bool


# --- sealing -----------------------------------------------------------------
# The standard library has no AEAD cipher (and `cryptography` is not a
# dependency), so: encrypt-then-MAC with keys derived from SECRET_KEY. The
# keystream is keyed BLAKE2b over (nonce, block counter), a PRF, XORed with
# the plaintext; a random 16-byte nonce per cursor means a keystream is never
# reused. The tag is HMAC-SHA256 over (version, nonce, ciphertext), checked in
# constant time before anything is decrypted.
_SEALED_PREFIX = "c3."
_NONCE_BYTES, _TAG_BYTES, _BLOCK = 16, 16, 64
_POSITION = struct.Struct(">16sQ")  # a baby's UUID bytes, its last change_seq
_USER = struct.Struct(">Q")


def _keys(secret: str) -> tuple[bytes, bytes]:
    def derive(purpose: str) -> bytes:
        return salted_hmac(
            f"{_SALT}.{purpose}", "cursor", secret=secret, algorithm="sha256"
        ).digest()

    return derive("encrypt"), derive("authenticate")


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = (
        hashlib.blake2b(nonce + counter.to_bytes(4, "big"), key=key).digest()
        for counter in range(-(-length // _BLOCK))
    )
    return b"".join(blocks)[:length]


def _xor(data: bytes, stream: bytes) -> bytes:
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(len(data), "big")


def seal(plaintext: bytes) -> str:
    encrypt_key, mac_key = _keys(settings.SECRET_KEY)
    nonce = os.urandom(_NONCE_BYTES)
    ciphertext = _xor(plaintext, _keystream(encrypt_key, nonce, len(plaintext)))
    tag = hmac.new(mac_key, _SEALED_PREFIX.encode() + nonce + ciphertext, "sha256").digest()
    token = base64.urlsafe_b64encode(nonce + ciphertext + tag[:_TAG_BYTES]).rstrip(b"=")
    return _SEALED_PREFIX + token.decode("ascii")


def unseal(token: str) -> bytes:
    """The plaintext, or InvalidCursor; SECRET_KEY_FALLBACKS still open old cursors."""
    try:
        raw = base64.urlsafe_b64decode(token[len(_SEALED_PREFIX) :] + "=" * (-len(token) % 4))
    except (ValueError, TypeError) as error:
        raise InvalidCursor from error
    if len(raw) < _NONCE_BYTES + _TAG_BYTES:
        raise InvalidCursor
    nonce, ciphertext, tag = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:-_TAG_BYTES], raw[-_TAG_BYTES:]
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        encrypt_key, mac_key = _keys(secret)
        expected = hmac.new(mac_key, _SEALED_PREFIX.encode() + nonce + ciphertext, "sha256")
        if hmac.compare_digest(expected.digest()[:_TAG_BYTES], tag):
            return _xor(ciphertext, _keystream(encrypt_key, nonce, len(ciphertext)))
    raise InvalidCursor


def encode_cursor(user, positions: dict[UUID, int]) -> str:
    plaintext = _USER.pack(user.pk) + b"".join(
        _POSITION.pack(baby.bytes, seq) for baby, seq in positions.items()
    )
    return seal(plaintext)


def decode_cursor(user, cursor: str) -> dict[UUID, int]:
    if not cursor.startswith(_SEALED_PREFIX):
        return _decode_signed_cursor(user, cursor)
    owner, positions = read_sealed_cursor(cursor)
    if owner != user.pk:
        raise InvalidCursor
    return positions


def read_sealed_cursor(cursor: str) -> tuple[int, dict[UUID, int]]:
    """(user pk, positions) of a cursor this server sealed; InvalidCursor otherwise."""
    plaintext = unseal(cursor)
    body = plaintext[_USER.size :]
    if len(plaintext) < _USER.size or len(body) % _POSITION.size:
        raise InvalidCursor
    positions = {UUID(bytes=baby): seq for baby, seq in _POSITION.iter_unpack(body)}
    return _USER.unpack_from(plaintext)[0], positions


def _decode_signed_cursor(user, cursor: str) -> dict[UUID, int]:
    """The format before cursors were sealed: signed, not encrypted."""
    try:
        payload = signing.loads(cursor, salt=_SALT)
        if payload["v"] != _SIGNED_CURSOR_VERSION or payload["u"] != user.pk:
            raise InvalidCursor
        return {UUID(hex_id): int(seq) for hex_id, seq in payload["b"].items()}
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError) as error:
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
