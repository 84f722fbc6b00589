"""
`python -m benchmarks.load`: the load test. Two app servers, one database.

Contract: starts two gunicorn servers on different loopback ports, sharing
one PostgreSQL database and one Redis cache (the app keeps no state of its
own), seeds `--phones / 2` families (two phones each, one shared baby with a
feed history), runs every phone (benchmarks/phone.py) in its own thread for
`--seconds`, then checks, straight in the database and through a fresh pull:

- every feed each phone created is on the server exactly once, on its baby,
  and no feed appeared that no phone created;
- no response was a 5xx, except 503s while the database was away
  (`--restart-postgres-at`), and every phone's outbox drained: the phones
  retried those.

`--private-postgres PORT` runs the test on a throwaway PostgreSQL cluster of
its own (benchmarks/private_postgres.py), never the machine's; with it,
`--restart-postgres-at SECONDS` stops that cluster that far into the run
(fast mode: open connections are cut), keeps it down `--postgres-down`
seconds and starts it again.

It prints throughput and p50/p99 per operation and writes the `load` section
of docs/performance.md (unless `--no-write`). Exit status 1 when a check fails.
Bounded: the phones stop at the deadline; the servers are stopped on exit.
"""

import argparse
import os
import sys
import threading
import time

from benchmarks.client import Client, summary
from benchmarks.server import DEFAULT_DATABASE_URL, ROOT, AppServers, server_environment

HISTORY = 500  # feeds each baby already has when the test starts


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--ports", default="8771,8772")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL.replace("_bench", "_load"))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--private-postgres", type=int, metavar="PORT", default=None)
    parser.add_argument("--restart-postgres-at", type=float, metavar="SECONDS", default=None)
    parser.add_argument("--postgres-down", type=float, metavar="SECONDS", default=5.0)
    return parser.parse_args(argv)


def seed_families(phones: int, ports: list[int]) -> list:
    from django.core.management import call_command

    from benchmarks.phone import Phone
    from benchmarks.seed import account, baby_for, browser_session, bulk_feeds

    call_command("flush", "--noinput", verbosity=0)
    devices = []
    for family in range(phones // 2):
        (owner, owner_token), (partner, _) = (account(f"load-{family}-{n}") for n in "ab")
        baby = baby_for(owner, partner, name=f"Baby {family}")
        bulk_feeds(baby, owner, HISTORY)
        for n, user in enumerate((owner, partner)):
            name, seed = f"{family}{'ab'[n]}", family * 2 + n
            phone = Phone(name, browser_session(user), str(baby.pk), ports, seed)
            # Only the checks afterwards use a token (a fresh device of the owner).
            phone.check_token = owner_token
            devices.append(phone)
    return devices


def run_phones(phones: list, seconds: float) -> float:
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    threads = [threading.Thread(target=phone.run, args=(deadline,)) for phone in phones]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return time.monotonic() - started


def verify(phones: list, port: int) -> list[str]:
    """Problems found; empty when every created feed is stored exactly once."""
    from tracker.models import Feed

    problems, by_baby = [], {}
    for phone in phones:
        if phone.outbox:
            problems.append(f"phone {phone.name} still has {len(phone.outbox)} unsent mutations")
        by_baby.setdefault(phone.baby, set()).update(phone.created)
    for baby, created in by_baby.items():
        stored = Feed.objects.filter(baby_id=baby)
        missing = created - {
            str(pk) for pk in stored.filter(pk__in=created).values_list("pk", flat=True)
        }
        if missing:
            problems.append(f"baby {baby}: {len(missing)} created feeds are not stored")
        if stored.count() != HISTORY + len(created):
            problems.append(
                f"baby {baby}: {stored.count()} feeds, expected {HISTORY + len(created)}"
            )
    first_phones = {phone.baby: phone for phone in phones}
    for baby, created in by_baby.items():
        problems += _verify_by_fresh_pull(first_phones[baby], port, created)
    return problems


def _verify_by_fresh_pull(phone, port: int, created: set[str]) -> list[str]:
    """A new device of the same account pulls everything: each feed arrives exactly once."""
    client = Client(port, phone.check_token)
    seen: list[str] = []
    cursor = None
    for _ in range(100):
        query = "?limit=1000" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(f"/api/v1/sync/pull/{query}").json()
        seen += [change["id"] for change in body["changes"]]
        cursor = body["cursor"]
        if not body["has_more"]:
            break
    client.close()
    problems = []
    if len(seen) != len(set(seen)):
        problems.append(
            f"baby {phone.baby}: a fresh pull repeated {len(seen) - len(set(seen))} feeds"
        )
    if created - set(seen):
        problems.append(f"baby {phone.baby}: a fresh pull missed {len(created - set(seen))} feeds")
    return problems


def report(
    phones: list, elapsed: float, servers: int, problems: list[str], outage: dict | None = None
) -> str:
    from benchmarks.report import environment_line

    operations: dict[str, list[float]] = {}
    statuses: dict[int, int] = {}
    for phone in phones:
        for name, seconds in phone.latencies.items():
            operations.setdefault(name, []).extend(seconds)
        for status, count in phone.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    total = sum(statuses.values())
    unavailable = statuses.get(503, 0) if outage else 0
    errors = sum(count for status, count in statuses.items() if status >= 500) - unavailable
    lines = [
        environment_line("PostgreSQL, Redis cache"),
        f"{len(phones)} phones for {elapsed:.0f} s against {servers} gunicorn servers "
        f"(2 workers x 4 threads each) sharing one database: **{total} requests, "
        f"{total / elapsed:.1f} requests/s, {errors} responses 5xx**"
        + (f" other than {unavailable} 503s while the database was away" if outage else "")
        + f"; {sum(len(p.created) for p in phones)} feeds created. "
        f"Statuses: {dict(sorted(statuses.items()))}.",
        "",
        "| operation | requests | p50 ms | p99 ms |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds in sorted(operations.items()):
        row = summary(seconds)
        lines.append(f"| {name} | {row['n']} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} |")
    if outage:
        lines += [
            "",
            f"PostgreSQL restart: the database was stopped (fast: open connections cut) "
            f"{outage['at']:.0f} s into the run and was back {outage['down']:.1f} s later; "
            "requests meanwhile answered 503 with Retry-After, and the phones sent them "
            "again (every outbox drained).",
        ]
    verdict = "every created feed is stored exactly once" if not problems else "; ".join(problems)
    lines += ["", f"Check: {verdict}."]
    if errors:
        problems.append(f"{errors} responses were 5xx")
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.restart_postgres_at is not None and args.private_postgres is None:
        # Stopping a cluster other work uses is never this test's to do.
        raise SystemExit("--restart-postgres-at needs --private-postgres PORT")
    if args.private_postgres is None:
        return run(args, args.database_url)
    from benchmarks.private_postgres import PrivatePostgres

    with PrivatePostgres(args.private_postgres) as postgres:
        return run(args, postgres.url("letdown_load"), postgres)


def restart_later(postgres, at: float, down: float, outage: dict) -> threading.Thread:
    def restart() -> None:
        time.sleep(at)
        started = time.monotonic()
        postgres.restart(down)
        outage.update(at=at, down=time.monotonic() - started)

    thread = threading.Thread(target=restart, daemon=True)
    thread.start()
    return thread


def run(args, database_url: str, postgres=None) -> int:
    ports = [int(port) for port in args.ports.split(",")]
    env = server_environment(database_url, redis_url=args.redis_url)
    os.environ.update(env)
    servers = AppServers(env, ports)
    servers.prepare()
    import django

    django.setup()
    phones = seed_families(args.phones, ports)
    outage: dict = {}
    with servers:
        restarter = None
        if args.restart_postgres_at is not None:
            at, down = args.restart_postgres_at, args.postgres_down
            restarter = restart_later(postgres, at, down, outage)
        elapsed = run_phones(phones, args.seconds)
        if restarter is not None:
            restarter.join(timeout=120)
            from django.db import connections

            connections.close_all()  # the seeding connection did not survive the restart
        problems = verify(phones, ports[0])
    markdown = report(phones, elapsed, len(ports), problems, outage or None)
    print(markdown)
    if not args.no_write:
        from benchmarks.report import replace_section

        # A run with a restart has its own section: the steady run's stays as measured.
        section = "load-restart" if outage else "load"
        replace_section(ROOT / "docs" / "performance.md", section, markdown)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
