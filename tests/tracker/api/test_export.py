"""GET /api/v1/export/: every baby and feed the user can see, as a download."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from unittest.mock import patch

import pytest

from tests.factories import BabyFactory, FeedFactory, add_caregiver

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/export/"


def _download(client, **params):
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content).decode()


def test_json_holds_the_users_babies_and_live_feeds(auth_client, user, baby):
    theirs = BabyFactory(name="Kit")
    add_caregiver(theirs, user)
    kept = FeedFactory(baby=baby)
    cared = FeedFactory(baby=theirs)
    gone = FeedFactory(baby=baby)
    auth_client.delete(f"/api/v1/feeds/{gone.pk}/")
    _, text = _download(auth_client, format="json")
    body = json.loads(text)
    assert {(b["name"], b["role"]) for b in body["babies"]} == {
        ("Robin", "owner"),
        ("Kit", "caregiver"),
    }
    assert {f["id"] for f in body["feeds"]} == {str(kept.pk), str(cared.pk)}


def test_json_feeds_carry_the_api_fields(auth_client, baby):
    feed = FeedFactory(baby=baby, kind="pump", left_ml="40.5", right_ml=30)
    _, text = _download(auth_client, format="json")
    exported = json.loads(text)["feeds"][0]
    api = auth_client.get(f"/api/v1/feeds/{feed.pk}/").json()
    assert exported == api


def test_json_is_the_default(auth_client, baby):
    response, text = _download(auth_client)
    assert response["Content-Type"] == "application/json"
    assert json.loads(text)["feeds"] == []


def test_the_export_is_an_attachment(auth_client):
    response, _ = _download(auth_client, format="csv")
    assert response["Content-Disposition"].startswith('attachment; filename="letdown-export-')
    assert response["Content-Disposition"].endswith('.csv"')


def test_csv_has_a_row_per_feed_with_the_babys_name(auth_client, baby):
    feed = FeedFactory(baby=baby, signs=["tingling", "leaking"], letdown_count=1)
    response, text = _download(auth_client, format="csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert response["Content-Type"].startswith("text/csv")
    assert [(r["id"], r["baby_name"], r["signs"]) for r in rows] == [
        (str(feed.pk), "Robin", "tingling;leaking")
    ]
    assert json.loads(rows[0]["segments"])[0]["side"] == "left"


def test_csv_defuses_cells_a_spreadsheet_would_run_as_formulas(auth_client, baby):
    FeedFactory(baby=baby, notes='=HYPERLINK("http://evil.test")')
    _, text = _download(auth_client, format="csv")
    assert next(csv.DictReader(io.StringIO(text)))["notes"].startswith("'=")


def test_an_unknown_format_is_a_400_naming_format(auth_client):
    response = auth_client.get(EXPORT, {"format": "xlsx"})
    assert response.status_code == 400
    assert "format" in response.json()


def test_the_export_costs_the_same_queries_for_many_feeds(
    auth_client, baby, django_assert_max_num_queries
):
    for _ in range(30):
        FeedFactory(baby=baby)
    with django_assert_max_num_queries(4):
        _, text = _download(auth_client, format="json")
    assert len(json.loads(text)["feeds"]) == 30


@pytest.mark.parametrize(
    "notes",
    [
        ' =HYPERLINK("http://evil.test")',
        "\n=1+1",
        "  +SUM(A1)",
        "\r\n-2+3",
        "\t@SUM(A1)",
        "\r=1",
        " \t\n@cmd",
    ],
)
def test_csv_defuses_formulas_hidden_behind_blanks_and_line_breaks(auth_client, baby, notes):
    FeedFactory(baby=baby, notes=notes)
    _, text = _download(auth_client, format="csv")
    assert next(csv.DictReader(io.StringIO(text)))["notes"] == "'" + notes


def test_csv_leaves_ordinary_notes_alone(auth_client, baby):
    FeedFactory(baby=baby, notes="fussy - then settled = good")
    _, text = _download(auth_client, format="csv")
    assert next(csv.DictReader(io.StringIO(text)))["notes"] == "fussy - then settled = good"


def test_csv_gives_local_times_in_the_phones_zone_beside_utc(auth_client, baby):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST, UTC+1).
    started = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    FeedFactory(baby=baby, started_at=started, ended_at=started + timedelta(minutes=20))
    _, text = _download(auth_client, format="csv", tz="Europe/London")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["started_at"].startswith("2026-06-30T23:30:00")
    assert row["time_zone"] == "Europe/London"
    assert row["started_at_local"] == "2026-07-01 00:30:00"
    assert row["ended_at_local"] == "2026-07-01 00:50:00"


def test_csv_lists_each_letdowns_local_time_and_a_pumps_ml(auth_client, baby):
    started = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 in London
    at = lambda minutes: (started + timedelta(minutes=minutes)).isoformat()  # noqa: E731
    FeedFactory(
        baby=baby, kind="pump", started_at=started, ended_at=started + timedelta(minutes=20),
        left_ml=40, right_ml=30, letdown_count=2,
        letdowns=[{"at": at(2), "ml": "25.50"}, {"at": at(9), "ml": None}],
    )  # fmt: skip
    FeedFactory(baby=baby, started_at=started + timedelta(hours=2))  # none noted
    _, text = _download(auth_client, format="csv", tz="Europe/London")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["letdowns_local"] for row in rows] == ["00:32:00 25.5 ml;00:39:00", ""]
    assert rows[0]["letdown_count"] == "2"


def test_csv_local_times_default_to_utc(auth_client, baby):
    started = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
    FeedFactory(baby=baby, started_at=started, ended_at=started + timedelta(minutes=5))
    _, text = _download(auth_client, format="csv")
    row = next(csv.DictReader(io.StringIO(text)))
    assert (row["time_zone"], row["started_at_local"]) == ("UTC", "2026-01-15 08:00:00")


def test_an_unknown_time_zone_is_a_400_naming_tz(auth_client):
    response = auth_client.get(EXPORT, {"format": "csv", "tz": "Mars/Olympus"})
    assert response.status_code == 400
    assert "tz" in response.json()


def test_the_files_date_is_today_in_the_phones_zone(auth_client, baby):
    # Pinned clock: 23:30 UTC on 31 Dec is already 1 Jan in Auckland.
    now = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    with patch("django.utils.timezone.now", return_value=now):
        response = auth_client.get(EXPORT, {"format": "csv", "tz": "Pacific/Auckland"})
    assert 'filename="letdown-export-2027-01-01.csv"' in response["Content-Disposition"]
