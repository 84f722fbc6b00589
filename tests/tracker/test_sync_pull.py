"""GET /api/v1/sync/pull/: changes since a cursor, page by page, never skipped or repeated."""

from decimal import Decimal

import pytest
from django.core import signing

from tests.conftest import token_client
from tests.factories import BabyFactory, FeedFactory, UserFactory, add_caregiver
from tests.tracker.sync_client import pull, pull_all
from tracker.sync_pull import decode_cursor
from tracker.writes import delete_feed, write_feed

pytestmark = pytest.mark.django_db


def _ids(changes):
    return [c["id"] for c in changes]


def test_first_pull_returns_every_live_feed_and_the_babies_with_their_role(auth_client, user):
    mine = BabyFactory(owner=user)
    shared = BabyFactory()
    add_caregiver(shared, user)
    feeds = [FeedFactory(baby=mine), FeedFactory(baby=shared)]
    body = pull(auth_client).json()
    assert sorted(_ids(body["changes"])) == sorted(str(f.pk) for f in feeds)
    assert all(c["deleted"] is False for c in body["changes"])
    roles = {b["id"]: b["role"] for b in body["babies"]}
    assert roles == {str(mine.pk): "owner", str(shared.pk): "caregiver"}
    assert body["has_more"] is False


def test_change_is_the_feed_as_the_api_renders_it(auth_client, user):
    feed = FeedFactory(baby=BabyFactory(owner=user), kind="bottle", amount_ml=Decimal("60.5"))
    change = pull(auth_client).json()["changes"][0]
    assert change["amount_ml"] == 60.5
    assert {"id", "baby", "kind", "segments", "version", "updated_at"} <= set(change)
    assert change["id"] == str(feed.pk)


def test_first_pull_also_reports_deletions(auth_client, user):
    """A device may hold feeds from its own pushes before it ever pulled."""
    baby = BabyFactory(owner=user)
    kept, gone = FeedFactory(baby=baby), FeedFactory(baby=baby)
    delete_feed(user=user, feed_id=gone.pk)
    changes, _ = pull_all(auth_client, limit=1)
    assert [(c["id"], c["deleted"]) for c in changes] == [
        (str(kept.pk), False),
        (str(gone.pk), True),
    ]


def test_pull_with_a_cursor_returns_only_what_changed_since(auth_client, user):
    baby = BabyFactory(owner=user)
    untouched, edited, deleted = (FeedFactory(baby=baby) for _ in range(3))
    _, cursor = pull_all(auth_client)
    write_feed(user=user, feed_id=edited.pk, values={"notes": "sleepy"})
    delete_feed(user=user, feed_id=deleted.pk)
    added = FeedFactory(baby=baby)
    changes, _ = pull_all(auth_client, cursor)
    assert [(c["id"], c["deleted"], c["version"]) for c in changes] == [
        (str(edited.pk), False, 2),
        (str(deleted.pk), True, 2),
        (str(added.pk), False, 1),
    ]
    assert changes[0]["notes"] == "sleepy"
    assert str(untouched.pk) not in _ids(changes)


def test_feed_changed_twice_since_the_cursor_comes_once_at_its_latest(auth_client, user):
    baby = BabyFactory(owner=user)
    feed = FeedFactory(baby=baby)
    _, cursor = pull_all(auth_client)
    write_feed(user=user, feed_id=feed.pk, values={"notes": "one"})
    write_feed(user=user, feed_id=feed.pk, values={"notes": "two"})
    changes, _ = pull_all(auth_client, cursor)
    assert [(c["notes"], c["version"]) for c in changes] == [("two", 3)]


def test_page_boundary_never_splits_or_repeats_a_change(auth_client, user):
    babies = [BabyFactory(owner=user), BabyFactory(owner=user)]
    feeds = [FeedFactory(baby=babies[i % 2]) for i in range(7)]
    seen, cursor, pages = [], None, 0
    while True:
        body = pull(auth_client, cursor, limit=3).json()
        seen += [(c["id"], c["version"]) for c in body["changes"]]
        cursor, pages = body["cursor"], pages + 1
        if pages == 1:  # a feed already sent, written again between pages: sent again once
            edited = body["changes"][0]["id"]
            write_feed(user=user, feed_id=edited, values={"notes": "edited"})
        if not body["has_more"]:
            break
    assert len(seen) == len(set(seen)) == 8
    assert {i for i, _ in seen} == {str(f.pk) for f in feeds}
    assert (edited, 2) in seen


def test_has_more_is_false_when_the_last_page_is_exactly_full(auth_client, user):
    baby = BabyFactory(owner=user)
    for _ in range(3):
        FeedFactory(baby=baby)
    body = pull(auth_client, limit=3).json()
    assert (len(body["changes"]), body["has_more"]) == (3, False)


def test_changes_of_one_baby_come_in_its_write_order(auth_client, user):
    baby = BabyFactory(owner=user)
    first, second = FeedFactory(baby=baby), FeedFactory(baby=baby)
    _, cursor = pull_all(auth_client)
    write_feed(user=user, feed_id=second.pk, values={"notes": "b"})
    write_feed(user=user, feed_id=first.pk, values={"notes": "a"})
    changes, _ = pull_all(auth_client, cursor)
    assert _ids(changes) == [str(second.pk), str(first.pk)]


def test_newly_shared_baby_arrives_whole_with_an_old_cursor(auth_client, user):
    BabyFactory(owner=user)
    _, cursor = pull_all(auth_client)
    theirs = BabyFactory()
    old = [FeedFactory(baby=theirs) for _ in range(2)]
    add_caregiver(theirs, user)
    changes, _ = pull_all(auth_client, cursor)
    assert sorted(_ids(changes)) == sorted(str(f.pk) for f in old)


def test_feeds_of_other_accounts_never_appear(auth_client, user):
    BabyFactory(owner=user)
    FeedFactory(baby=BabyFactory())
    body = pull(auth_client).json()
    assert body["changes"] == []
    assert len(body["babies"]) == 1


def test_baby_no_longer_shared_drops_out_of_the_babies_list(auth_client, user):
    theirs = BabyFactory()
    access = add_caregiver(theirs, user)
    FeedFactory(baby=theirs)
    _, cursor = pull_all(auth_client)
    access.delete()
    FeedFactory(baby=theirs)
    body = pull(auth_client, cursor).json()
    assert (body["changes"], body["babies"]) == ([], [])


def test_tampered_cursor_answers_400_naming_cursor(auth_client, user):
    BabyFactory(owner=user)
    cursor = pull(auth_client).json()["cursor"]
    forged = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    response = pull(auth_client, forged)
    assert response.status_code == 400
    assert list(response.json()) == ["cursor", "codes"]
    assert response.json()["codes"] == {"cursor": ["invalid_cursor"]}


def test_unsigned_cursor_a_client_made_up_answers_400(auth_client, user):
    baby = BabyFactory(owner=user)
    made_up = signing.b64_encode(f'{{"v":2,"u":{user.pk},"b":{{"{baby.pk.hex}":0}}}}'.encode())
    assert pull(auth_client, made_up.decode()).status_code == 400


def test_cursor_of_another_account_is_refused(auth_client, user):
    stranger = UserFactory()
    BabyFactory(owner=stranger)
    their_cursor = pull(token_client(stranger)).json()["cursor"]
    response = pull(auth_client, their_cursor)
    assert response.status_code == 400
    assert "cursor" in response.json()


@pytest.mark.parametrize("limit", ["0", "1001", "many", "-5"])
def test_limit_outside_1_to_1000_answers_400_naming_limit(auth_client, limit):
    response = pull(auth_client, limit=limit)
    assert response.status_code == 400
    assert list(response.json()) == ["limit", "codes"]
    assert list(response.json()["codes"]) == ["limit"]


def test_pull_needs_a_signed_in_user(api_client):
    assert pull(api_client).status_code in (401, 403)


def test_cursors_only_move_forward(auth_client, user):
    baby = BabyFactory(owner=user)
    for _ in range(3):
        FeedFactory(baby=baby)
    cursor, positions = None, []
    for _ in range(4):
        cursor = pull(auth_client, cursor, limit=1).json()["cursor"]
        positions.append(decode_cursor(user, cursor)[baby.pk])
    assert positions == [1, 2, 3, 3]
