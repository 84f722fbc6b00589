/**
 * Per-day totals from the feeds on this phone. The definition is the
 * server's, stated once in tracker/summaries.py (module docstring): a feed
 * belongs to the local day it started; sides count breastfeeds only, from
 * the stored per-feed totals, so a running feed's open segment counts 0
 * until it ends (its live time is shown on the feed itself, breastTimes).
 * tests/rules/test_totals_parity.py runs this and the server on one log.
 */

import { STORED, feedMl, feedSeconds, sideSeconds } from "./feed.js";
import { duration, localDayKey } from "./format.js";
import RULEBOOK from "./rulebook.js";

/**
 * A breastfeed's times as every screen words them: "21 min · left 7 min ·
 * right 10 min" (the totals of feed.js, the server's definitions; a side
 * not fed is left out).
 */
export function breastTimes(feed, now = Date.now()) {
  const parts = [duration(feedSeconds(feed, now))];
  for (const side of RULEBOOK.enums.side) {
    const seconds = sideSeconds(feed, side, now);
    if (seconds || (feed.segments || []).some((segment) => segment.side === side))
      parts.push(`${side} ${duration(seconds)}`);
  }
  return parts.join(" · ");
}

function emptyDay(day) {
  return { day, feeds: 0, leftSeconds: 0, rightSeconds: 0, pumpedMl: 0, bottleMl: 0, letdowns: 0 };
}

function add(total, feed) {
  total.feeds += 1;
  total.letdowns += feed.letdown_count || 0;
  if (feed.kind === "breast") {
    total.leftSeconds += sideSeconds(feed, "left", STORED);
    total.rightSeconds += sideSeconds(feed, "right", STORED);
  } else if (feed.kind === "pump") total.pumpedMl += feedMl(feed);
  else total.bottleMl += feedMl(feed);
}

/** One total per day key in `days` (in that order). */
export function perDay(feeds, days) {
  const byDay = new Map(days.map((day) => [day, emptyDay(day)]));
  for (const feed of feeds) {
    const total = byDay.get(localDayKey(feed.started_at));
    if (total) add(total, feed);
  }
  return days.map((day) => byDay.get(day));
}

export function todayTotals(feeds, now = Date.now()) {
  return perDay(feeds, [localDayKey(now)])[0];
}
