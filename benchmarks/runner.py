"""
`python -m benchmarks`: one command, a real server, seeded data, ratios.

Contract: prepares a dedicated database (PostgreSQL `letdown_bench` by
default, `--database-url` to change; it is flushed first), seeds
  - `empty`: a baby with no feeds,  `1k`, `50k`, `100k`: babies with that
    many feeds, each owned by its own account,
starts gunicorn on 127.0.0.1 (`--port`), measures the cases of
benchmarks/suite.py, the app shell's weight (benchmarks/shell.py) and the
PWA's own numbers (benchmarks/pwa.py `run()`, when that module exists),
stops the server, counts SQL queries per endpoint in-process, prints
everything and writes the `bench` section of docs/performance.md (unless
`--no-write`). Every loop is bounded; nothing runs after it returns.
"""

import argparse
import importlib.util
import json
import os
from pathlib import Path

from benchmarks.server import DEFAULT_DATABASE_URL, ROOT, AppServers, server_environment

SIZES = {"empty": 0, "1k": 1_000, "50k": 50_000, "100k": 100_000}


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--samples", type=int, default=60, help="requests per timed case")
    parser.add_argument("--push-rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/performance.md")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    return parser.parse_args(argv)


def seed_world() -> dict:
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.seed import account, baby_for, bulk_feeds
    from tracker.models import Feed

    call_command("flush", "--noinput", verbosity=0)
    call_command("load_guidance", verbosity=0)
    world = {}
    for name, size in SIZES.items():
        user, token = account(f"bench-{name}")
        baby = baby_for(user, name=f"Baby {name}")
        bulk_feeds(baby, user, size)
        recent = (
            Feed.objects.filter(baby=baby).order_by("-started_at").values_list("pk", flat=True)
        )
        world[name] = {
            "token": token,
            "baby": str(baby.pk),
            "recent_ids": [str(pk) for pk in recent[:20]],
        }
        print(f"seeded {name}: {size} feeds", flush=True)
    # Fresh planner statistics, as autovacuum would have them on a real server; without
    # them PostgreSQL plans the 50k-row queries as if the tables were nearly empty.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "ANALYZE main")
    return world


def pwa_numbers() -> dict | None:
    if importlib.util.find_spec("benchmarks.pwa") is None:
        return None
    from benchmarks import pwa

    return pwa.run()


def main(argv=None) -> dict:
    args = parse_args(argv)
    env = server_environment(args.database_url)
    os.environ.update(env)  # this process seeds and counts queries on the same database
    servers = AppServers(env, [args.port])
    servers.prepare()
    import django

    django.setup()
    from benchmarks import queries, shell, suite

    world = seed_world()
    with servers:
        results = suite.measure(world, args.port, args.samples, args.push_rounds)
        print(json.dumps(results, indent=1), flush=True)  # kept even if a later step fails
        weight = shell.app_shell_bytes(args.port)
    outcome = {
        "results": results,
        "ratios": suite.ratios(results),
        "queries": queries.count_queries(world),
        "app_shell": weight,
        "pwa": pwa_numbers(),
        "database": env["DATABASE_URL"].split("://")[0],
    }
    publish(outcome, write=not args.no_write, json_path=args.json)
    return outcome


def publish(outcome: dict, write: bool, json_path: Path | None) -> None:
    from benchmarks import report

    shell = outcome["app_shell"]
    parts = [
        report.environment_line(outcome["database"]),
        "### Timings (one gunicorn, 2 workers, loopback)\n\n"
        + report.timing_table(outcome["results"]),
        "### Ratios\n\n" + report.ratio_table(outcome["ratios"]),
        "### SQL queries per request\n\n" + report.count_table(outcome["queries"], "request"),
        f"### App shell\n\n{shell['files']} files, {shell['raw_bytes']:,} bytes, "
        f"**{shell['gzip_bytes']:,} bytes gzipped**.",
    ]
    if outcome["pwa"]:
        parts.append(
            "### PWA (benchmarks/pwa.py)\n\n```json\n"
            + json.dumps(outcome["pwa"], indent=2, default=str)
            + "\n```"
        )
    markdown = "\n\n".join(parts)
    print(markdown)
    if write:
        report.replace_section(ROOT / "docs" / "performance.md", "bench", markdown)
    if json_path:
        json_path.write_text(json.dumps(outcome, indent=2, default=str))
