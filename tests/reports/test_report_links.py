"""Report links: make, open, list, revoke, expire; and nothing else is reachable through one."""

from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.utils import timezone

from reports.models import ReportLink
from tests.factories import BabyFactory, FeedFactory

pytestmark = pytest.mark.django_db

RANGE = {"from": "2026-11-10", "to": "2026-11-23", "expires_in_hours": 48}


def links_path(baby) -> str:
    return f"/api/v1/babies/{baby.pk}/report-links/"


def make_link(client, baby, **overrides):
    return client.post(links_path(baby), {**RANGE, **overrides}, format="json")


def page_path(answer) -> str:
    return urlparse(answer.json()["url"]).path


def day_cells(html: str, day: str) -> list[str]:
    """The cells of the day-by-day table's row for `day` ("Thu 12 Nov")."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    row = body[body.index(f">{day}<") :].split("</tr>")[0]
    return [cell.split("<")[0] for cell in row.split("<td>")[1:]]


def breastfeed(baby, start, minutes_left=10, minutes_right=5, letdowns=2):
    switch = start + timedelta(minutes=minutes_left)
    end = switch + timedelta(minutes=minutes_right)
    iso = lambda t: t.astimezone(UTC).isoformat().replace("+00:00", "Z")  # noqa: E731
    return FeedFactory(
        baby=baby,
        kind="breast",
        started_at=start,
        ended_at=end,
        segments=[
            {"side": "left", "started_at": iso(start), "ended_at": iso(switch)},
            {"side": "right", "started_at": iso(switch), "ended_at": iso(end)},
        ],
        letdown_count=letdowns,
    )


def test_the_owner_makes_a_link_and_anyone_with_it_reads_that_babys_days(auth_client, baby):
    breastfeed(baby, datetime(2026, 11, 12, 3, 0, tzinfo=UTC), 12, 8, letdowns=3)
    breastfeed(baby, datetime(2026, 11, 12, 9, 0, tzinfo=UTC), 6, 6, letdowns=1)
    FeedFactory(baby=baby, kind="bottle", started_at=datetime(2026, 11, 13, 4, 0, tzinfo=UTC),
                amount_ml=90)  # fmt: skip
    answer = make_link(auth_client, baby)
    assert answer.status_code == 201
    body = answer.json()
    assert set(body) >= {"id", "url", "expires_at"}
    assert (body["from"], body["to"], body["state"]) == ("2026-11-10", "2026-11-23", "open")

    page = Client().get(page_path(answer))  # no account, no cookies
    assert page.status_code == 200
    html = page.content.decode()
    assert "Feeding report: Robin" in html
    assert day_cells(html, "Thu 12 Nov")[:4] == ["2", "18", "14", "4"]  # feeds, min L/R, let-downs
    assert day_cells(html, "Fri 13 Nov") == ["1", "0", "0", "0", "0", "90"]


def test_the_report_page_is_private_unindexed_and_leaks_no_referrer(auth_client, baby):
    page = Client().get(page_path(make_link(auth_client, baby)))
    assert page["X-Robots-Tag"].startswith("noindex")
    assert {"private", "no-store"} <= {part.strip() for part in page["Cache-Control"].split(",")}
    assert page["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex' in page.content.decode()
    # No service worker registration from a report: nothing of it is stored offline.
    assert "sw-register" not in page.content.decode()


def test_only_this_babys_days_in_the_range_are_in_the_report(auth_client, baby, user):
    other = BabyFactory(owner=user, name="Sasha")
    breastfeed(other, datetime(2026, 11, 12, 3, 0, tzinfo=UTC), letdowns=7)
    breastfeed(baby, datetime(2026, 11, 30, 3, 0, tzinfo=UTC), letdowns=9)  # after the range
    html = Client().get(page_path(make_link(auth_client, baby))).content.decode()
    assert "Sasha" not in html
    tfoot = html[html.index("<tfoot>") : html.index("</tfoot>")]
    totals = [cell.split("<")[0] for cell in tfoot.split("<td>")[1:]]
    assert totals == ["0", "0", "0", "0", "0", "0"]


def test_days_follow_the_zone_the_link_was_made_in(auth_client, baby):
    # 23:30 on the 11th in New York is the 12th in UTC.
    breastfeed(baby, datetime(2026, 11, 12, 4, 30, tzinfo=UTC))
    answer = make_link(auth_client, baby, tz="America/New_York")
    html = Client().get(page_path(answer)).content.decode()
    assert day_cells(html, "Wed 11 Nov")[0] == "1"
    assert day_cells(html, "Thu 12 Nov")[0] == "0"


def test_the_babys_age_in_days_is_shown_when_the_birth_date_is_known(auth_client, baby):
    baby.birth_date = date(2026, 11, 1)
    baby.save()
    html = Client().get(page_path(make_link(auth_client, baby))).content.decode()
    assert "22 days old on the last day" in html
    assert '<th scope="col">Age (days)</th>' in html


def test_a_caregiver_may_share_a_stranger_and_an_anonymous_caller_may_not(
    baby, caregiver_client, stranger_client, api_client
):
    assert make_link(caregiver_client, baby).status_code == 201
    assert make_link(stranger_client, baby).status_code == 404
    assert stranger_client.get(links_path(baby)).status_code == 404
    assert make_link(api_client, baby).status_code in (401, 403)
    assert ReportLink.objects.count() == 1


def test_the_list_never_shows_a_secret(auth_client, baby):
    made = make_link(auth_client, baby).json()
    listed = auth_client.get(links_path(baby)).json()
    assert [link["id"] for link in listed] == [made["id"]]
    assert "url" not in listed[0]
    secret = made["url"].rstrip("/").rsplit("/", 1)[1]
    assert secret not in auth_client.get(links_path(baby)).content.decode()
    assert ReportLink.objects.get().secret_hash != secret


def test_a_revoked_link_answers_410_and_stays_listed_as_revoked(auth_client, baby):
    answer = make_link(auth_client, baby)
    path = page_path(answer)
    assert auth_client.delete(f"{links_path(baby)}{answer.json()['id']}/").status_code == 204
    gone = Client().get(path)
    assert gone.status_code == 410
    assert "Robin" not in gone.content.decode()
    assert gone["X-Robots-Tag"].startswith("noindex")
    assert auth_client.get(links_path(baby)).json()[0]["state"] == "revoked"


def test_an_expired_link_answers_410(auth_client, baby):
    before = timezone.now()
    answer = make_link(auth_client, baby, expires_in_hours=1)
    link = ReportLink.objects.get()
    assert before + timedelta(hours=1) <= link.expires_at <= timezone.now() + timedelta(hours=1)
    link.expires_at = timezone.now() - timedelta(seconds=1)  # an hour has passed
    link.save()
    assert Client().get(page_path(answer)).status_code == 410
    assert auth_client.get(links_path(baby)).json()[0]["state"] == "expired"


def test_an_unknown_or_cut_secret_answers_404(auth_client, baby):
    path = page_path(make_link(auth_client, baby))
    assert Client().get(path[:-6] + "/").status_code == 404
    assert Client().get("/report/not-a-secret/").status_code == 404


def test_another_babys_link_cannot_be_revoked_through_this_one(auth_client, baby, user):
    other = BabyFactory(owner=user, name="Sasha")
    link_id = make_link(auth_client, other).json()["id"]
    assert auth_client.delete(f"{links_path(baby)}{link_id}/").status_code == 404
    assert ReportLink.objects.get().revoked_at is None


def test_opening_reports_is_rate_limited_per_address(auth_client, baby, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "report_page": "3/min",
        },
    }  # fmt: skip
    path = page_path(make_link(auth_client, baby))
    browser = Client()
    assert [browser.get(path).status_code for _ in range(3)] == [200, 200, 200]
    refused = browser.get("/report/guessing/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert Client(REMOTE_ADDR="10.0.0.9").get(path).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"to": "2026-11-01"}, "to", "ends_before_start"),
        ({"from": "2025-01-01"}, "to", "too_long"),
        ({"expires_in_hours": 0}, "expires_in_hours", "min_value"),
        ({"expires_in_hours": 721}, "expires_in_hours", "max_value"),
        ({"expires_in_hours": "24"}, "expires_in_hours", "wrong_type"),
        ({"tz": "Mars/Olympus"}, "tz", "invalid_choice"),
        ({"from": "11/10/2026"}, "from", "invalid"),
        ({"secret": "mine"}, "secret", "unknown_field"),
    ],
)
def test_bad_input_names_the_field_with_a_code_and_makes_nothing(
    auth_client, baby, overrides, field, code
):
    answer = make_link(auth_client, baby, **overrides)
    assert answer.status_code == 400
    assert code in answer.json()["codes"][field]
    assert ReportLink.objects.count() == 0


def test_a_range_ending_in_the_future_is_refused(auth_client, baby):
    tomorrow_everywhere = (timezone.now() + timedelta(days=2)).date()
    first = (tomorrow_everywhere - timedelta(days=3)).isoformat()
    answer = make_link(auth_client, baby, **{"from": first, "to": tomorrow_everywhere.isoformat()})
    assert answer.status_code == 400
    assert answer.json()["codes"]["to"] == ["in_future"]
