"""
Django's email settings from one environment variable, `EMAIL_URL`.

- unset or `console://`: emails are printed to the server's log (development).
- `smtp://user:password@host:587?tls=1` (STARTTLS) or `smtps://...:465` (TLS
  from the first byte); user and password percent-encoded.
- `?from=Letdown%20%3Cnoreply%40example.org%3E` sets the sender (default
  `noreply@localhost`).
- `locmem://` keeps emails in memory (tests; Django's test runner uses it anyway).
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}
TRUE = {"1", "true", "yes", "on"}


def email_settings(url: str | None) -> dict:
    parts = urlsplit(url or "console://")
    if parts.scheme not in BACKENDS:
        raise ImproperlyConfigured(
            "EMAIL_URL must start with smtp://, smtps://, console:// or locmem://, "
            f"not {parts.scheme!r}"
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    config = {
        "EMAIL_BACKEND": BACKENDS[parts.scheme],
        "DEFAULT_FROM_EMAIL": query.get("from", "noreply@localhost"),
    }
    if parts.scheme.startswith("smtp"):
        if not parts.hostname:
            raise ImproperlyConfigured("EMAIL_URL names no mail server host.")
        ssl = parts.scheme == "smtps"
        config |= {
            "EMAIL_HOST": parts.hostname,
            "EMAIL_PORT": parts.port or (465 if ssl else 587),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_SSL": ssl,
            "EMAIL_USE_TLS": not ssl and query.get("tls", "").lower() in TRUE,
            "EMAIL_TIMEOUT": 10,
        }
    config["SERVER_EMAIL"] = config["DEFAULT_FROM_EMAIL"]
    return config
