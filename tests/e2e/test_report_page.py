"""A shared report in a real browser: accessible in light and dark, nothing from
another host, no CSP error, and on paper (A4 and US Letter) nothing cut off."""

from datetime import UTC, date, datetime, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from reports.models import ReportLink, new_secret, secret_hash
from tests.e2e.conftest import record_third_party_requests, save_screenshot
from tests.factories import BabyFactory, FeedFactory, UserFactory

# The page width left for content, in CSS pixels (96 per inch), after print.css's
# 12 mm side margins: A4 is 210 mm wide, US Letter 8.5 in (215.9 mm).
PRINTABLE_PX = {"A4": round((210 - 24) / 25.4 * 96), "Letter": round((215.9 - 24) / 25.4 * 96)}


@pytest.fixture
def report_path(transactional_db):
    owner = UserFactory()
    baby = BabyFactory(owner=owner, name="Robin", birth_date=date(2026, 11, 1))
    for day in range(14):
        start = datetime(2026, 11, 10 + day, 3, 0, tzinfo=UTC)
        FeedFactory(baby=baby, kind="bottle", started_at=start, amount_ml=60 + day)
        FeedFactory(baby=baby, kind="pump", started_at=start + timedelta(hours=4),
                    left_ml=55.5, right_ml=40, letdown_count=day % 4)  # fmt: skip
    secret = new_secret()
    ReportLink.objects.create(
        baby=baby, created_by=owner, secret_hash=secret_hash(secret),
        first_day=date(2026, 11, 10), last_day=date(2026, 11, 23), time_zone="Europe/London",
        expires_at=timezone.now() + timedelta(hours=2),
    )  # fmt: skip
    return f"/report/{secret}/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_report_has_no_axe_violations_and_loads_nothing_else(
    new_context, live_url, report_path, scheme
):
    context = new_context(color_scheme=scheme)
    third_party = record_third_party_requests(context, live_url)
    page = context.new_page()
    csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and csp_errors.append(m.text))
    page.goto(live_url + report_path)
    page.wait_for_selector("h1")
    results = Axe().run(page)
    save_screenshot(page, f"report-{scheme}")
    assert results.violations_count == 0, results.generate_report()
    assert third_party == []
    assert csp_errors == []
    assert page.locator(".report-table tbody tr").count() == 14


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_on_paper_every_column_and_row_fits_the_page_width(
    new_context, live_url, report_path, paper
):
    context = new_context(viewport={"width": PRINTABLE_PX[paper], "height": 1000})
    page = context.new_page()
    page.goto(live_url + report_path)
    page.emulate_media(media="print")
    widths = page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth,
            table: document.querySelector('.report-table').getBoundingClientRect().right,
            nav: getComputedStyle(document.querySelector('.site-header')).display,
        })"""
    )
    assert widths["page"] <= PRINTABLE_PX[paper]
    assert widths["table"] <= PRINTABLE_PX[paper]
    assert widths["nav"] == "none"
    pdf = page.pdf(format=paper, print_background=False)
    assert pdf.startswith(b"%PDF")
