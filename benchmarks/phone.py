"""
One simulated phone for the load test: the PWA's own traffic, over HTTP.

Contract: `Phone.run(deadline)` loops until the deadline (monotonic seconds)
and then stops by itself. It sends what the app in frontend/static/frontend/js/
tracker sends, and nothing it does not:

- signed in with the Django session cookie (`X-CSRFToken` on unsafe methods,
  api.js), not a token; opening the app is `GET /api/v1/auth/session/` and a
  sync;
- every local change is queued in an outbox exactly as outbox.js does: a feed
  the server never acknowledged carries every writable field, an edit only the
  fields it changed, and an edit folds into the last mutation not yet sent;
- a sync (sync.js) pushes only when something waits (≤ 100 mutations a push),
  then pulls from its cursor with `limit=500` until `has_more` is false; it runs
  after every change and every `poll_seconds` while the app is open (30 s);
- the changes are a parent's: a breastfeed timer (start, switch sides, let-down
  taps, stop: one mutation per tap), a bottle logged afterwards, a note added
  to a past feed;
- now and then the phone goes offline for a few seconds and only its outbox
  grows, and now and then a push is sent twice (a lost response), which must
  change nothing.

Requests alternate between the app servers at random, as a load balancer
would. Every reply's status and latency is recorded under its operation's
name; a push that fails keeps its mutations (marked sent, so never changed
again) for the next try, so nothing is lost.
"""

import random
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from benchmarks.client import Client
from benchmarks.seed import iso

WRITABLE = (
    "baby", "kind", "started_at", "ended_at", "segments", "letdown_count", "letdowns",
    "signs", "left_ml", "right_ml", "amount_ml", "milk_type", "notes",
)  # fmt: skip
SESSION, PUSH, PULL = "/api/v1/auth/session/", "/api/v1/sync/push/", "/api/v1/sync/pull/"


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def new_feed(baby: str, **values) -> dict:
    """A feed as the app builds it: every writable field, empty unless given."""
    feed = dict.fromkeys(WRITABLE)
    feed.update(baby=baby, segments=[], letdowns=[], signs=[], letdown_count=0, notes="")
    feed.update(values)
    return feed


class Phone:
    def __init__(
        self,
        name: str,
        session: tuple[str, str],
        baby: str,
        ports: list[int],
        seed: int,
        poll_seconds: float = 30.0,
    ):
        self.name, self.baby, self.poll_seconds = name, baby, poll_seconds
        sessionid, csrf = session
        self.clients = [
            Client(port, cookies={"sessionid": sessionid, "csrftoken": csrf}) for port in ports
        ]
        self.random = random.Random(seed)
        self.device_id = str(uuid.uuid4())
        self.next_seq, self.outbox = 1, []
        self.feeds: dict[str, dict] = {}  # this phone's view of its own feeds
        self.created: list[str] = []
        self.versions: dict[str, int] = {}
        self.running: str | None = None
        self.cursor: str | None = None
        self.offline_until = 0.0
        self.next_poll = 0.0
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[int, int] = defaultdict(int)

    def _call(self, operation: str, method: str, path: str, payload=None):
        reply = self.random.choice(self.clients).request(method, path, payload)
        self.latencies[operation].append(reply.seconds)
        self.statuses[reply.status] += 1
        return reply

    # The outbox (outbox.js enqueueUpsert)

    def _save(self, feed_id: str, **changes) -> None:
        feed = self.feeds[feed_id]
        feed.update(changes)
        acknowledged = feed_id in self.versions
        data = {name: feed[name] for name in (changes if acknowledged else WRITABLE)}
        queued = [m for m in self.outbox if m["id"] == feed_id]
        if queued and not queued[-1]["sent"]:
            queued[-1]["data"].update(data)
            return
        self.outbox.append(
            {"seq": self.next_seq, "op": "upsert", "entity": "feed", "id": feed_id,
             "base_version": self.versions.get(feed_id), "data": data, "sent": False}
        )  # fmt: skip
        self.next_seq += 1

    def _create(self, **values) -> str:
        feed_id = str(uuid.uuid4())
        self.feeds[feed_id] = new_feed(self.baby, **values)
        self.created.append(feed_id)
        self._save(feed_id)
        return feed_id

    # What a parent does

    def start_feed(self) -> None:
        now = iso(_now())
        side = self.random.choice(["left", "right"])
        segment = {"side": side, "started_at": now, "ended_at": None}
        self.running = self._create(kind="breast", started_at=now, segments=[segment])

    def switch_side(self) -> None:
        feed, now = self.feeds[self.running], iso(_now())
        segments = [dict(s) for s in feed["segments"]]
        segments[-1]["ended_at"] = now
        side = "right" if segments[-1]["side"] == "left" else "left"
        segments.append({"side": side, "started_at": now, "ended_at": None})
        self._save(self.running, segments=segments)

    def tap_letdown(self) -> None:
        feed = self.feeds[self.running]
        if len(feed["letdowns"]) >= 5:
            return
        letdowns = [*feed["letdowns"], {"at": iso(_now()), "ml": None}]
        self._save(self.running, letdowns=letdowns, letdown_count=len(letdowns))

    def stop_feed(self) -> None:
        feed, now = self.feeds[self.running], iso(_now())
        segments = [dict(s) for s in feed["segments"]]
        segments[-1]["ended_at"] = now
        self._save(self.running, ended_at=now, segments=segments, signs=["swallowing"])
        self.running = None

    def log_bottle(self) -> None:
        started = _now() - timedelta(minutes=self.random.randint(20, 600))
        self._create(
            kind="bottle", started_at=iso(started), ended_at=iso(started + timedelta(minutes=10)),
            amount_ml=str(self.random.choice([60, 90, 120])), milk_type="breast_milk",
        )  # fmt: skip

    def add_note(self) -> None:
        done = [i for i in self.created if i in self.versions and i != self.running]
        if done:
            self._save(self.random.choice(done), notes=f"{self.name} note {self.next_seq}")

    def act(self) -> None:
        roll = self.random.random()
        if self.running is None:
            if roll < 0.6:
                self.start_feed()
            elif roll < 0.8:
                self.log_bottle()
            else:
                self.add_note()
        elif roll < 0.35:
            self.switch_side()
        elif roll < 0.6:
            self.tap_letdown()
        else:
            self.stop_feed()

    # Sync (sync.js runSync: push when something waits, then pull)

    def push(self) -> bool:
        while self.outbox:
            batch = self.outbox[:100]
            for mutation in batch:
                mutation["sent"] = True  # from now on byte-for-byte the same
            wire = [{k: v for k, v in m.items() if k != "sent"} for m in batch]
            body = {"device_id": self.device_id, "mutations": wire}
            reply = self._call("push", "POST", PUSH, body)
            if reply.status != 200:
                return False  # kept in the outbox; the next sync sends the same seqs again
            for result in reply.json()["results"]:
                if result.get("record") and result.get("version"):
                    self.versions[result["record"]["id"]] = result["version"]
            if self.random.random() < 0.1:
                self._call("push (replayed)", "POST", PUSH, body)
            del self.outbox[: len(batch)]
        return True

    def pull(self) -> None:
        for _ in range(50):  # bounded: a phone never loops forever on has_more
            query = "?limit=500" + (f"&cursor={self.cursor}" if self.cursor else "")
            reply = self._call("pull", "GET", f"{PULL}{query}")
            if reply.status != 200:
                return
            body = reply.json()
            for change in body["changes"]:
                self.versions[change["id"]] = change["version"]
            self.cursor = body["cursor"]
            if not body["has_more"]:
                return

    def sync(self, now: float) -> None:
        self.next_poll = now + self.poll_seconds
        if self.push():
            self.pull()

    def open_app(self) -> None:
        self._call("session", "GET", SESSION)
        self.sync(time.monotonic())

    def step(self, now: float) -> None:
        if now < self.offline_until:
            self.act()  # offline: only the outbox grows
            return
        roll = self.random.random()
        if roll < 0.05:
            self.offline_until = now + self.random.uniform(3, 10)
        elif roll < 0.6:
            self.act()
            self.sync(now)
        elif now >= self.next_poll:
            self.sync(now)

    def run(self, deadline: float) -> None:
        self.open_app()
        while (now := time.monotonic()) < deadline:
            self.step(now)
            time.sleep(self.random.uniform(0.3, 1.2))  # a person, not a loop
        self.offline_until = 0.0
        if self.running:
            self.stop_feed()
        self.sync(time.monotonic())
        for client in self.clients:
            client.close()
