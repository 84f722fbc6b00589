"""The sliding-window counter of letdown_project/throttling.py, on a pinned clock."""

import pytest
from django.core.cache import cache

from letdown_project.throttling import LetdownRateThrottle


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


class TenPerMinute(LetdownRateThrottle):
    rate = "10/min"

    def get_cache_key(self, request, view):
        return "throttle_test_one"


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(600 * 60.0)  # the start of a window
    monkeypatch.setattr(TenPerMinute, "timer", clock)
    return clock


def attempts(n: int) -> list[bool]:
    return [TenPerMinute().allow_request(None, None) for _ in range(n)]


def test_the_limit_and_then_refusals_with_a_retry_after(clock):
    assert attempts(12) == [True] * 10 + [False] * 2
    throttle = TenPerMinute()
    assert not throttle.allow_request(None, None)
    assert 1 <= throttle.wait() <= 60 + 6


def test_refused_attempts_do_not_use_up_the_next_window(clock):
    attempts(10 + 50)  # hammering the limit
    clock.now += 60 + 30  # half-way through the next window: the old one weighs half
    assert attempts(6) == [True] * 5 + [False]


def test_no_burst_of_twice_the_rate_at_a_window_edge(clock):
    clock.now += 59
    assert attempts(10) == [True] * 10
    clock.now += 2  # a new window has just begun
    assert attempts(2) == [False, False]


def test_counters_expire_with_their_windows(clock):
    attempts(10)
    assert cache.get("throttle_test_one:600") == 10
    clock.now += 2 * 60
    assert attempts(10) == [True] * 10
