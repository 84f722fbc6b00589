"""Rate limits hold under concurrency, across two real app servers sharing Redis.

Two gunicorn processes (tests/live.py), one database, one Redis: requests
released at the same instant on both servers must not get more through than
the limit (letdown_project/throttling.py counts with atomic INCR). Hour-long
windows, so the burst never straddles a window's edge.
"""

import threading
from collections import Counter

import pytest

from tests.live import LiveStack, redis_or_skip, request

pytestmark = pytest.mark.live

LIMIT = 7
CONCURRENT = 32


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    redis_url, prefix = redis_or_skip()
    env = {
        "CACHE_KEY_PREFIX": prefix,
        "THROTTLE_AUTH_IP": "100000/hour",
        "THROTTLE_AUTH_USERNAME": f"{LIMIT}/hour",
        "THROTTLE_WRITES": f"{LIMIT}/hour",
    }
    with LiveStack(tmp_path_factory.mktemp("throttle"), count=2, redis_url=redis_url, **env) as s:
        yield s
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def burst(stack, method: str, path: str, body: dict, headers: dict) -> Counter:
    """CONCURRENT requests, released together, alternating between the servers."""
    barrier = threading.Barrier(CONCURRENT)
    statuses: list[int] = []

    def one(n: int) -> None:
        barrier.wait()
        status, _, _ = request(stack.url(n % 2, path), method, body, headers=headers)
        statuses.append(status)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(statuses)


def test_simultaneous_guesses_at_one_username_check_at_most_the_limit(stack):
    # A username no one registered: the password is checked (and refused) all
    # the same, and no registration has used up part of the limit.
    statuses = burst(
        stack,
        "POST",
        "/api/v1/auth/token/",
        {"username": "guessed-at", "password": "wrong"},
        {},
    )
    assert statuses == {400: LIMIT, 429: CONCURRENT - LIMIT}


def test_simultaneous_writes_of_one_user_get_at_most_the_limit_through(stack):
    token = stack.register("writer")
    statuses = burst(
        stack,
        "POST",
        "/api/v1/babies/",
        {"name": "Robin"},
        {"Authorization": f"Token {token}"},
    )
    assert statuses == {201: LIMIT, 429: CONCURRENT - LIMIT}
