"""
Real app servers for tests that need the whole HTTP stack: gunicorn processes
(started with the repository's gunicorn.conf.py) sharing one SQLite file
database and, where asked, one Redis.

Contract: `LiveStack(tmp_path, count=2, redis_url=None, **env)` migrates a
fresh database in `tmp_path`, starts `count` gunicorn servers on free loopback
ports, waits for `/healthz` and stops them (SIGTERM, then SIGKILL) on exit.
`stack.url(n, path)` is the address of server n; `raw(port, bytes)` sends
bytes as they are (for what http.client will not send). `redis_or_skip()`
gives a private Redis database URL and key prefix, skips when Redis is
absent, and fails instead in CI (`CI=true` or `LETDOWN_REQUIRE_BROWSER=1`),
whose machines have Redis.

Servers answer with DEBUG off, as in production, with a fast password hasher
(tests/live_settings.py); nothing listens beyond 127.0.0.1.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from benchmarks.server import stop_processes

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("LETDOWN_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def in_ci() -> bool:
    return (
        os.environ.get("CI", "").lower() == "true"
        or os.environ.get("LETDOWN_REQUIRE_BROWSER") == "1"
    )


def redis_or_skip() -> tuple[str, str]:
    """(REDIS_URL, a key prefix no other run uses)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as error:
        if in_ci():
            pytest.fail(f"CI needs Redis at {REDIS_URL}: {error}")
        pytest.skip(f"no Redis at {REDIS_URL} (CI fails instead): {error}")
    return REDIS_URL, f"letdown-test-{secrets.token_hex(6)}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(url: str, method="GET", body=None, headers=None, timeout=30):
    """(status, headers, body bytes) for any status, never raising on 4xx/5xx."""
    data = None if body is None else json.dumps(body).encode()
    all_headers = {"Accept": "application/json", **(headers or {})}
    if data is not None:
        all_headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, headers=all_headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def raw(port: int, data: bytes, timeout=10) -> bytes:
    """Send bytes as they are; the whole answer (the server closes: Connection: close)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


class LiveStack:
    def __init__(self, tmp_path: Path, count: int = 2, redis_url: str | None = None, **extra):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.live_settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": str(tmp_path / "static"),
            "LOG_LEVEL": "WARNING",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "8",
            "GUNICORN_LOG_LEVEL": "warning",
            "GUNICORN_ACCESS_LOG": str(tmp_path / "access.log"),
            **extra,
        }
        for name in ("CACHE_URL", "REDIS_URL"):
            self.env.pop(name, None)
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.count = count
        self.ports: list[int] = []
        self.processes: list[subprocess.Popen] = []

    def url(self, n: int, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[n]}{path}"

    def __enter__(self) -> "LiveStack":
        if self.env["DATABASE_URL"].startswith("sqlite"):
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                cwd=ROOT, env=self.env, check=True, timeout=300,
            )  # fmt: skip
        try:
            for _ in range(self.count):
                port = free_port()
                command = [
                    sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
                    "--bind", f"127.0.0.1:{port}", "letdown_project.wsgi",
                ]  # fmt: skip
                self.ports.append(port)
                self.processes.append(subprocess.Popen(command, cwd=ROOT, env=self.env))
            for port, process in zip(self.ports, self.processes, strict=True):
                self._wait_until_up(port, process)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_up(self, port: int, process: subprocess.Popen, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn on port {port} exited with {process.returncode}")
            try:
                # Any answer will do: /healthz may rightly say 503 (database down).
                request(f"http://127.0.0.1:{port}/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn on port {port} did not answer in {timeout:.0f} s")

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        stop_processes(self.processes)
        self.processes = []

    def register(self, username: str, n: int = 0) -> str:
        """A new account through the API; its token."""
        status, _, body = request(
            self.url(n, "/api/v1/auth/register/"),
            "POST",
            {"username": username, "password": "a long test password 123"},
            headers={"X-Forwarded-For": "", "User-Agent": "tests"},
        )
        assert status == 201, body
        return json.loads(body)["token"]
