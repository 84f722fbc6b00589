"""
A small keep-alive HTTP client that times each request, and the statistics.

Contract: `Client(port, token)` sends JSON requests to 127.0.0.1:port over one
persistent connection (reconnecting when the server closes it) and returns
`Reply(status, body, seconds, headers)`. `Client(port, cookies={...})` signs
in as the PWA does instead: it sends the cookies, keeps what `Set-Cookie`
changes, and puts the `csrftoken` cookie in `X-CSRFToken` on unsafe methods.
`percentile()` and `summary()` turn lists of seconds into the numbers the reports print.
"""

import http.client
import http.cookies
import json
import statistics
import time
from dataclasses import dataclass, field

SAFE = {"GET", "HEAD", "OPTIONS"}


@dataclass
class Reply:
    status: int
    body: bytes
    seconds: float
    headers: dict = field(default_factory=dict)

    def json(self):
        return json.loads(self.body)


class Client:
    def __init__(
        self,
        port: int,
        token: str | None = None,
        timeout: float = 30.0,
        cookies: dict[str, str] | None = None,
    ):
        self.port, self.token, self.timeout = port, token, timeout
        self.cookies = dict(cookies or {})
        self.connection: http.client.HTTPConnection | None = None

    def _auth_headers(self, method: str) -> dict[str, str]:
        if self.token:
            return {"Authorization": f"Token {self.token}"}
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method not in SAFE and "csrftoken" in self.cookies:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        return headers

    def _keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def _connect(self) -> http.client.HTTPConnection:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, self.timeout)
        return self.connection

    def request(self, method: str, path: str, payload=None, headers: dict | None = None) -> Reply:
        body = None if payload is None else json.dumps(payload).encode()
        all_headers = {"Accept": "application/json", **(headers or {})}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(self._auth_headers(method))
        for attempt in (1, 2):
            connection = self._connect()
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=all_headers)
                response = connection.getresponse()
                data = response.read()
                self._keep_cookies(response)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed: reconnect once.
                self.close()
                if attempt == 2:
                    raise
                continue
            seconds = time.perf_counter() - started
            return Reply(response.status, data, seconds, dict(response.getheaders()))
        raise AssertionError("unreachable")

    def get(self, path: str, **kwargs) -> Reply:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, payload, **kwargs) -> Reply:
        return self.request("POST", path, payload, **kwargs)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile (fraction 0..1) of a non-empty list."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(samples: list[float]) -> dict:
    return {
        "n": len(samples),
        "p50_ms": statistics.median(samples) * 1000,
        "p99_ms": percentile(samples, 0.99) * 1000,
    }
