"""EMAIL_URL: one variable configures Django's email (letdown_project/email_url.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from letdown_project.email_url import email_settings


def test_unset_prints_emails_to_the_log():
    config = email_settings(None)
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert config["DEFAULT_FROM_EMAIL"] == "noreply@localhost"


def test_smtp_with_starttls_and_an_encoded_password():
    config = email_settings("smtp://mail%40example.org:p%40ss%2Fw@smtp.example.org:2525?tls=1")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"]) == ("smtp.example.org", 2525)
    assert (config["EMAIL_HOST_USER"], config["EMAIL_HOST_PASSWORD"]) == (
        "mail@example.org",
        "p@ss/w",
    )
    assert (config["EMAIL_USE_TLS"], config["EMAIL_USE_SSL"]) == (True, False)


def test_smtps_is_tls_from_the_first_byte_on_port_465():
    config = email_settings("smtps://u:p@smtp.example.org?from=Letdown%20%3Cno@example.org%3E")
    assert (config["EMAIL_PORT"], config["EMAIL_USE_SSL"], config["EMAIL_USE_TLS"]) == (
        465,
        True,
        False,
    )
    assert config["DEFAULT_FROM_EMAIL"] == config["SERVER_EMAIL"] == "Letdown <no@example.org>"


def test_plain_smtp_without_tls_is_only_on_request():
    assert email_settings("smtp://relay.internal")["EMAIL_USE_TLS"] is False
    assert email_settings("smtp://relay.internal")["EMAIL_PORT"] == 587


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "sendmail://x"])
def test_an_unusable_url_refuses_to_start(url):
    with pytest.raises(ImproperlyConfigured):
        email_settings(url)
