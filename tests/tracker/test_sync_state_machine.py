"""
Proof by search: three offline devices, flaky networks, replays, against the real endpoints.

An owner's two phones and a partner's phone share two babies. Hypothesis drives
them through any interleaving of local creates, edits and deletes, pushes
whose request or response is lost, replays of old pushes (whole or partial),
pushes with a gap, and pulls with random page sizes. After every device has
synced fully:

- every device's store equals the server's live feeds, each id once;
- no acknowledged write is lost: every field holds the value of its latest
  write, and a write that replaced another device's value reported it as a
  conflict with that value in ``overwritten``; deleted feeds stay deleted;
- versions and cursors only move forward, and no pulled change comes twice.

Examples: ``LETDOWN_SYNC_EXAMPLES`` (default 150), steps per example
``LETDOWN_SYNC_STEPS`` (default 20). Each example runs in a savepoint that is
rolled back, so it starts from an empty database.
"""

import os
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.tracker.sync_devices import TRACKED, Device
from tracker.models import Baby, Caregiver, Feed, Role, SyncDevice
from tracker.serializers import FeedSerializer

EXAMPLES = int(os.environ.get("LETDOWN_SYNC_EXAMPLES", "150"))
STEPS = int(os.environ.get("LETDOWN_SYNC_STEPS", "20"))

notes = st.sampled_from(["", "sleepy", "fussy", "good latch"])
letdowns = st.integers(0, 3) | st.just(25)  # 25 is invalid: the mutation is rejected
amounts = st.integers(0, 200)
devices = st.integers(0, 2)
picks = st.integers(0, 10**6)
edits = st.fixed_dictionaries(
    {}, optional={"notes": notes, "letdown_count": letdowns, "amount_ml": amounts}
).filter(bool)

# One API client per simulated device for the whole run: a new client loads
# the middleware again (WhiteNoise scans the static files), a second each time.
_CLIENTS: dict[int, APIClient] = {}


def _client(index: int, user) -> APIClient:
    client = _CLIENTS.setdefault(index, APIClient())
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


class SyncMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        cache.clear()  # throttle counters
        users = [get_user_model().objects.create(username=f"u{uuid.uuid4().hex}") for _ in "ab"]
        # Two babies, so pages also cross from one baby's changes to the other's.
        self.babies = [Baby.objects.create(name=name) for name in ("Robin", "Kit")]
        for baby in self.babies:
            Caregiver.objects.create(baby=baby, user=users[0], role=Role.OWNER)
            Caregiver.objects.create(baby=baby, user=users[1], role=Role.CAREGIVER)
        self.devices = [
            Device(name, _client(index, user))
            for index, (name, user) in enumerate(
                [
                    ("owner phone", users[0]),
                    ("owner tablet", users[0]),
                    ("partner phone", users[1]),
                ]
            )
        ]
        self.start = (timezone.now() - timedelta(days=1)).replace(microsecond=0)
        # What the server said it did, by (device index, seq): the first answer.
        self.answers: dict[tuple[int, int], dict] = {}

    def teardown(self):
        try:
            self.sync_everything_and_check()
        finally:
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)

    # Local changes ---------------------------------------------------------
    @rule(
        device=devices,
        baby=st.integers(0, 1),
        note=notes,
        letdown_count=st.integers(0, 3),
        amount=amounts,
    )
    def create(self, device, baby, note, letdown_count, amount):
        data = {
            "baby": str(self.babies[baby].pk),
            "kind": "bottle",
            "started_at": self.start.isoformat(),
            "ended_at": (self.start + timedelta(minutes=15)).isoformat(),
            "milk_type": "formula",
            "notes": note,
            "letdown_count": letdown_count,
            "amount_ml": amount,
        }
        self.devices[device].queue(
            {"op": "upsert", "id": str(uuid.uuid4()), "base_version": None, "data": data}
        )

    @precondition(lambda self: any(d.store for d in self.devices))
    @rule(device=devices, pick=picks, change=edits)
    def edit(self, device, pick, change):
        phone = self.devices[device]
        if phone.store:
            feed_id = sorted(phone.store)[pick % len(phone.store)]
            base = phone.base_version(feed_id)
            phone.queue({"op": "upsert", "id": feed_id, "base_version": base, "data": change})

    @precondition(lambda self: any(d.store for d in self.devices))
    @rule(device=devices, pick=picks)
    def delete(self, device, pick):
        phone = self.devices[device]
        if phone.store:
            feed_id = sorted(phone.store)[pick % len(phone.store)]
            base = phone.base_version(feed_id)
            phone.queue({"op": "delete", "id": feed_id, "base_version": base, "data": None})

    # The network -----------------------------------------------------------
    @rule(
        device=devices, count=st.integers(1, 5), lost=st.sampled_from(["", "request", "response"])
    )
    def push(self, device, count, lost):
        phone = self.devices[device]
        mutations = phone.outbox[:count]
        if not mutations or lost == "request":
            return
        results = self._send(device, mutations)
        if lost != "response":
            phone.take_results(results)

    @rule(device=devices, back=st.integers(1, 4), count=st.integers(0, 3))
    def replay(self, device, back, count):
        """Old pushes again, alone or followed by new mutations (a partial replay)."""
        phone = self.devices[device]
        first_new = phone.outbox[0]["seq"] if phone.outbox else phone.next_seq
        old = [phone.history[s] for s in range(max(1, first_new - back), first_new)]
        results = self._send(device, old + phone.outbox[:count])
        assert [r["status"] for r in results[: len(old)]] == ["duplicate"] * len(old)
        phone.take_results(results)

    @precondition(lambda self: any(len(d.outbox) > 1 for d in self.devices))
    @rule(device=devices)
    def push_with_a_gap(self, device):
        phone = self.devices[device]
        if len(phone.outbox) < 2:
            return
        last_seq = SyncDevice.objects.filter(pk=phone.id).values_list("last_seq", flat=True)
        last_seq = last_seq.first() or 0
        if phone.outbox[1]["seq"] <= last_seq + 1:
            return  # the first one was applied already (its answer was lost): no gap
        before = sorted(Feed.objects.values_list("id", "version"))
        response = phone.send(phone.outbox[1:])
        assert response.status_code == 409
        assert response.json()["last_seq"] == last_seq
        assert sorted(Feed.objects.values_list("id", "version")) == before

    @rule(device=devices, limit=st.integers(1, 6))
    def pull(self, device, limit):
        phone = self.devices[device]
        response = phone.fetch(limit)
        assert response.status_code == 200
        page = response.json()
        assert sorted(b["id"] for b in page["babies"]) == sorted(str(b.pk) for b in self.babies)
        ids = [c["id"] for c in page["changes"]]
        assert len(ids) == len(set(ids))
        phone.take_page(page)

    def _send(self, device, mutations):
        response = self.devices[device].send(mutations)
        assert response.status_code == 200, response.content
        results = response.json()["results"]
        assert [r["seq"] for r in results] == [m["seq"] for m in mutations]
        self._remember(device, results)
        return results

    def _remember(self, device, results):
        for result in results:
            key = (device, result["seq"])
            if result["status"] == "duplicate":
                first = self.answers[key]
                assert result["original_status"] == first["status"]
                assert (result["errors"], result["codes"]) == (first["errors"], first["codes"])
                # The feed as it stands now, never older than the first answer's
                # (a phone would otherwise store a feed deleted meanwhile again).
                if result["record"] is not None and first["record"] is not None:
                    assert result["version"] >= first["version"]
            else:
                assert key not in self.answers, f"seq {key} was processed twice"
                self.answers[key] = result

    @invariant()
    def outbox_seqs_are_consecutive(self):
        for phone in self.devices:
            seqs = [m["seq"] for m in phone.outbox]
            assert seqs == list(range(seqs[0], seqs[0] + len(seqs)) if seqs else [])

    # The proof -------------------------------------------------------------
    def sync_everything_and_check(self):
        for index, phone in enumerate(self.devices):
            while phone.outbox:
                phone.take_results(self._send(index, phone.outbox[:100]))
        for phone in self.devices:
            while True:
                page = phone.fetch(500).json()
                phone.take_page(page)
                if not page["has_more"]:
                    break
        live = {
            str(feed.pk): FeedSerializer.render(feed)
            for feed in Feed.objects.live().filter(baby__in=self.babies)
        }
        for phone in self.devices:
            stored = {
                i: {k: v for k, v in r.items() if k != "deleted"} for i, r in phone.store.items()
            }
            assert stored == live, f"{phone.name} differs from the server"
        self._check_no_write_lost(live)

    def _check_no_write_lost(self, live):
        """Replay the answers in version order: the latest write of each field must hold."""
        writes: dict[str, list[tuple[int, dict, dict]]] = {}
        deleted = set()
        for (device, seq), answer in self.answers.items():
            mutation = self.devices[device].history[seq]
            if mutation["op"] == "delete" and answer["status"] == "applied":
                deleted.add(mutation["id"])
            elif answer["status"] in ("applied", "conflict") and not answer["record"]["deleted"]:
                written = {f: mutation["data"][f] for f in TRACKED if f in mutation["data"]}
                entry = (answer["version"], written, answer.get("overwritten", {}))
                writes.setdefault(mutation["id"], []).append(entry)
        assert not deleted & set(live), "a deleted feed came back"
        for feed_id, entries in writes.items():
            if feed_id in deleted:
                continue
            current: dict = {}
            for _version, written, overwritten in sorted(entries, key=lambda e: e[0]):
                for name, value in overwritten.items():
                    assert value == current[name], f"{feed_id}: overwritten {name} misreported"
                current.update(written)
            assert {f: live[feed_id][f] for f in current} == current
            assert live[feed_id]["version"] == max(e[0] for e in entries)


@pytest.mark.django_db
def test_devices_converge_and_lose_no_acknowledged_write():
    run_state_machine_as_test(
        SyncMachine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
