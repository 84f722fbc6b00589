"""The browser login form is rate-limited per IP and per username (letdown_project/signin.py)."""

from django.conf import settings
from django.test import Client

from tests.factories import PASSWORD


def rate(scope: str) -> int:
    return int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope].split("/")[0])


# One client for every attempt: building a client's handler is slow (it loads the middleware).
_client = Client()


def attempt(username: str, password: str = "wrong-guess", ip: str = "203.0.113.7"):
    _client.cookies.clear()
    return _client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_wrong_passwords_below_the_limit_get_the_usual_form_error(user):
    response = attempt(user.username)
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content


def test_too_many_attempts_on_one_username_answer_429_with_retry_after(user):
    for n in range(rate("auth_username")):
        attempt(user.username, ip=f"198.51.100.{n + 1}")
    response = attempt(user.username, ip="198.51.100.250")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert b"Too many sign-in attempts" in response.content


def test_the_username_limit_ignores_case_and_spaces(user):
    for n in range(rate("auth_username")):
        attempt(f"  {user.username.upper()} ", ip=f"198.51.100.{n + 1}")
    assert attempt(user.username, ip="198.51.100.250").status_code == 429


def test_a_throttled_attempt_does_not_sign_in_even_with_the_right_password(user):
    for n in range(rate("auth_username")):
        attempt(user.username, ip=f"198.51.100.{n + 1}")
    response = attempt(user.username, password=PASSWORD, ip="198.51.100.250")
    assert response.status_code == 429
    assert "_auth_user_id" not in _client.session


def test_too_many_attempts_from_one_ip_answer_429(db):
    for n in range(rate("auth_ip")):
        attempt(f"someone{n}")
    response = attempt("someone-else")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_a_forged_forwarded_for_header_does_not_dodge_the_ip_limit(db):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(rate("auth_ip")):
        client.post(
            "/accounts/login/",
            {"username": f"someone{n}", "password": "x"},
            headers={"x-forwarded-for": f"10.0.0.{n}"},
        )
    response = client.post(
        "/accounts/login/",
        {"username": "someone-else", "password": "x"},
        headers={"x-forwarded-for": "10.9.9.9"},
    )
    assert response.status_code == 429


def test_other_ips_and_users_are_unaffected_by_a_throttled_ip(user):
    for n in range(rate("auth_ip")):
        attempt(f"someone{n}")
    response = attempt(user.username, password=PASSWORD, ip="192.0.2.44")
    assert response.status_code == 302


def test_viewing_the_login_form_is_not_counted(db):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(rate("auth_ip") + 5):
        assert client.get("/accounts/login/").status_code == 200
    assert attempt("sam").status_code == 200
