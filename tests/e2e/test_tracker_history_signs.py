"""History shows, for each feed, the signs of milk transfer that were ticked
and its let-downs: the count logged afterwards, or the moments tapped on the
timer (the feed's `letdowns`, when the server sends them)."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, sign_in
from tests.factories import FeedFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_history_rows_show_signs_and_let_downs(new_context, live_url, scheme):
    page = new_context(service_workers="block", color_scheme=scheme).new_page()
    owner, baby = family()
    now = timezone.now().replace(microsecond=0)
    FeedFactory(
        baby=baby,
        started_at=now - timedelta(hours=2),
        letdown_count=2,
        signs=["gulping", "swallowing"],
    )
    FeedFactory(baby=baby, started_at=now - timedelta(hours=5))  # nothing noticed
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/history")

    rows = page.get_by_test_id("feed-row")
    expect(rows).to_have_count(2)
    # Signs in the order the form lists them, in the form's words.
    expect(rows.first.get_by_test_id("feed-signs")).to_have_text(
        "Signs: swallowing heard, gulping sounds"
    )
    expect(rows.first.get_by_test_id("feed-letdowns")).to_have_text("2 let-downs")
    expect(rows.nth(1).get_by_test_id("feed-signs")).to_have_count(0)
    expect(rows.nth(1).get_by_test_id("feed-letdowns")).to_have_count(0)
    page.screenshot(path=f"/tmp/shots-b/history-{scheme}.png")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_let_downs_tapped_on_the_timer_show_their_moments(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    # A feed as the timer records let-downs (`letdowns`: [{at, ml}]), put on
    # this phone as a pull would: the row must not depend on the server
    # sending the field, only use it when it is there.
    page.evaluate(
        """async (babyId) => {
          const start = Date.now() - 3600000;
          const iso = (ms) => new Date(ms).toISOString();
          const feed = {
            id: crypto.randomUUID(), baby: babyId, kind: "pump", started_at: iso(start),
            ended_at: iso(start + 20 * 60000), segments: [], letdown_count: 2, signs: ["leaking"],
            left_ml: 60, right_ml: 45, amount_ml: null, milk_type: null, notes: "", version: 1,
            letdowns: [{at: iso(start + 252000), ml: null}, {at: iso(start + 570000), ml: 20}],
          };
          await new Promise((resolve) => {
            const open = indexedDB.open("letdown");
            open.onsuccess = () => {
              const tx = open.result.transaction("feeds", "readwrite");
              tx.objectStore("feeds").put(feed);
              tx.oncomplete = () => { open.result.close(); resolve(); };
            };
          });
        }""",
        str(baby.pk),
    )
    page.goto(f"{live_url}/#/history")
    row = page.get_by_test_id("feed-row")
    expect(row.get_by_test_id("feed-letdowns")).to_have_text(
        "2 let-downs, at 4:12 and 9:30 (20 ml)"
    )
    expect(row.get_by_test_id("feed-signs")).to_have_text("Signs: leaking from the other side")
