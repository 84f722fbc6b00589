"""A simulated offline device for the sync state machine: a local store and an outbox.

It behaves as docs/sync.md asks a client to: edits apply to the local store at
once and queue a mutation; a result or a pulled change replaces the stored
record, and the still-queued edits of that feed are applied again on top.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from tests.tracker.sync_client import PULL_URL, PUSH_URL
from tracker.sync_pull import read_sealed_cursor

TRACKED = ("notes", "letdown_count", "amount_ml")


@dataclass
class Device:
    name: str
    client: Any
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    store: dict[str, dict] = field(default_factory=dict)
    outbox: list[dict] = field(default_factory=list)
    next_seq: int = 1
    cursor: str | None = None
    positions: dict[str, int] = field(default_factory=dict)
    # The newest record the server gave per feed, and every (id, version) pulled.
    server: dict[str, dict] = field(default_factory=dict)
    pulled: set[tuple[str, int]] = field(default_factory=set)
    # Every mutation ever queued, by seq, for replays.
    history: dict[int, dict] = field(default_factory=dict)

    # Local changes -------------------------------------------------------
    def queue(self, mutation: dict) -> None:
        mutation = {**mutation, "seq": self.next_seq, "entity": "feed"}
        self.next_seq += 1
        self.outbox.append(mutation)
        self.history[mutation["seq"]] = mutation
        self._apply_locally(mutation)

    def base_version(self, feed_id: str) -> int | None:
        return self.store[feed_id].get("version")

    def _apply_locally(self, mutation: dict) -> None:
        feed_id = mutation["id"]
        if mutation["op"] == "delete":
            self.store.pop(feed_id, None)
        elif feed_id in self.store:
            self.store[feed_id] = {**self.store[feed_id], **mutation["data"]}
        elif mutation["base_version"] is None:
            self.store[feed_id] = {**mutation["data"], "id": feed_id, "version": None}

    # Talking to the server ------------------------------------------------
    def send(self, mutations: list[dict]):
        body = {"device_id": str(self.id), "mutations": mutations}
        return self.client.post(PUSH_URL, body, format="json")

    def fetch(self, limit: int):
        params = {"limit": limit, **({"cursor": self.cursor} if self.cursor else {})}
        return self.client.get(PULL_URL, params)

    # Taking answers in ----------------------------------------------------
    def take_results(self, results: list[dict]) -> None:
        done = {r["seq"] for r in results}
        self.outbox = [m for m in self.outbox if m["seq"] not in done]
        for result in results:
            feed_id = self.history[result["seq"]]["id"]
            # A duplicate's record is the feed as it stands now: never older than
            # anything this device was given before.
            self.take_record(feed_id, result["record"])

    def take_page(self, page: dict) -> None:
        for change in page["changes"]:
            key = (change["id"], change["version"])
            assert key not in self.pulled, f"{self.name} was given {key} twice"
            self.pulled.add(key)
            self.take_record(change["id"], change)
        positions = read_sealed_cursor(page["cursor"])[1]
        for baby, seq in positions.items():
            assert seq >= self.positions.get(baby, 0), "a cursor moved backwards"
            self.positions[baby] = seq
        self.cursor = page["cursor"]

    def take_record(self, feed_id: str, record: dict | None) -> None:
        """The server's word on a feed, then this device's queued changes on top."""
        known = self.server.get(feed_id)
        if record is not None and known is not None:
            assert record["version"] >= known["version"], (
                f"{feed_id} went back from {known['version']} to {record['version']}"
            )
        if record is not None:
            self.server[feed_id] = record
        self.store.pop(feed_id, None)
        if feed_id in self.server and not self.server[feed_id]["deleted"]:
            self.store[feed_id] = dict(self.server[feed_id])
        for pending in self.outbox:
            if pending["id"] == feed_id:
                self._apply_locally(pending)
