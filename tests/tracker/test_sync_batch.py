"""A push saves its new feeds together: what that must not change, and what it costs.

``tracker.sync`` checks each new feed on its own, keeps it in memory and
inserts the push's new feeds with one INSERT; the babies' sequence numbers are
handed out under one lock per push (``tracker.writes.BatchWrites``), only
to writes that passed their checks.
"""

import threading
import time
import uuid

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from tests.conftest import token_client
from tests.factories import BabyFactory, UserFactory, add_caregiver
from tests.tracker.sync_client import bottle_data, delete, new_id, pull, push, upsert
from tracker.models import Baby, Feed
from tracker.serializers import FeedSerializer
from tracker.writes import FeedWriter, write_feed


def _queries_for_push(client, baby, count: int) -> int:
    mutations = [upsert(seq, new_id(), bottle_data(baby)) for seq in range(1, count + 1)]
    with CaptureQueriesContext(connection) as queries:
        answer = push(client, uuid.uuid4(), mutations)
    assert answer.status_code == 200, answer.content
    assert [r["status"] for r in answer.json()["results"]] == ["applied"] * count
    return len(queries)


@pytest.mark.django_db
def test_a_push_of_new_feeds_costs_the_same_queries_for_one_and_for_a_hundred(auth_client, user):
    baby = BabyFactory(owner=user)
    one = _queries_for_push(auth_client, baby, 1)
    hundred = _queries_for_push(auth_client, baby, 100)
    # A hundred new feeds may need a few INSERT batches (SQLite caps the
    # parameters of one statement), never a query or more per feed.
    assert hundred - one <= 3, (one, hundred)
    assert hundred <= 20
    assert Feed.objects.filter(baby=baby).count() == 101


@pytest.mark.django_db
def test_creates_edits_and_deletes_of_one_push_apply_in_order(auth_client, user):
    baby, twin = BabyFactory(owner=user), BabyFactory(owner=user)
    a, b, c, bad, e = (new_id() for _ in range(5))
    answer = push(
        auth_client,
        uuid.uuid4(),
        [
            upsert(1, a, bottle_data(baby)),
            upsert(2, b, bottle_data(twin)),
            upsert(3, a, {"notes": "edited while waiting"}),
            upsert(4, c, bottle_data(baby)),
            delete(5, b),
            upsert(6, bad, bottle_data(baby, amount_ml=-5)),
            upsert(7, e, bottle_data(baby)),
            upsert(8, e, bottle_data(baby, amount_ml=90)),
        ],
    )
    assert answer.status_code == 200, answer.content
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["applied"] * 5 + ["rejected"] + ["applied"] * 2
    assert [r["seq"] for r in results] == list(range(1, 9))
    assert "amount_ml" in results[5]["errors"]
    assert results[2]["record"]["notes"] == "edited while waiting"
    assert results[2]["version"] == 2
    tombstone = {"id": str(b), "deleted": True, "version": 2, "baby": str(twin.pk)}
    assert results[4]["record"] == tombstone

    feeds = {f.pk: f for f in Feed.objects.all()}
    assert set(feeds) == {a, b, c, e}
    assert (feeds[a].notes, feeds[a].version) == ("edited while waiting", 2)
    assert feeds[b].is_deleted
    assert (float(feeds[e].amount_ml), feeds[e].version) == (90.0, 2)
    # Bulk inserts skip save(): the totals must still be derived.
    assert feeds[c].duration_seconds == 600
    # Every change has its own place in its baby's sequence, and the baby's
    # counter ends at the last one, so the next write continues after it.
    for kid in (baby, twin):
        kid.refresh_from_db()
        seqs = sorted(f.change_seq for f in feeds.values() if f.baby_id == kid.pk)
        assert len(set(seqs)) == len(seqs)
        assert kid.write_seq == seqs[-1]
    later = push(auth_client, uuid.uuid4(), [upsert(1, new_id(), bottle_data(baby))])
    assert later.json()["results"][0]["status"] == "applied"
    baby.refresh_from_db()
    assert Feed.objects.filter(baby=baby).order_by("-change_seq")[0].change_seq == baby.write_seq


@pytest.mark.django_db
def test_a_partner_pulls_every_feed_of_a_batched_push_once(auth_client, user):
    baby, partner = BabyFactory(owner=user), UserFactory()
    add_caregiver(baby, partner)
    ids = [new_id() for _ in range(30)]
    mutations = [upsert(seq, i, bottle_data(baby)) for seq, i in enumerate(ids, 1)]
    mutations.append(delete(31, ids[0]))
    assert push(auth_client, uuid.uuid4(), mutations).status_code == 200
    phone, cursor, seen = token_client(partner), None, []
    while True:
        page = pull(phone, cursor, limit=7).json()
        seen += [(change["id"], change["deleted"]) for change in page["changes"]]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert sorted(seen) == sorted([(str(ids[0]), True)] + [(str(i), False) for i in ids[1:]])


@pytest.mark.django_db
def test_a_create_for_a_baby_not_shared_is_rejected_and_the_rest_saved(auth_client, user):
    mine, theirs = BabyFactory(owner=user), BabyFactory()
    answer = push(
        auth_client,
        uuid.uuid4(),
        [upsert(1, new_id(), bottle_data(mine)), upsert(2, new_id(), bottle_data(theirs))],
    )
    assert [r["status"] for r in answer.json()["results"]] == ["applied", "rejected"]
    assert answer.json()["results"][1]["errors"] == {
        "baby": ["No baby with this id is shared with you."]
    }
    assert Feed.objects.filter(baby=theirs).count() == 0
    theirs.refresh_from_db()
    assert theirs.write_seq == 0


def _wait_for_a_lock_wait(timeout: float = 30) -> None:
    """Until another connection is waiting for a row lock (the push, on the baby)."""
    deadline = time.monotonic() + timeout
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            # Inside a transaction the activity view is a snapshot: refresh it each time.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the push never waited for the baby's lock")


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises all writers: a push cannot wait on another writer's row lock",
)
@pytest.mark.django_db(transaction=True)
def test_a_batched_create_that_loses_a_race_for_its_id_becomes_an_edit(settings):
    """The push looked the id up before it could lock the baby; another writer
    created that id meanwhile. The one INSERT fails; the push redoes the feed
    as the upsert it is, and nothing is lost or doubled."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    owner = UserFactory()
    baby = BabyFactory(owner=owner)
    raced, other = new_id(), new_id()
    answers, errors = [], []

    def phone():
        try:
            answers.append(
                push(
                    token_client(owner),
                    uuid.uuid4(),
                    [
                        upsert(1, other, bottle_data(baby)),
                        upsert(2, raced, bottle_data(baby, notes="from the phone")),
                    ],
                )
            )
        except Exception as error:  # reported by the test thread
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=phone)
    with transaction.atomic():
        Baby.objects.select_for_update().get(pk=baby.pk)
        thread.start()
        _wait_for_a_lock_wait()
        values = FeedSerializer.parse(bottle_data(baby, notes="from the web"), partial=False)
        write_feed(user=owner, feed_id=raced, values=values)
    thread.join(timeout=60)
    assert not errors, errors
    answer = answers[0]
    assert answer.status_code == 200, answer.content
    assert [r["status"] for r in answer.json()["results"]] == ["applied", "applied"]
    stored = Feed.objects.get(pk=raced)
    assert (stored.notes, stored.version) == ("from the phone", 2)
    assert Feed.objects.filter(baby=baby).count() == 2
    baby.refresh_from_db()
    assert baby.write_seq == max(Feed.objects.values_list("change_seq", flat=True))


@pytest.mark.django_db
def test_rejected_creates_edits_and_deletes_of_a_push_take_no_sequence_number(auth_client, user):
    """Batched writes: numbers are handed out in memory only to writes that pass their checks."""
    baby, twin, stranger = BabyFactory(owner=user), BabyFactory(owner=user), BabyFactory()
    a, b, c = new_id(), new_id(), new_id()
    mutations = [
        upsert(1, a, bottle_data(baby)),  # 1
        upsert(2, new_id(), bottle_data(baby, amount_ml=-5)),
        upsert(3, a, {"notes": "sleepy"}),  # 2
        upsert(4, a, {"amount_ml": 5000}),
        upsert(5, a, {"baby": str(twin.pk)}),
        upsert(6, a, {"notes": "sleepy"}),  # no change: no write
        upsert(7, b, bottle_data(baby)),  # 3
        delete(8, new_id()),
        delete(9, b),  # 4
        upsert(10, b, {"notes": "back?"}),  # deleted: a conflict, no write
        upsert(11, c, bottle_data(baby, colour="red")),
        upsert(12, c, bottle_data(baby)),  # 5
        upsert(13, new_id(), bottle_data(stranger)),
    ]
    answer = push(auth_client, uuid.uuid4(), mutations)
    assert answer.status_code == 200, answer.content
    statuses = {r["seq"]: r["status"] for r in answer.json()["results"]}
    assert [s for s, status in statuses.items() if status == "rejected"] == [2, 4, 5, 8, 11, 13]
    assert statuses[10] == "conflict"
    for kid in (baby, twin, stranger):
        kid.refresh_from_db()
    assert (baby.write_seq, twin.write_seq, stranger.write_seq) == (5, 0, 0)
    assert dict(Feed.objects.values_list("pk", "change_seq")) == {a: 2, b: 4, c: 5}
    later = push(auth_client, uuid.uuid4(), [upsert(1, a, {"notes": "awake"})])
    assert later.json()["results"][0]["record"]["notes"] == "awake"
    assert Feed.objects.get(pk=a).change_seq == 6


@pytest.mark.django_db
def test_a_mutation_that_fails_after_taking_its_number_gives_it_back(
    auth_client, user, monkeypatch
):
    """A failure the checks did not foresee (here: the row's UPDATE) undoes the
    mutation and the number it took: the next write gets that number."""
    baby = BabyFactory(owner=user)
    device, doomed = uuid.uuid4(), new_id()
    push(auth_client, device, [upsert(1, doomed, bottle_data(baby))])
    real = FeedWriter._update_row

    def failing(self, feed):
        if feed.pk == doomed and feed.notes == "boom":
            raise RuntimeError("the database refused it")
        return real(self, feed)

    monkeypatch.setattr(FeedWriter, "_update_row", failing)
    after = new_id()
    answer = push(
        auth_client,
        device,
        [upsert(2, doomed, {"notes": "boom"}), upsert(3, after, bottle_data(baby))],
    )
    assert [r["status"] for r in answer.json()["results"]] == ["rejected", "applied"]
    baby.refresh_from_db()
    assert baby.write_seq == 2
    assert dict(Feed.objects.values_list("pk", "change_seq")) == {doomed: 1, after: 2}
