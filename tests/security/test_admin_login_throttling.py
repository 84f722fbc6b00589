"""`/admin/login/` is rate-limited like every sign-in path (letdown_project/signin.py).

Staff see every family's data, so the admin's door gets the same per-username
lock and per-IP limit as the API and the site's login form, and shares their
counters: guesses spread over both doors still add up.
"""

from django.conf import settings
from django.test import Client

from tests.factories import PASSWORD, UserFactory

ADMIN_LOGIN = "/admin/login/?next=/admin/"


def rate(scope: str) -> int:
    return int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope].split("/")[0])


def admin_attempt(username: str, password: str = "wrong-guess", ip: str = "203.0.113.7"):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(ADMIN_LOGIN, {"username": username, "password": password})
    return client, response


def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_a_wrong_password_below_the_limit_gets_the_admin_form_error(db):
    admin_user = staff(db)
    _, response = admin_attempt(admin_user.username)
    assert response.status_code == 200
    assert b"Please enter the correct username and password" in response.content


def test_guesses_at_one_staff_username_lock_it_across_ips(db):
    admin_user = staff(db)
    for n in range(rate("auth_username")):
        admin_attempt(admin_user.username, ip=f"198.51.100.{n + 1}")
    client, response = admin_attempt(admin_user.username, password=PASSWORD, ip="192.0.2.1")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert b"Too many sign-in attempts" in response.content
    # The admin's own page, username kept, and nobody signed in.
    assert b"Django administration" in response.content or b"Log in" in response.content
    assert admin_user.username.encode() in response.content
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_admin_login_is_limited_per_ip(db):
    for n in range(rate("auth_ip")):
        admin_attempt(f"someone{n}")
    _, response = admin_attempt("someone-else")
    assert response.status_code == 429


def test_guesses_on_the_site_form_count_against_the_admin_login(db):
    admin_user = staff(db)
    for n in range(rate("auth_username")):
        Client(REMOTE_ADDR=f"198.51.100.{n + 1}").post(
            "/accounts/login/", {"username": admin_user.username, "password": "nope"}
        )
    _, response = admin_attempt(admin_user.username, password=PASSWORD, ip="192.0.2.2")
    assert response.status_code == 429


def test_staff_still_sign_in_with_the_right_password(db):
    admin_user = staff(db)
    client, response = admin_attempt(admin_user.username, password=PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
