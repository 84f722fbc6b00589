"""GET /api/v1/export/: every baby and feed the user can see, as a download."""

import csv
import io
import json

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
