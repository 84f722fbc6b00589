"""
The benchmark cases, measured over HTTP against a running server.

Contract: `measure(world, port, samples)` returns {case name: summary} where a
summary holds `n`, `p50_ms`, `p99_ms` (benchmarks/client.py), and `ratios(results)`
turns them into the comparisons the issue asks for, all from the same run:
each endpoint against the bare JSON view (the floor); a create at 50k rows
against one on an empty log; a push of 100 against 100 single creates; a pull
of 10 changes at 100k rows against one at 1k.
"""

import uuid
from datetime import UTC, datetime, timedelta

from benchmarks.client import Client, summary
from benchmarks.seed import feed_payload

FLOOR = "/bench/floor/"


def expect(condition: bool, message: str) -> None:
    """A benchmark that measured the wrong thing must stop, not print a number."""
    if not condition:
        raise RuntimeError(message)


def _timed(
    client: Client, samples: int, method: str, path_for, payload_for=None, floor: bool = True
) -> dict:
    """p50/p99 of `samples` requests; with `floor`, each is preceded by one request to the
    bare view, so the case and its floor are measured in the same moments (a shared
    machine's load drifts; interleaving keeps the ratio honest)."""
    floor_client = Client(client.port) if floor else None
    seconds, floor_seconds = [], []
    for n in range(samples):
        if floor_client:
            floor_seconds.append(floor_client.get(FLOOR).seconds)
        payload = payload_for(n) if payload_for else None
        reply = client.request(method, path_for(n), payload)
        expect(
            reply.status < 400,
            f"{method} {path_for(n)} answered {reply.status}: {reply.body[:300]!r}",
        )
        seconds.append(reply.seconds)
    result = summary(seconds)
    if floor_client:
        result["floor_p50_ms"] = summary(floor_seconds)["p50_ms"]
        floor_client.close()
    return result


def _fresh_start(n: int, offset_days: int) -> datetime:
    # Distinct recent times, so created feeds are valid and never identical.
    base = datetime.now(UTC) - timedelta(days=offset_days, hours=2)
    return base - timedelta(minutes=20 * n)


def pull_to_head(client: Client) -> tuple[str, int, float]:
    """Follow pull pages from no cursor to the end: (cursor, rows, seconds)."""
    cursor, rows, seconds, path = None, 0, 0.0, "/api/v1/sync/pull/?limit=1000"
    while True:
        reply = client.get(path if cursor is None else f"{path}&cursor={cursor}")
        body = reply.json()
        cursor, rows, seconds = (
            body["cursor"],
            rows + len(body["changes"]),
            seconds + reply.seconds,
        )
        if not body["has_more"]:
            return cursor, rows, seconds


def _pull_ten_changes(world: dict, port: int, who: str, samples: int) -> tuple[dict, dict]:
    client = Client(port, world[who]["token"])
    cursor, rows, seconds = pull_to_head(client)
    for feed_id in world[who]["recent_ids"][:10]:
        reply = client.request("PATCH", f"/api/v1/feeds/{feed_id}/", {"notes": "changed"})
        expect(reply.status == 200, f"PATCH answered {reply.status}: {reply.body[:300]!r}")
    timed = _timed(client, samples, "GET", lambda n: f"/api/v1/sync/pull/?cursor={cursor}")
    check = client.get(f"/api/v1/sync/pull/?cursor={cursor}").json()
    expect(len(check["changes"]) == 10, f"pull returned {len(check['changes'])} changes, not 10")
    return timed, {"n": 1, "p50_ms": seconds * 1000, "p99_ms": seconds * 1000, "rows": rows}


def _push_vs_singles(world: dict, port: int, rounds: int) -> dict:
    client = Client(port, world["empty"]["token"])
    baby = world["empty"]["baby"]
    push_seconds, single_seconds = [], []
    for r in range(rounds):
        starts = [_fresh_start(n, 30 + r) for n in range(100)]
        mutations = [
            {"seq": n + 1, "op": "upsert", "entity": "feed", "id": str(uuid.uuid4()),
             "base_version": None, "data": feed_payload(baby, start)}
            for n, start in enumerate(starts)
        ]  # fmt: skip
        reply = client.post(
            "/api/v1/sync/push/", {"device_id": str(uuid.uuid4()), "mutations": mutations}
        )
        applied = reply.status == 200 and all(
            result["status"] == "applied" for result in reply.json()["results"]
        )
        expect(applied, f"push answered {reply.status}: {reply.body[:500]!r}")
        push_seconds.append(reply.seconds)
        total = 0.0
        for n in range(100):
            single = client.post("/api/v1/feeds/", feed_payload(baby, _fresh_start(n, 60 + r)))
            expect(single.status == 201, f"POST answered {single.status}: {single.body[:300]!r}")
            total += single.seconds
        single_seconds.append(total)
    return {"push of 100": summary(push_seconds), "100 single creates": summary(single_seconds)}


def _reads(world: dict, port: int, samples: int) -> dict:
    big = world["50k"]
    client = Client(port, big["token"])
    baby = big["baby"]
    today = datetime.now(UTC).date()
    summary_path = (
        f"/api/v1/babies/{baby}/summary/?from={today - timedelta(days=13)}&to={today}"
        "&tz=Europe/Berlin"
    )
    detail = big["recent_ids"][0]
    anonymous = Client(port)
    return {
        "floor (bare JSON view)": _timed(anonymous, samples, "GET", lambda n: FLOOR, floor=False),
        "GET /healthz": _timed(anonymous, samples, "GET", lambda n: "/healthz"),
        "GET app shell /": _timed(anonymous, samples, "GET", lambda n: "/"),
        "GET articles list": _timed(anonymous, samples, "GET", lambda n: "/api/v1/articles/"),
        "GET feeds list (50k rows)": _timed(
            client, samples, "GET", lambda n: f"/api/v1/feeds/?baby={baby}"
        ),
        "GET feed detail": _timed(client, samples, "GET", lambda n: f"/api/v1/feeds/{detail}/"),
        "GET 14-day summary (50k rows)": _timed(client, samples, "GET", lambda n: summary_path),
        "GET babies list": _timed(client, samples, "GET", lambda n: "/api/v1/babies/"),
    }


def _creates(world: dict, port: int, samples: int) -> dict:
    results = {}
    for who, label in (("empty", "POST feed (empty log)"), ("50k", "POST feed (50k rows)")):
        client, baby = Client(port, world[who]["token"]), world[who]["baby"]
        results[label] = _timed(
            client, samples, "POST", lambda n: "/api/v1/feeds/",
            lambda n, baby=baby: feed_payload(baby, _fresh_start(n, 1)),
        )  # fmt: skip
    return results


def measure(world: dict, port: int, samples: int, push_rounds: int) -> dict:
    results = _reads(world, port, samples)
    results.update(_creates(world, port, samples))
    for who in ("1k", "100k"):
        timed, initial = _pull_ten_changes(world, port, who, samples)
        results[f"pull 10 changes ({who} rows)"] = timed
        results[f"initial pull, all {who} rows (pages of 1000)"] = initial
    results.update(_push_vs_singles(world, port, push_rounds))
    return results


def ratios(results: dict) -> dict[str, float]:
    def p50(name: str) -> float:
        return results[name]["p50_ms"]

    def against_floor(name: str) -> float:
        # The floor measured in the same window as the case, else the floor case's own.
        floor = results[name].get("floor_p50_ms") or p50("floor (bare JSON view)")
        return p50(name) / floor

    # Per-request cases against the floor; the totals (initial pull, 100 creates) are not.
    skipped = ("floor", "initial pull", "100 single creates", "push of 100")
    out = {
        f"{name} / floor": against_floor(name) for name in results if not name.startswith(skipped)
    }
    # Scale comparisons divide floor-normalised costs, so load drifting between the two
    # windows (a shared machine) does not masquerade as a difference.
    out["create at 50k rows / create on empty log"] = against_floor(
        "POST feed (50k rows)"
    ) / against_floor("POST feed (empty log)")
    out["100 single creates / one push of 100"] = p50("100 single creates") / p50("push of 100")
    out["pull of 10 changes at 100k rows / at 1k rows"] = against_floor(
        "pull 10 changes (100k rows)"
    ) / against_floor("pull 10 changes (1k rows)")
    return out
