"""The report for a visit: built on the phone (offline too), shared as a link, and
the link's page shows the same numbers, day by day, as the phone."""

import re
from datetime import timedelta

from django.utils import timezone

from tests.e2e.test_tracker_helpers import family, open_app, sign_in
from tests.factories import FeedFactory

ZONE = "Pacific/Chatham"  # far from UTC: a day-boundary slip between phone and server shows


def _numbers(cells: list[str]) -> list[str]:
    return [re.sub(r"[^0-9.]", "", cell) or "0" for cell in cells]


def _table(page) -> list[list[str]]:
    """Each body row's cells (without the day heading and the age column), as numbers."""
    rows = page.locator(".report-table tbody tr")
    has_age = page.locator(".report-table thead th", has_text="Age").count() > 0
    table = []
    for index in range(rows.count()):
        cells = rows.nth(index).locator("td").all_inner_texts()
        table.append(_numbers(cells[1:] if has_age else cells))
    return table


def _some_days_of_feeds(baby):
    now = timezone.now().replace(microsecond=0)
    for back, hours in [(1, 2), (1, 11), (3, 5), (6, 20), (9, 1)]:
        start = now - timedelta(days=back, hours=hours)
        FeedFactory(baby=baby, started_at=start, letdown_count=back % 3)
        FeedFactory(baby=baby, kind="pump", started_at=start + timedelta(minutes=40),
                    left_ml=50, right_ml=35.5)  # fmt: skip
    FeedFactory(baby=baby, kind="bottle", started_at=now - timedelta(days=2), amount_ml=90)


def test_the_shared_link_shows_the_phones_numbers_and_the_report_works_offline(
    new_context, live_url
):
    owner, baby = family("Robin")
    _some_days_of_feeds(baby)
    context = new_context(timezone_id=ZONE)
    page = context.new_page()
    sign_in(page, live_url, owner)
    open_app(page, live_url, "#/report")
    page.wait_for_selector(".report-table tbody tr")
    on_phone = _table(page)
    assert len(on_phone) == 14
    assert sum(float(row[0]) for row in on_phone) == 11  # every feed, once

    context.set_offline(True)
    open_app(page, live_url, "#/charts")
    page.get_by_role("link", name="Report for a visit").click()
    page.wait_for_selector(".report-table tbody tr")
    assert _table(page) == on_phone
    page.get_by_role("button", name="Make a link").click()
    assert "needs a connection" in page.get_by_role("status").inner_text()
    context.set_offline(False)

    page.get_by_role("button", name="Make a link").click()
    address = page.get_by_label("Report link")
    address.wait_for()
    url = address.input_value()
    assert re.fullmatch(rf"{re.escape(live_url)}/report/[\w-]{{40,}}/", url)
    assert page.locator(".report-links li").count() == 1

    consultant = new_context(timezone_id="America/Los_Angeles").new_page()  # no account
    consultant.goto(url)
    assert consultant.locator("h1").inner_text() == "Feeding report: Robin"
    assert _table(consultant) == on_phone

    page.get_by_role("button", name="Withdraw").click()
    page.locator(".report-links li").first.wait_for(state="detached")
    assert consultant.goto(url).status == 410
