"""
Real app server processes for benchmarks and load tests.

Contract: `AppServers(env, ports)` is a context manager that prepares the
database (migrate) and static files once, starts one gunicorn per port on
127.0.0.1 only (with the repository's gunicorn.conf.py), waits until each
answers `/healthz`, and on exit stops them
(SIGTERM, then SIGKILL after a grace period). Nothing listens beyond
loopback; every process it starts, it ends.
"""

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/letdown_bench"


def _name(database_url: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in database_url.rsplit("/", 1)[-1])[-40:]


def server_environment(database_url: str, redis_url: str | None = None, **extra) -> dict:
    """Production-like settings: DEBUG off, a fresh secret, loopback hosts only."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        # Benchmarks and load tests send far more writes per user than a person;
        # the limiter still runs (and costs what it costs), it just never refuses.
        "THROTTLE_WRITES": "1000000/min",
        # One folder per database: two runs at once never rewrite each other's files.
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / f"letdown-static-{_name(database_url)}"),
        **extra,
    }
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def ensure_postgres_database(database_url: str) -> None:
    """Create the benchmark database if it does not exist yet (PostgreSQL only)."""
    if not database_url.startswith("postgres"):
        return
    base, _, name = database_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=600
    )


def wait_until_healthy(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn on port {port} did not become healthy in {timeout:.0f} s")


def stop_processes(processes: list[subprocess.Popen]) -> None:
    """SIGTERM every server (gunicorn finishes its requests), then kill what lingers."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class AppServers:
    def __init__(self, env: dict, ports: list[int], workers: int = 2, threads: int = 4):
        self.env, self.ports, self.workers, self.threads = env, ports, workers, threads
        self.processes: list[subprocess.Popen] = []

    def prepare(self) -> None:
        ensure_postgres_database(self.env["DATABASE_URL"])
        manage(self.env, "migrate", "--noinput", "-v", "0")
        manage(self.env, "collectstatic", "--noinput", "-v", "0")

    def __enter__(self) -> "AppServers":
        for port in self.ports:
            command = [
                # The deployed configuration (limits, timeouts), sized here.
                sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
                "benchmarks.wsgi",
                "--bind", f"127.0.0.1:{port}",
                "--workers", str(self.workers),
                "--threads", str(self.threads),
                "--graceful-timeout", "5",
                "--log-level", "warning",
                "--access-logfile", os.devnull,
            ]  # fmt: skip
            self.processes.append(subprocess.Popen(command, cwd=ROOT, env=self.env))
        try:
            for port in self.ports:
                wait_until_healthy(port)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        stop_processes(self.processes)
        self.processes = []
