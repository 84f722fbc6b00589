"""Sync on PostgreSQL: the commit-order race with real threads, and the pull's query plan.

SQLite serialises every writer (one write lock for the whole file), so the
race cannot happen there and these tests are skipped with that reason.
"""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from tests.conftest import token_client
from tests.factories import BabyFactory, UserFactory, add_caregiver
from tests.tracker.sync_client import bottle_data, new_id, pull, push, upsert
from tracker.models import Feed
from tracker.sync_pull import changes_since

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writers, so commits cannot overtake each other there",
    ),
]

PUSHES, PER_PUSH = 12, 4


def _writer(user, babies, errors):
    """One device: creates feeds in pushes, editing the previous push's feeds as it goes."""
    try:
        client, device, seq, mine = token_client(user), uuid.uuid4(), 1, []
        for round_ in range(PUSHES):
            mutations = [upsert(seq + i, new_id(), bottle_data(babies[i % 2])) for i in range(2)]
            edits = [upsert(seq + 2 + i, f, {"notes": f"round {round_}"}) for i, f in mine[-2:]]
            answer = push(client, device, mutations + edits[: PER_PUSH - 2])
            assert answer.status_code == 200, answer.content
            seq = answer.json()["last_seq"] + 1
            mine = list(enumerate(m["id"] for m in mutations))
    except Exception as error:  # reported by the test thread
        errors.append(error)
    finally:
        connections.close_all()


def _reader(user, done, seen, errors):
    """Pulls in small pages all the while, keeping the newest version of every feed."""
    try:
        client, cursor = token_client(user), None
        while True:
            finished = done.is_set()
            body = pull(client, cursor, limit=3).json()
            for change in body["changes"]:
                seen[change["id"]] = (change["version"], change["deleted"])
            cursor = body["cursor"]
            if finished and not body["has_more"]:
                return
    except Exception as error:
        errors.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_concurrent_pushes_never_make_a_pull_skip_a_change(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    owner, partner = UserFactory(), UserFactory()
    babies = [BabyFactory(owner=owner), BabyFactory(owner=owner)]
    for baby in babies:
        add_caregiver(baby, partner)
    done, seen, errors = threading.Event(), {}, []
    writers = [
        threading.Thread(target=_writer, args=(u, babies, errors)) for u in (owner, partner)
    ]
    reader = threading.Thread(target=_reader, args=(owner, done, seen, errors))
    for thread in [reader, *writers]:
        thread.start()
    for thread in writers:
        thread.join(timeout=300)
    done.set()
    reader.join(timeout=300)
    assert not errors, errors
    stored = {str(pk): (v, False) for pk, v in Feed.objects.live().values_list("pk", "version")}
    assert len(stored) == 2 * PUSHES * 2
    assert seen == stored


@pytest.mark.django_db
def test_pull_reads_changes_by_a_range_scan_of_the_change_seq_index(user):
    baby, other = BabyFactory(owner=user), BabyFactory(owner=user)
    start = timezone.now() - timedelta(hours=3)
    Feed.objects.bulk_create(
        Feed(baby=b, kind="bottle", started_at=start, change_seq=n)
        for b in (baby, other)
        for n in range(1, 5001)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tracker_feed")
    # A page out of a long range: walk the index in order and stop at the limit.
    for since, count in [(0, 11), (2000, 501)]:
        plan = changes_since(baby.pk, since, count).explain()
        assert "Index Scan using feed_baby_change_seq" in plan
        assert "Sort" not in plan
        assert "Seq Scan" not in plan
    # The tail of the log: only the few rows past the cursor are read.
    tail = changes_since(baby.pk, 4990, 11).explain()
    assert "feed_baby_change_seq" in tail
    assert "Seq Scan" not in tail


def _push_once(user, device, mutations, answers, errors, start):
    try:
        client = token_client(user)
        start.wait(timeout=60)
        answer = push(client, device, mutations)
        answers.append((answer.status_code, [r["status"] for r in answer.json()["results"]]))
    except Exception as error:
        errors.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_a_retry_racing_the_original_push_applies_it_once(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    owner = UserFactory()
    baby = BabyFactory(owner=owner)
    device = uuid.uuid4()
    mutations = [upsert(seq, new_id(), bottle_data(baby)) for seq in range(1, 21)]
    answers, errors, start = [], [], threading.Barrier(3)
    threads = [
        threading.Thread(
            target=_push_once, args=(owner, device, mutations, answers, errors, start)
        )
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    statuses = sorted(statuses for _, statuses in answers)
    assert [code for code, _ in answers] == [200, 200, 200]
    assert statuses == [["applied"] * 20] + [["duplicate"] * 20] * 2
    assert Feed.objects.count() == 20
