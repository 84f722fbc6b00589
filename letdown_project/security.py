"""
Response headers that Django's SecurityMiddleware and django-csp do not set.

Contract: every response leaving the app (pages, API, static files served by
whitenoise, error pages) carries

- `Permissions-Policy`, switching off the powerful browser features Letdown
  never uses, so that even injected content could not turn on the camera,
  microphone or location of a parent's phone;
- `X-Content-Type-Options: nosniff` and `Referrer-Policy`, also on responses
  that bypass SecurityMiddleware's own setting of them (it sets them too; we
  only fill in what is missing).

The Content-Security-Policy itself is django-csp's job (settings
`CONTENT_SECURITY_POLICY`); HSTS is SecurityMiddleware's (`SECURE_HSTS_*`).
"""

from django.conf import settings

# Features a feeding log and an article reader never need. An empty allowlist
# `()` disables the feature for this origin and every frame. Only features
# browsers implement as policy-controlled: Chromium logs an "Unrecognized
# feature" error on every page for any other name (it did for "bluetooth",
# which is no Permissions-Policy feature; Web Bluetooth has none), and
# tests/e2e/test_console_clean.py checks the console stays quiet.
DEFAULT_PERMISSIONS_POLICY = {
    "accelerometer": (),
    "autoplay": (),
    "browsing-topics": (),
    "camera": (),
    "display-capture": (),
    "geolocation": (),
    "gyroscope": (),
    "hid": (),
    "magnetometer": (),
    "microphone": (),
    "midi": (),
    "payment": (),
    "publickey-credentials-get": (),
    "serial": (),
    "usb": (),
    "xr-spatial-tracking": (),
}


def permissions_policy_header(policy: dict[str, tuple[str, ...]]) -> str:
    """Serialise {"camera": (), "fullscreen": ("self",)} as `camera=(), fullscreen=(self)`."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy (and fills in nosniff / Referrer-Policy if absent)."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Read settings when the middleware is built, not at import time.
        policy = getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)
        self.permissions_policy = permissions_policy_header(policy)
        self.referrer_policy = getattr(settings, "SECURE_REFERRER_POLICY", None) or "same-origin"

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", self.referrer_policy)
        return response
