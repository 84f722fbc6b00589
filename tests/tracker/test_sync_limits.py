"""The push envelope's limits and checks, and the query budgets of push and pull."""

import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import BabyFactory, FeedFactory
from tests.tracker.sync_client import PUSH_URL, bottle_data, new_id, pull, push, upsert
from tracker.models import Feed, SyncDevice

pytestmark = pytest.mark.django_db


def test_push_of_more_than_100_mutations_answers_413_naming_mutations(auth_client, baby):
    mutations = [upsert(seq, new_id(), bottle_data(baby)) for seq in range(1, 102)]
    response = push(auth_client, uuid.uuid4(), mutations)
    assert response.status_code == 413
    assert "At most 100 mutations" in response.json()["mutations"][0]
    assert not Feed.objects.exists()


def test_push_of_exactly_100_mutations_is_accepted(auth_client, baby):
    mutations = [upsert(seq, new_id(), bottle_data(baby)) for seq in range(1, 101)]
    assert push(auth_client, uuid.uuid4(), mutations).json()["last_seq"] == 100


def test_push_body_over_256_kib_answers_413_and_stores_nothing(auth_client, baby):
    notes = "milk " * 600  # 3000 characters: a long note, many times over
    mutations = [upsert(seq, new_id(), bottle_data(baby, notes=notes)) for seq in range(1, 91)]
    response = push(auth_client, uuid.uuid4(), mutations)
    assert response.status_code == 413
    assert "256 KiB" in response.json()["detail"]
    assert not Feed.objects.exists()
    assert not SyncDevice.objects.exists()


def test_declared_length_over_256_kib_answers_413_before_reading_the_body(auth_client):
    body = json.dumps({"device_id": str(uuid.uuid4()), "mutations": []})
    response = auth_client.generic(
        "POST", PUSH_URL, body, "application/json", CONTENT_LENGTH=str(300 * 1024)
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("envelope", "field"),
    [
        ({"device_id": "phone-1", "mutations": []}, "device_id"),
        ({"device_id": str(uuid.uuid4())}, "mutations"),
        ({"device_id": str(uuid.uuid4()), "mutations": {"seq": 1}}, "mutations"),
    ],
)
def test_malformed_envelope_answers_400_naming_the_field(auth_client, envelope, field):
    response = auth_client.post(PUSH_URL, envelope, format="json")
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"op": "patch"}, "op"),
        ({"entity": "baby"}, "entity"),
        ({"id": "feed-7"}, "id"),
        ({"seq": 0}, "seq"),
        ({"data": ["kind", "bottle"]}, "data"),
        ({"base_version": "seven"}, "base_version"),
    ],
)
def test_malformed_mutation_answers_400_naming_its_field_and_applies_nothing(
    auth_client, baby, change, field
):
    good = upsert(1, new_id(), bottle_data(baby))
    response = push(auth_client, uuid.uuid4(), [good, {**upsert(2, new_id(), {}), **change}])
    assert response.status_code == 400
    # DRF keys the errors of a list's items by their index.
    assert field in response.json()["mutations"]["1"]
    assert not Feed.objects.exists()


def test_body_that_is_not_json_answers_400(auth_client):
    response = auth_client.generic("POST", PUSH_URL, "{not json", "application/json")
    assert response.status_code == 400


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def test_push_of_100_new_feeds_costs_a_few_queries_each(auth_client, baby):
    device = uuid.uuid4()
    push(auth_client, device, [upsert(1, new_id(), bottle_data(baby))])
    mutations = [upsert(seq, new_id(), bottle_data(baby)) for seq in range(2, 102)]
    count = _queries(lambda: push(auth_client, device, mutations))
    # Per create, only the write path's own 7 (existence, baby, write seq
    # taken and read, insert, savepoint and release); per push about 10: auth,
    # device lock, one prefetch of the ids, the baby locks, all receipts in one
    # insert, the device's last_seq.
    assert count <= 7 * 100 + 10


def test_replayed_push_of_100_costs_the_same_few_queries_as_one(auth_client, baby):
    device = uuid.uuid4()
    mutations = [upsert(seq, new_id(), bottle_data(baby)) for seq in range(1, 101)]
    push(auth_client, device, mutations)
    assert _queries(lambda: push(auth_client, device, mutations)) <= 6


def test_pull_of_10_changes_costs_the_same_whatever_the_log_size(auth_client, user):
    baby = BabyFactory(owner=user)
    FeedFactory.create_batch(12, baby=baby)
    small = _queries(lambda: pull(auth_client, limit=10))
    FeedFactory.create_batch(150, baby=baby)
    large = _queries(lambda: pull(auth_client, limit=10))
    assert small == large <= 4
