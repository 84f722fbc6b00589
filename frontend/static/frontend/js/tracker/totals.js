/**
 * Per-day totals from the feeds on this phone (days in local time; a feed
 * belongs to the day it started, as the server's summary does).
 */

import { feedMl, feedSeconds, sideSeconds } from "./feed.js";
import { duration, localDayKey } from "./format.js";

/**
 * A breastfeed's times as every screen words them: "21 min · left 7 min ·
 * right 10 min" (the totals of feed.js, the server's definitions; a side
 * not fed is left out).
 */
export function breastTimes(feed, now = Date.now()) {
  const parts = [duration(feedSeconds(feed, now))];
  for (const side of ["left", "right"]) {
    const seconds = sideSeconds(feed, side, now);
    if (seconds || (feed.segments || []).some((segment) => segment.side === side))
      parts.push(`${side} ${duration(seconds)}`);
  }
  return parts.join(" · ");
}

function emptyDay(day) {
  return { day, feeds: 0, leftSeconds: 0, rightSeconds: 0, pumpedMl: 0, bottleMl: 0, letdowns: 0 };
}

function add(total, feed, now) {
  total.feeds += 1;
  total.letdowns += feed.letdown_count || 0;
  if (feed.kind === "breast") {
    total.leftSeconds += sideSeconds(feed, "left", now);
    total.rightSeconds += sideSeconds(feed, "right", now);
  } else if (feed.kind === "pump") total.pumpedMl += feedMl(feed);
  else total.bottleMl += feedMl(feed);
}

/** One total per day key in `days` (in that order). */
export function perDay(feeds, days, now = Date.now()) {
  const byDay = new Map(days.map((day) => [day, emptyDay(day)]));
  for (const feed of feeds) {
    const total = byDay.get(localDayKey(feed.started_at));
    if (total) add(total, feed, now);
  }
  return days.map((day) => byDay.get(day));
}

export function todayTotals(feeds, now = Date.now()) {
  return perDay(feeds, [localDayKey(now)], now)[0];
}
