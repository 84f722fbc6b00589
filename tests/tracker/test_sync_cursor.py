"""Pull cursors are opaque: nothing in them can be read (tracker/sync_pull.py).

They travel in query strings, so they land in access logs; the earlier,
signed-only cursors decoded (without any key) to the user id and baby ids.
"""

import base64
import json
import zlib

from django.core import signing

from tests.factories import BabyFactory, FeedFactory
from tests.tracker.sync_client import pull


def readable_without_a_key(cursor: str):
    """What anyone reading a log could get out of a cursor, as the old format allowed."""
    data = cursor.split(":")[0]
    compressed = data.startswith(".")
    raw = base64.urlsafe_b64decode(data.lstrip(".") + "=" * (-len(data.lstrip(".")) % 4))
    return json.loads(zlib.decompress(raw) if compressed else raw)


def test_a_cursor_names_neither_the_user_nor_the_babies(auth_client, user):
    babies = [BabyFactory(owner=user) for _ in range(2)]
    FeedFactory(baby=babies[0])
    cursor = pull(auth_client).json()["cursor"]
    try:
        leaked = readable_without_a_key(cursor)
    except ValueError:  # binascii.Error, zlib.error and JSONDecodeError are ValueErrors
        leaked = None
    assert leaked is None
    raw = base64.urlsafe_b64decode(cursor[3:] + "=" * (-len(cursor[3:]) % 4))
    for baby in babies:
        assert baby.pk.bytes not in raw
        assert baby.pk.hex not in cursor
        assert baby.pk.hex.encode() not in raw


def test_the_same_positions_give_different_cursors(auth_client, user):
    BabyFactory(owner=user)
    first, second = (pull(auth_client).json()["cursor"] for _ in range(2))
    assert first != second  # so two devices' cursors cannot be linked in a log


def test_a_cursor_of_the_earlier_signed_format_still_works(auth_client, user):
    baby = BabyFactory(owner=user)
    seen = FeedFactory(baby=baby)
    later = FeedFactory(baby=baby)
    seen_seq = type(seen).objects.get(pk=seen.pk).change_seq
    old = signing.dumps(
        {"v": 2, "u": user.pk, "b": {baby.pk.hex: seen_seq}}, salt="letdown.sync.cursor"
    )
    response = pull(auth_client, old)
    assert response.status_code == 200
    assert [change["id"] for change in response.json()["changes"]] == [str(later.pk)]
    assert response.json()["cursor"].startswith("c3.")


def test_a_cursor_with_one_byte_changed_is_a_400_naming_cursor(auth_client, user):
    BabyFactory(owner=user)
    cursor = pull(auth_client).json()["cursor"]
    middle = len(cursor) // 2
    flipped = cursor[:middle] + ("A" if cursor[middle] != "A" else "B") + cursor[middle + 1 :]
    response = pull(auth_client, flipped)
    assert response.status_code == 400
    body = response.json()
    # Only the cursor is named (with its code, as every 400 carries codes).
    assert set(body) == {"cursor", "codes"}
    assert list(body["codes"]) == ["cursor"]


def test_a_rotated_secret_key_still_opens_cursors_through_its_fallbacks(
    auth_client, user, settings
):
    BabyFactory(owner=user)
    cursor = pull(auth_client).json()["cursor"]
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    assert pull(auth_client, cursor).status_code == 400
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert pull(auth_client, cursor).status_code == 200
