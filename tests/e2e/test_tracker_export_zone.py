"""The CSV export link asks for the phone's own time zone (tracker/api/export.py: `tz`)."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, open_app, sign_in
from tests.factories import FeedFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_csv_download_gives_times_in_the_phones_zone(new_context, live_url):
    owner, baby = family()
    FeedFactory(baby=baby)
    page = new_context(timezone_id="America/Chicago").new_page()
    sign_in(page, live_url, owner)
    open_app(page, live_url, "#/settings")
    link = page.get_by_role("link", name="Download CSV")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["time_zone"] == "America/Chicago"
    assert row["started_at_local"]
