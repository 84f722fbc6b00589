"""
Rate limits: brute force on sign-in, and runaway writes.

Contract (rates in `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`, configurable
by environment variables, see settings.py):

- `auth_ip`: sign-in attempts per client IP address. Counts every POST to the
  API's auth endpoints (`/api/v1/auth/...`: token, register, session login),
  to the browser login forms (`/accounts/login/`, `/admin/login/`), and every DELETE of
  `/api/v1/account/` (it checks the password too).
- `auth_username`: sign-in attempts per username, whatever the IP, so a botnet
  cannot spread guesses at one account over many addresses.
- `writes`: unsafe API requests (POST, PUT, PATCH, DELETE) per signed-in user.

Over a limit the answer is 429 with `Retry-After` (seconds). The classes are
DRF's default throttles, so every API view is covered without each view
opting in; each class returns no cache key (= not throttled) for requests
outside its concern.

Counters live in Django's default cache. With several app servers the cache
must be shared (Redis, `REDIS_URL`), or each server counts on its own and the
real limit is the rate times the number of servers.

The client address is REMOTE_ADDR unless `NUM_PROXIES` says how many trusted
reverse proxies append to X-Forwarded-For; trusting that header blindly would
let an attacker pick a fresh "IP" for every guess.
"""

from contextlib import suppress
from hashlib import sha256

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

API_AUTH_PREFIX = "/api/v1/auth/"
LOGIN_FORM_PATHS = frozenset({"/accounts/login/", "/admin/login/"})
ACCOUNT_PATH = "/api/v1/account/"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_sign_in_attempt(request) -> bool:
    """Anything that checks a password: sign-in, register, and deleting the account."""
    path = request.path_info
    if request.method == "DELETE":
        return path == ACCOUNT_PATH
    return request.method == "POST" and (
        path.startswith(API_AUTH_PREFIX) or path in LOGIN_FORM_PATHS
    )


def submitted_username(request) -> str | None:
    """The username a sign-in attempt names, normalised; None when there is none."""
    try:
        data = request.data if hasattr(request, "data") else request.POST
    except Exception:  # An unparsable body names no username; the view answers 400.
        return None
    if not hasattr(data, "get"):
        return None
    username = data.get("username")
    user = getattr(request, "user", None)
    if username is None and user is not None and user.is_authenticated:
        # Deleting the account confirms the password of the signed-in user.
        username = user.get_username()
    if not isinstance(username, str) or not username.strip():
        return None
    # Case-folded: "Sam" and "sam" are the same target for a guesser. Bounded, so a
    # megabyte username cannot become a megabyte cache key.
    return username.strip().casefold()[:150]


class LetdownRateThrottle(SimpleRateThrottle):
    """
    A rate limit counted atomically in the shared cache (a sliding window).

    DRF's SimpleRateThrottle reads a list of timestamps, appends and writes it
    back: concurrent requests (threads, or two app servers) all read the same
    list and all get through. Here each window of `duration` seconds has one
    integer counter, created with `cache.add` (only if absent, with an expiry)
    and raised with `cache.incr` (Redis INCR: atomic across servers), so no
    two requests ever see the same count. A request is allowed while

        count in this window + count in the previous window * (part of it still in view)

    stays within the rate; that approximates a true sliding window without a
    burst of twice the rate at a window's edge. A refused request takes its
    increment back, so hammering a limit does not extend it.
    """

    def get_rate(self):
        # Read when built, not at import time, so settings overrides apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def _counter(self, window: int) -> str:
        return f"{self.key}:{window}"

    def _previous_count(self, window: int) -> int:
        return int(self.cache.get(self._counter(window - 1)) or 0)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window, elapsed = divmod(self.now, self.duration)
        window = int(window)
        counter = self._counter(window)
        # Kept for two windows: the next window still weighs this one.
        self.cache.add(counter, 0, timeout=2 * self.duration + 1)
        try:
            count = self.cache.incr(counter)
        except ValueError:  # expired between add and incr: start it again
            self.cache.add(counter, 0, timeout=2 * self.duration + 1)
            count = self.cache.incr(counter)
        previous = self._previous_count(window)
        weight = 1 - elapsed / self.duration
        if count + previous * weight <= self.num_requests:
            return True
        with suppress(ValueError):  # expired meanwhile: nothing to take back
            self.cache.decr(counter)
        self._wait = self._seconds_until_allowed(count - 1, previous, elapsed)
        return False

    def _seconds_until_allowed(self, count: int, previous: int, elapsed: float) -> float:
        """When one more request fits, if nothing else arrives meanwhile."""
        limit, duration = self.num_requests, self.duration
        left_in_window = duration - elapsed
        if count + 1 > limit:
            # This window is full; the next one starts out weighing it almost whole.
            return left_in_window + max(0.0, 1 - (limit - 1) / count) * duration
        if previous:
            # Wait until the previous window's weight has shrunk enough.
            return max(0.0, (1 - (limit - count - 1) / previous) * duration - elapsed)
        return left_in_window

    def wait(self):
        return max(1.0, getattr(self, "_wait", float(self.duration)))


class AuthIPThrottle(LetdownRateThrottle):
    scope = "auth_ip"

    def get_cache_key(self, request, view):
        if not is_sign_in_attempt(request):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AuthUsernameThrottle(LetdownRateThrottle):
    scope = "auth_username"

    def get_cache_key(self, request, view):
        if not is_sign_in_attempt(request):
            return None
        username = submitted_username(request)
        if username is None:
            return None
        # Hashed: cache keys must be short ASCII whatever a username contains.
        ident = sha256(username.encode("utf-8", "surrogatepass")).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class WriteThrottle(LetdownRateThrottle):
    scope = "writes"

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        if request.method not in UNSAFE_METHODS or not (user and user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}


SIGN_IN_THROTTLES = (AuthIPThrottle, AuthUsernameThrottle)


def sign_in_retry_after(request) -> int | None:
    """
    For views outside DRF (the login form): record this sign-in attempt and
    return None when it is allowed, or the seconds to wait when it is not.
    """
    waits = []
    for throttle_class in SIGN_IN_THROTTLES:
        throttle = throttle_class()
        if not throttle.allow_request(request, None):
            waits.append(throttle.wait() or 1)
    if not waits:
        return None
    return max(1, round(max(waits)))
