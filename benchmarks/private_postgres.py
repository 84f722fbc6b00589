"""
A throwaway PostgreSQL cluster of the load test's own, which it may stop.

Contract: `PrivatePostgres(port)` is a context manager: on entry it runs
`initdb` into a fresh temporary directory (trust authentication, listening on
127.0.0.1:port only, its socket in that directory), starts it and waits until
it answers; `url(name)` is a DATABASE_URL for it; `restart(down_seconds)`
stops it (fast mode: open connections are cut, as in a real restart), keeps
it down for `down_seconds`, and starts it again; on exit it is stopped and
its directory deleted. Never touches any other cluster: the machine's own
PostgreSQL (5432) serves other work. Run as root, the server runs as the
`postgres` user (PostgreSQL refuses to run as root).
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path


def _bin(name: str) -> str:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1:]
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed")
    return found if isinstance(found, str) else found[0]


class PrivatePostgres:
    def __init__(self, port: int = 5433):
        self.port = port
        self.directory: Path | None = None
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *command: str, timeout: float = 120) -> None:
        subprocess.run(
            [*self.as_postgres, *command], check=True, timeout=timeout, stdout=subprocess.DEVNULL
        )

    def __enter__(self) -> "PrivatePostgres":
        self.directory = Path(tempfile.mkdtemp(prefix="letdown-pg-"))
        if self.as_postgres:
            shutil.chown(self.directory, "postgres", "postgres")
        initdb = [_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"]
        self._run(*initdb, "-E", "UTF8")
        settings = {
            "port": self.port,
            "listen_addresses": "127.0.0.1",
            "unix_socket_directories": self.directory,
            "max_connections": 100,
        }
        with open(self.data / "postgresql.auto.conf", "a", encoding="utf-8") as conf:
            conf.writelines(f"{name} = '{value}'\n" for name, value in settings.items())
        try:
            self.start()
        except BaseException:
            self._remove()
            raise
        return self

    def start(self) -> None:
        log = self.directory / "postgres.log"
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-l", str(log), "-w", "start")
        self._wait_until_ready()

    def stop(self) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def restart(self, down_seconds: float = 5.0) -> None:
        self.stop()
        time.sleep(down_seconds)
        self.start()

    def _wait_until_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = subprocess.run(
                [_bin("pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)], check=False
            )
            if ready.returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError(f"the private PostgreSQL on port {self.port} did not start")

    def __exit__(self, *exc) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self.stop()
        finally:
            self._remove()

    def _remove(self) -> None:
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None
