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
- Known devices (docs/decisions/0009-sign-in-throttling.md): a successful
  sign-in sets a signed cookie naming that username (`remember_device`). An
  attempt carrying it for the username it names counts on its own counter
  (same `auth_username` rate, per username and cookie) and not on the shared
  per-username or per-IP ones, so an attacker's guesses cannot lock the owner
  out of a phone or browser already used.
- Usernames are keyed NFKC + casefold + trimmed (`username_key`): "Sam",
  " sam " and its full-width twin are one counter.
- `reset_ip`, `reset_email`: password-reset requests per IP and per address.
- `password_change`: in-app password changes per signed-in user.
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

import unicodedata
from contextlib import suppress
from hashlib import sha256
from secrets import token_hex

from django.conf import settings
from django.core import signing
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

API_AUTH_PREFIX = "/api/v1/auth/"
LOGIN_FORM_PATHS = frozenset({"/accounts/login/", "/admin/login/"})
ACCOUNT_PATH = "/api/v1/account/"
RESET_PATHS = frozenset({"/api/v1/auth/password-reset/", "/accounts/password_reset/"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
KNOWN_DEVICE_COOKIE = "letdown_known"
KNOWN_DEVICE_SALT = "letdown.throttling.known-device"
KNOWN_DEVICE_AGE = 400 * 24 * 3600  # browsers cap cookies at 400 days


def canonical_username(username: str) -> str:
    """The stored form: Unicode NFKC (full-width and compatibility letters folded), trimmed."""
    return unicodedata.normalize("NFKC", username).strip()


def username_key(username: str) -> str:
    """One key for every spelling a reader takes for the same name. Bounded, so a
    megabyte username cannot become a megabyte cache key."""
    return canonical_username(username).casefold()[:150]


def _hashed(text: str) -> str:
    # Cache keys must be short ASCII whatever a username contains.
    return sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def remember_device(response, username: str) -> None:
    """After a successful sign-in: this browser is one the owner of `username` uses."""
    value = signing.dumps(
        {"u": _hashed(username_key(username)), "n": token_hex(16)}, salt=KNOWN_DEVICE_SALT
    )
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        value,
        max_age=KNOWN_DEVICE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def known_device(request, username: str) -> str | None:
    """This browser's own id when it signed in as `username` before, else None."""
    value = request.COOKIES.get(KNOWN_DEVICE_COOKIE)
    if not value:
        return None
    try:
        data = signing.loads(value, salt=KNOWN_DEVICE_SALT, max_age=KNOWN_DEVICE_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != _hashed(username):
        return None
    return str(data.get("n"))


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
    if not isinstance(username, str) or not username_key(username):
        return None
    return username_key(username)


def known_sign_in(request) -> str | None:
    """The known-device id of a sign-in attempt from a browser its username used before."""
    if not is_sign_in_attempt(request):
        return None
    username = submitted_username(request)
    return known_device(request, username) if username else None


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
        if not is_sign_in_attempt(request) or known_sign_in(request):
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
        # A known browser has a counter of its own: the attacker's guesses are not on it.
        device = known_device(request, username)
        ident = _hashed(username if device is None else f"{username}\n{device}")
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ResetIPThrottle(LetdownRateThrottle):
    scope = "reset_ip"

    def get_cache_key(self, request, view):
        if request.method != "POST" or request.path_info not in RESET_PATHS:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ResetEmailThrottle(LetdownRateThrottle):
    """Per address, so nobody floods one inbox with reset emails from many IPs."""

    scope = "reset_email"

    def get_cache_key(self, request, view):
        if request.method != "POST" or request.path_info not in RESET_PATHS:
            return None
        data = request.data if hasattr(request, "data") else request.POST
        email = data.get("email") if hasattr(data, "get") else None
        if not isinstance(email, str) or not email.strip():
            return None
        ident = _hashed(unicodedata.normalize("NFKC", email).strip().casefold()[:320])
        return self.cache_format % {"scope": self.scope, "ident": ident}


class PasswordChangeThrottle(LetdownRateThrottle):
    """Old-password guesses by whoever holds a signed-in session or token."""

    scope = "password_change"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class WriteThrottle(LetdownRateThrottle):
    scope = "writes"

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        if request.method not in UNSAFE_METHODS or not (user and user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}


SIGN_IN_THROTTLES = (AuthIPThrottle, AuthUsernameThrottle)
RESET_THROTTLES = (ResetIPThrottle, ResetEmailThrottle)


def sign_in_retry_after(request, throttles=SIGN_IN_THROTTLES) -> int | None:
    """
    For views outside DRF (the login form): record this sign-in attempt and
    return None when it is allowed, or the seconds to wait when it is not.
    """
    waits = []
    for throttle_class in throttles:
        throttle = throttle_class()
        if not throttle.allow_request(request, None):
            waits.append(throttle.wait() or 1)
    if not waits:
        return None
    return max(1, round(max(waits)))
