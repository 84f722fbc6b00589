"""Editing a recorded breastfeed in a real browser keeps what the timer saw:
the pauses between segments and their order. A new start moves every time by
the same amount; a side's new minutes change only that side's last segment
(later ones move with it); an edit that leaves the times alone sends no times.
The pure arithmetic (js/tracker/segments.js) is tested in the page itself."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.templatetags.static import static
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import save_screenshot
from tests.e2e.test_tracker_helpers import family, read_db, sign_in, wait_synced, wait_until
from tests.factories import FeedFactory
from tracker.models import Feed

pytestmark = pytest.mark.django_db(transaction=True)

# Not UTC, so a start typed in local time that the app read as UTC would show.
ZONE = "Europe/Berlin"


def _z(moment):
    """A time as the server stores it in segments (tracker.segments.serialise_segments)."""
    return moment.astimezone(ZoneInfo("UTC")).isoformat().replace("+00:00", "Z")


def _local_input(moment):
    return moment.astimezone(ZoneInfo(ZONE)).strftime("%Y-%m-%dT%H:%M")


def _paused_feed(baby):
    """Left 5 min, a 5 min pause, right 10 min: started two hours ago."""
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=2)
    minute = timedelta(minutes=1)
    return start, FeedFactory(
        baby=baby,
        started_at=start,
        ended_at=start + 20 * minute,
        segments=[
            {"side": "left", "started_at": start, "ended_at": start + 5 * minute},
            {"side": "right", "started_at": start + 10 * minute, "ended_at": start + 20 * minute},
        ],
    )


def _open_edit(new_context, live_url, owner, feed):
    page = new_context(timezone_id=ZONE).new_page()
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/feed/{feed.pk}")
    expect(page.get_by_role("heading", name="Edit breastfeed")).to_be_visible()
    return page


def test_new_start_and_fewer_right_minutes_keep_the_pause(new_context, live_url):
    owner, baby = family()
    start, feed = _paused_feed(baby)
    page = _open_edit(new_context, live_url, owner, feed)
    segments = page.get_by_test_id("segment-list").get_by_role("listitem")
    expect(segments).to_have_count(2)
    expect(segments.nth(1)).to_contain_text("10 min, after a 5 min pause")

    new_start = start - timedelta(minutes=30)
    page.get_by_label("Started", exact=True).fill(_local_input(new_start))
    page.get_by_label("Minutes on the right").fill("7")
    expect(segments.nth(1)).to_contain_text("Right from")
    expect(segments.nth(1)).to_contain_text("7 min, after a 5 min pause")
    page.get_by_test_id("segment-list").scroll_into_view_if_needed()
    save_screenshot(page, "tracker-edit-breastfeed-segments")
    page.get_by_role("button", name="Save changes").click()

    wait_until(page, lambda: Feed.objects.get(pk=feed.pk).started_at == new_start)
    wait_synced(page)  # nothing in flight when the next test writes
    stored = read_db(page, lambda: Feed.objects.get(pk=feed.pk))
    minute = timedelta(minutes=1)
    assert stored.segments == [
        {"side": "left", "started_at": _z(new_start), "ended_at": _z(new_start + 5 * minute)},
        {
            "side": "right",
            "started_at": _z(new_start + 10 * minute),
            "ended_at": _z(new_start + 17 * minute),
        },
    ]
    assert stored.ended_at == new_start + 17 * minute
    assert (stored.left_seconds, stored.right_seconds) == (300, 420)


def test_more_left_minutes_move_the_right_segment_and_keep_the_pause(new_context, live_url):
    owner, baby = family()
    start, feed = _paused_feed(baby)
    page = _open_edit(new_context, live_url, owner, feed)
    page.get_by_label("Minutes on the left").fill("8")
    page.get_by_role("button", name="Save changes").click()

    minute = timedelta(minutes=1)
    wait_until(page, lambda: Feed.objects.get(pk=feed.pk).left_seconds == 480)
    wait_synced(page)  # nothing in flight when the next test writes
    stored = read_db(page, lambda: Feed.objects.get(pk=feed.pk))
    assert stored.started_at == start
    assert stored.segments == [
        {"side": "left", "started_at": _z(start), "ended_at": _z(start + 8 * minute)},
        {
            "side": "right",
            "started_at": _z(start + 13 * minute),
            "ended_at": _z(start + 23 * minute),
        },
    ]
    assert stored.ended_at == start + 23 * minute


def test_editing_only_the_notes_leaves_the_segments_untouched(new_context, live_url):
    owner, baby = family()
    _, feed = _paused_feed(baby)
    before = Feed.objects.get(pk=feed.pk)
    page = _open_edit(new_context, live_url, owner, feed)
    page.get_by_label("Notes (optional)").fill("sleepy after the pause")
    page.get_by_role("button", name="Save changes").click()

    wait_until(page, lambda: Feed.objects.get(pk=feed.pk).notes == "sleepy after the pause")
    wait_synced(page)  # nothing in flight when the next test writes
    after = read_db(page, lambda: Feed.objects.get(pk=feed.pk))
    assert after.segments == before.segments
    assert (after.started_at, after.ended_at) == (before.started_at, before.ended_at)
    # Not rewritten with equal values either: the edit sent no times at all.
    for name in ("segments", "started_at", "ended_at"):
        assert after.field_versions.get(name) == before.field_versions.get(name)
    assert after.field_versions["notes"] > before.field_versions.get("notes", 0)


def test_a_breastfeed_without_segments_takes_a_notes_edit_without_minutes(new_context, live_url):
    owner, baby = family()
    feed = FeedFactory(baby=baby, segments=[])
    page = _open_edit(new_context, live_url, owner, feed)
    expect(page.get_by_label("Minutes on the left")).to_have_value("")
    page.get_by_label("Notes (optional)").fill("timed on paper")
    page.get_by_role("button", name="Save changes").click()

    wait_until(page, lambda: Feed.objects.get(pk=feed.pk).notes == "timed on paper")
    wait_synced(page)  # nothing in flight when the next test writes
    stored = read_db(page, lambda: Feed.objects.get(pk=feed.pk))
    assert (stored.segments, stored.started_at, stored.ended_at) == (
        [],
        feed.started_at,
        feed.ended_at,
    )


def test_minutes_the_server_would_refuse_are_named_and_not_queued(new_context, live_url):
    owner, baby = family()
    now = timezone.now().replace(microsecond=0)
    ago = timedelta(minutes=30)
    feed = FeedFactory(baby=baby, started_at=now - ago, ended_at=now - ago / 2)
    page = _open_edit(new_context, live_url, owner, feed)
    # 3 more hours on the left would end the feed in the future.
    page.get_by_label("Minutes on the left").fill("190")
    page.get_by_role("button", name="Save changes").click()

    error = page.locator('[data-error-for="left_minutes"]')
    expect(error).to_contain_text("The end is in the future")
    expect(page.get_by_label("Minutes on the left")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("heading", name="Edit breastfeed")).to_be_visible()
    pending = page.evaluate(
        """() => new Promise((resolve, reject) => {
          const open = indexedDB.open("letdown");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction("outbox").objectStore("outbox").count();
            request.onsuccess = () => resolve(request.result);
          };
        })"""
    )
    assert pending == 0
    stored = read_db(page, lambda: Feed.objects.get(pk=feed.pk))
    assert stored.version == feed.version


def test_a_pump_moved_to_start_now_is_refused_at_the_form_in_the_servers_words(
    new_context, live_url
):
    """Now + 15 minutes ends past the clock allowance: the form says so, as the server would."""
    owner, baby = family()
    feed = FeedFactory(baby=baby, kind="pump", segments=[], left_ml=60)
    page = new_context(timezone_id=ZONE).new_page()
    sign_in(page, live_url, owner)
    page.goto(f"{live_url}/#/feed/{feed.pk}")
    expect(page.get_by_role("heading", name="Edit pumping")).to_be_visible()
    page.get_by_label("Started").fill(_local_input(timezone.now()))
    page.get_by_role("button", name="Save changes").click()

    error = page.locator('[data-error-for="duration_minutes"]')
    expect(error).to_have_text("The end is in the future; check the phone's clock.")
    expect(page.get_by_label("How long (minutes)")).to_have_attribute("aria-invalid", "true")
    stored = read_db(page, lambda: Feed.objects.get(pk=feed.pk))
    assert (stored.started_at, stored.version) == (feed.started_at, feed.version)


# The module under test, imported by the page itself (same origin, so the CSP allows it).
UNIT = """async (url) => {
  const S = await import(url);
  const z = (minutes) => new Date(Date.UTC(2026, 0, 10, 8, 0) + minutes * 60000).toISOString();
  const at = (minutes) => (minutes === null ? null : z(minutes));
  const seg = (side, from, to) => ({ side, started_at: z(from), ended_at: at(to) });
  const feed = (segments, end) => ({ started_at: z(0), ended_at: at(end), segments });
  const paused = feed([seg("left", 0, 5), seg("right", 10, 20)], 20);
  const out = {};
  const now = Date.UTC(2026, 0, 11);
  const ok = (timing) => Object.keys(S.timingErrors(timing, now)).length === 0;

  out.unchangedIsSameObject =
    S.setSideSeconds(paused, "left", 300) === paused && S.shiftTiming(paused, 0) === paused;
  out.shift = S.shiftTiming(paused, -30 * 60000);
  out.openShift = S.shiftTiming(feed([seg("left", 0, 5), seg("right", 7, null)], null), 60000);
  out.openShiftValid = ok(out.openShift);
  try {
    S.setSideSeconds(out.openShift, "left", 60);
    out.openRefused = false;
  } catch (error) {
    out.openRefused = error instanceof RangeError;
  }
  out.single = S.setSideSeconds(feed([seg("left", 0, 10)], 10), "left", 4 * 60);
  out.singleToZero = S.setSideSeconds(feed([seg("left", 0, 10)], 10), "left", 0);
  out.clamped = S.setSideSeconds(paused, "right", -120);
  const zero = S.setSideSeconds(paused, "right", 0);
  out.clampedEqualsZero = JSON.stringify(out.clamped) === JSON.stringify(zero);
  // Shortening past the last left segment eats into the earlier one and drops
  // the emptied one; the pauses around it join.
  const three = feed(
    [seg("left", 0, 5), seg("right", 8, 12), seg("left", 14, 16), seg("right", 20, 25)], 26);
  out.cutAcross = S.setSideSeconds(three, "left", 3 * 60);
  out.cutAcrossValid = ok(out.cutAcross);
  out.lengthenLast = S.setSideSeconds(three, "left", 9 * 60);
  out.lengthenLastValid = ok(out.lengthenLast);
  out.addSide = S.setSideSeconds(feed([seg("left", 0, 5)], 9), "right", 150);
  out.totals = [S.sideTotalSeconds(paused, "left"), S.sideTotalSeconds(paused, "right")];
  out.described = S.describeSegments(paused).map((r) => [r.side, r.seconds, r.pauseSeconds]);
  out.errors = {
    overlap: S.timingErrors(feed([seg("left", 0, 6), seg("right", 5, 9)], 9), now),
    beforeStart: S.timingErrors(feed([seg("left", -1, 5)], 5), now),
    afterEnd: S.timingErrors(feed([seg("left", 0, 6)], 5), now),
    openNotLast: S.timingErrors(feed([seg("left", 0, null), seg("right", 5, 6)], null), now),
    openButEnded: S.timingErrors(feed([seg("left", 0, null)], 5), now),
    tooLong: S.timingErrors(feed([seg("left", 0, 5), seg("right", 700, 721)], 721), now),
    future: S.timingErrors(feed([seg("left", 0, 5)], 5), Date.UTC(2026, 0, 10, 7, 40)),
  };
  return out;
}"""


def test_segment_arithmetic_edge_cases(page, live_url):
    page.goto(f"{live_url}/offline/")
    r = page.evaluate(UNIT, static("frontend/js/tracker/segments.js"))

    def z(minutes, seconds=0):
        return f"2026-01-10T{8 + minutes // 60:02d}:{minutes % 60:02d}:{seconds:02d}.000Z"

    def seg(side, start, end):
        return {"side": side, "started_at": start, "ended_at": end}

    assert r["unchangedIsSameObject"] is True
    assert r["shift"] == {
        "started_at": "2026-01-10T07:30:00.000Z",
        "ended_at": "2026-01-10T07:50:00.000Z",
        "segments": [
            seg("left", "2026-01-10T07:30:00.000Z", "2026-01-10T07:35:00.000Z"),
            seg("right", "2026-01-10T07:40:00.000Z", "2026-01-10T07:50:00.000Z"),
        ],
    }
    # A running feed: the open last segment stays open, and only moves.
    assert r["openShift"]["segments"][1] == seg("right", z(8), None)
    assert r["openShift"]["ended_at"] is None
    assert r["openShiftValid"] is True
    assert r["openRefused"] is True
    # Untouched times keep their stored strings exactly.
    assert r["single"]["segments"] == [seg("left", z(0), z(4))]
    assert r["single"]["ended_at"] == z(4)
    assert r["singleToZero"]["segments"] == []
    assert r["singleToZero"]["ended_at"] == z(0)
    assert r["clampedEqualsZero"] is True
    assert r["clamped"]["segments"] == [seg("left", z(0), z(5))]
    assert r["clamped"]["ended_at"] == z(10)  # the pause after the left stays in the span
    assert r["cutAcross"]["segments"] == [
        seg("left", z(0), z(3)),
        seg("right", z(6), z(10)),
        seg("right", z(16), z(21)),  # 2 + 4 min of pause, joined around the dropped left
    ]
    assert r["cutAcross"]["ended_at"] == z(22)
    assert r["cutAcrossValid"] is True
    assert r["lengthenLast"]["segments"] == [
        seg("left", z(0), z(5)),
        seg("right", z(8), z(12)),
        seg("left", z(14), z(18)),
        seg("right", z(22), z(27)),
    ]
    assert r["lengthenLast"]["ended_at"] == z(28)
    assert r["lengthenLastValid"] is True
    assert r["addSide"]["segments"] == [seg("left", z(0), z(5)), seg("right", z(5), z(7, 30))]
    assert r["addSide"]["ended_at"] == z(11, 30)
    assert r["totals"] == [300, 600]
    assert r["described"] == [["left", 300, 0], ["right", 600, 300]]
    errors = r["errors"]
    assert errors["overlap"] == {"segments": ["Segments 1 and 2 overlap or are out of order."]}
    assert errors["beforeStart"] == {"segments": ["Segment 1 starts before the feed."]}
    assert errors["afterEnd"] == {"segments": ["Segment 1 ends after the feed."]}
    no_end = {"segments": ["Segment 1 has no end; only a running one may."]}
    assert errors["openNotLast"] == no_end
    assert errors["openButEnded"] == no_end
    assert errors["tooLong"] == {"ended_at": ["A feed lasts at most 12 hours."]}
    # As the server: the feed's start and end, and its segment, are all ahead.
    assert set(errors["future"]) == {"started_at", "ended_at", "segments"}
