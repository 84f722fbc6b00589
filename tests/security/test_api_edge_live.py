"""Every error under /api/ is JSON, through the real HTTP stack (gunicorn, tests/live.py).

Django's test client cannot show these: it never sends a request line
gunicorn would refuse, nor a chunked body.
"""

import json

import pytest

from tests.live import LiveStack, raw, request

pytestmark = pytest.mark.live

MiB = 1024 * 1024


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with LiveStack(tmp_path_factory.mktemp("edge"), count=1) as s:
        s.token = s.register("edge-user")
        yield s


def chunked_post(stack, path: str, body: bytes) -> tuple[int, dict, bytes]:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Authorization: Token {stack.token}\r\nContent-Type: application/json\r\n"
        "Accept: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    chunks = b"".join(
        b"%x\r\n%s\r\n" % (len(body[i : i + 65536]), body[i : i + 65536])
        for i in range(0, len(body), 65536)
    )
    answer = raw(stack.ports[0], head + chunks + b"0\r\n\r\n")
    header_block, _, content = answer.partition(b"\r\n\r\n")
    lines = header_block.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    headers = {name.lower(): value for name, value in headers.items()}
    if headers.get("transfer-encoding") == "chunked":
        content = dechunk(content)
    return int(lines[0].split()[1]), headers, content


def dechunk(data: bytes) -> bytes:
    out = b""
    while data:
        size, _, rest = data.partition(b"\r\n")
        n = int(size, 16)
        if n == 0:
            break
        out, data = out + rest[:n], rest[n + 2 :]
    return out


def test_a_chunked_body_is_read_not_taken_for_empty(stack):
    status, _, content = chunked_post(stack, "/api/v1/babies/", b'{"name": "Chunky"}')
    assert status == 201, content
    assert json.loads(content)["name"] == "Chunky"


def test_a_chunked_body_over_the_limit_is_a_json_413(stack):
    body = json.dumps({"name": "x" * (2 * MiB)}).encode()
    status, headers, content = chunked_post(stack, "/api/v1/babies/", body)
    assert status == 413
    assert headers["content-type"] == "application/json"
    assert "too large" in json.loads(content)["detail"]


def test_a_body_over_a_mebibyte_is_a_json_413(stack):
    big = {"device_id": "x", "mutations": [], "pad": "x" * (2 * MiB)}
    status, headers, content = request(
        stack.url(0, "/api/v1/sync/push/"),
        "POST",
        big,
        headers={"Authorization": f"Token {stack.token}"},
    )
    assert status == 413
    assert headers["Content-Type"] == "application/json"
    assert "too large" in json.loads(content)["detail"]


def test_a_long_query_string_is_a_json_414_from_the_app_not_gunicorn(stack):
    status, headers, content = request(
        stack.url(0, "/api/v1/sync/pull/?cursor=" + "A" * 7000),
        headers={"Authorization": f"Token {stack.token}"},
    )
    assert status == 414
    assert headers["Content-Type"] == "application/json"
    assert "query string is too long" in json.loads(content)["detail"]


def test_a_query_string_below_the_limit_reaches_the_view(stack):
    status, _, content = request(
        stack.url(0, "/api/v1/sync/pull/?cursor=" + "A" * 5000),
        headers={"Authorization": f"Token {stack.token}"},
    )
    assert status == 400
    assert "cursor" in json.loads(content)
