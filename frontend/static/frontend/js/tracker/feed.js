/**
 * The feed as the app knows it: field names from the API contract, and the
 * pure calculations every screen shares (no storage, no DOM).
 *
 * Durations are always derived from the stored timestamps, never from a
 * counter, so a timer is right after a reload, a killed tab or a locked phone.
 */

import RULEBOOK from "./rulebook.js";

export const KIND_LABELS = { breast: "Breastfeed", pump: "Pumping", bottle: "Bottle" };
export const MILK_LABELS = { breast_milk: "Breast milk", formula: "Formula", mixed: "Mixed" };
export const SIDE_LABELS = { left: "Left", right: "Right" };

/** The fields a client may write (everything else is read-only on the server). */
export const WRITABLE = RULEBOOK.writable_feed_fields;

function nowIso() {
  return new Date().toISOString();
}

export function otherSide(side) {
  return side === "left" ? "right" : "left";
}

export function newFeed(babyId, kind, startedAt = nowIso()) {
  return {
    id: crypto.randomUUID(),
    baby: babyId,
    kind,
    started_at: startedAt,
    ended_at: null,
    segments: [],
    letdown_count: 0,
    letdowns: [],
    signs: [],
    left_ml: null,
    right_ml: null,
    amount_ml: null,
    milk_type: null,
    notes: "",
    version: null,
  };
}

/** A breast feed whose timer starts now on `side`. */
export function startBreastFeed(babyId, side, at = nowIso()) {
  const feed = newFeed(babyId, "breast", at);
  feed.segments = [{ side, started_at: at, ended_at: null }];
  return feed;
}

function ms(iso) {
  return Date.parse(iso);
}

/**
 * Microseconds since the epoch, exactly as the server reads the string: it
 * keeps microseconds, Date.parse only milliseconds, and a total truncated
 * from milliseconds can come out one second off the stored one.
 */
function micros(iso) {
  const [, whole, fraction = "", zone = ""] = /^([^.,]*)(?:[.,](\d+))?(.*)$/.exec(String(iso));
  return Date.parse(whole + zone) * 1000 + Number(fraction.slice(0, 6).padEnd(6, "0"));
}

/** `now` for a total as the server stores it: an open segment counts 0 (Feed.derive_totals). */
export const STORED = null;

/**
 * Whole seconds from `from` to `to` (ISO strings), as Python's
 * int(timedelta.total_seconds()); an open end (`to` null) runs to `now`, or
 * counts 0 when `now` is STORED.
 */
function wholeSeconds(from, to, now) {
  if (!to && now === STORED) return 0;
  const end = to ? micros(to) : now * 1000;
  return Math.max(0, Math.floor((end - micros(from)) / 1e6));
}

/*
 * A feed's totals: left / right / duration seconds exactly as the server
 * derives them (Feed.derive_totals in tracker/models.py; the definition is
 * in tracker/summaries.py's docstring); tests/e2e/test_tracker_totals.py
 * checks the phone against the server. A running feed counts up to `now`
 * (pass STORED for the stored value).
 */

export function sideSeconds(feed, side, now = Date.now()) {
  return (feed.segments || [])
    .filter((segment) => segment.side === side)
    .reduce((sum, segment) => sum + wholeSeconds(segment.started_at, segment.ended_at, now), 0);
}

/** The feed's duration_seconds (see above): start to end, pauses included. */
export function feedSeconds(feed, now = Date.now()) {
  return wholeSeconds(feed.started_at, feed.ended_at, now);
}

/** A feed whose timer runs: a breastfeed or a pumping session without an end yet. */
export function isRunning(feed) {
  return (feed.kind === "breast" || feed.kind === "pump") && !feed.ended_at;
}

/** A pumping session whose timer starts now (no sides: both are usually pumped at once). */
export function startPump(babyId, at = nowIso()) {
  return newFeed(babyId, "pump", at);
}

/**
 * What the timer's big number shows: the time at the breast (both sides; it
 * stands still in a pause), or the span of a pumping session or of a feed
 * without sides.
 */
export function clockSeconds(feed, now = Date.now()) {
  if (feed.kind === "pump" || !feed.segments?.length) return feedSeconds(feed, now);
  return sideSeconds(feed, "left", now) + sideSeconds(feed, "right", now);
}

/** The timer's big number as it read at `at` (a let-down's moment): the feed cut off there. */
export function elapsedAt(feed, at) {
  const t = ms(at);
  const segments = (feed.segments || [])
    .filter((segment) => ms(segment.started_at) <= t)
    .map((segment) =>
      segment.ended_at && ms(segment.ended_at) <= t ? segment : { ...segment, ended_at: null },
    );
  return clockSeconds({ ...feed, segments, ended_at: null }, t);
}

export function lastSide(feed) {
  const segments = feed.segments || [];
  return segments.length ? segments[segments.length - 1].side : null;
}

/** Pumped or bottle millilitres in one feed (0 for a breastfeed). */
export function feedMl(feed) {
  const values = feed.kind === "pump" ? [feed.left_ml, feed.right_ml] : [feed.amount_ml];
  return values.reduce((sum, value) => sum + (Number(value) || 0), 0);
}

/** The side to offer first next time: the other one from the last breastfeed. */
export function suggestedSide(feeds) {
  const lastBreast = feeds.find((feed) => feed.kind === "breast" && lastSide(feed));
  return lastBreast ? otherSide(lastSide(lastBreast)) : null;
}

/** Newest first, as every list in the app shows them. */
export function byNewest(a, b) {
  return ms(b.started_at) - ms(a.started_at);
}

/** The writable fields of `feed` whose values differ from `before`. */
export function changedFields(before, feed) {
  return WRITABLE.filter((name) => JSON.stringify(before?.[name]) !== JSON.stringify(feed[name]));
}
