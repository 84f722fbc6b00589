"""
One simulated phone for the load test: the PWA's sync behaviour, over HTTP.

Contract: `Phone.run(deadline)` loops until the deadline (monotonic seconds)
and then stops by itself. Like the app it keeps an outbox: every feed it logs
or edits becomes a mutation with the next `seq`; online it pushes the outbox
(≤ 100 mutations a push) and pulls with its cursor, lists feeds and reads the
14-day summary; now and then it goes offline for a few seconds and logs feeds
into the outbox only (an offline burst), and now and then it sends a push
twice (a lost response), which must change nothing. Requests alternate
between the app servers at random, as a load balancer would. Every reply's
status and latency is recorded under its operation's name; a push that fails
keeps its mutations for the next try, so nothing is lost.
"""

import random
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from benchmarks.client import Client
from benchmarks.seed import feed_payload


class Phone:
    def __init__(self, name: str, token: str, baby: str, ports: list[int], seed: int):
        self.name, self.baby = name, baby
        self.clients = [Client(port, token) for port in ports]
        self.random = random.Random(seed)
        self.device_id = str(uuid.uuid4())
        self.next_seq, self.outbox = 1, []
        self.created: list[str] = []
        self.versions: dict[str, int] = {}
        self.cursor: str | None = None
        self.offline_until = 0.0
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[int, int] = defaultdict(int)

    def _call(self, operation: str, method: str, path: str, payload=None):
        reply = self.random.choice(self.clients).request(method, path, payload)
        self.latencies[operation].append(reply.seconds)
        self.statuses[reply.status] += 1
        return reply

    def _enqueue(self, op_id: str, data: dict, base_version: int | None) -> None:
        self.outbox.append(
            {"seq": self.next_seq, "op": "upsert", "entity": "feed", "id": op_id,
             "base_version": base_version, "data": data}
        )  # fmt: skip
        self.next_seq += 1

    def log_feed(self) -> None:
        feed_id = str(uuid.uuid4())
        started = datetime.now(UTC) - timedelta(minutes=self.random.randint(20, 600))
        self._enqueue(feed_id, feed_payload(self.baby, started), None)
        self.created.append(feed_id)

    def edit_feed(self) -> None:
        known = [feed_id for feed_id in self.created if feed_id in self.versions]
        if known:
            feed_id = self.random.choice(known)
            note = f"{self.name} edit {self.next_seq}"
            self._enqueue(feed_id, {"notes": note}, self.versions[feed_id])

    def push(self) -> None:
        while self.outbox:
            batch = self.outbox[:100]
            body = {"device_id": self.device_id, "mutations": batch}
            reply = self._call("push", "POST", "/api/v1/sync/push/", body)
            if reply.status != 200:
                return  # kept in the outbox; the next sync sends the same seqs again
            for result in reply.json()["results"]:
                if result.get("record") and result.get("version"):
                    self.versions[result["record"]["id"]] = result["version"]
            if self.random.random() < 0.1:
                self._call("push (replayed)", "POST", "/api/v1/sync/push/", body)
            del self.outbox[: len(batch)]

    def pull(self) -> None:
        for _ in range(50):  # bounded: a phone never loops forever on has_more
            query = "?limit=500" + (f"&cursor={self.cursor}" if self.cursor else "")
            reply = self._call("pull", "GET", f"/api/v1/sync/pull/{query}")
            if reply.status != 200:
                return
            body = reply.json()
            for change in body["changes"]:
                self.versions[change["id"]] = change["version"]
            self.cursor = body["cursor"]
            if not body["has_more"]:
                return

    def browse(self) -> None:
        if self.random.random() < 0.5:
            self._call("list feeds", "GET", f"/api/v1/feeds/?baby={self.baby}")
        else:
            today = datetime.now(UTC).date()
            path = (
                f"/api/v1/babies/{self.baby}/summary/?from={today - timedelta(days=13)}"
                f"&to={today}&tz=Europe/London"
            )
            self._call("summary", "GET", path)

    def step(self, now: float) -> None:
        if now < self.offline_until:
            self.log_feed()  # offline: only the outbox grows
            return
        roll = self.random.random()
        if roll < 0.08:
            self.offline_until = now + self.random.uniform(3, 10)
            return
        if roll < 0.45:
            self.log_feed()
        elif roll < 0.55:
            self.edit_feed()
        self.push()
        self.pull()
        if roll >= 0.55:
            self.browse()

    def run(self, deadline: float) -> None:
        while (now := time.monotonic()) < deadline:
            self.step(now)
            time.sleep(self.random.uniform(0.3, 1.2))  # a person, not a loop
        self.offline_until = 0.0
        self.push()
        self.pull()
        for client in self.clients:
            client.close()
