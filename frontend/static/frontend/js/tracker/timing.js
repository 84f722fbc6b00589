/**
 * A running feed's timer (a breastfeed, or a pumping session): the open
 * segment, closing it, switching or resuming a side, let-downs tapped as
 * they happen, stopping the feed. Each returns a new feed object.
 */

import { lastSide, otherSide } from "./feed.js";
import RULEBOOK from "./rulebook.js";

function nowIso() {
  return new Date().toISOString();
}

export function openSegment(feed) {
  const last = feed.segments?.[feed.segments.length - 1];
  return last && !last.ended_at ? last : null;
}

/** Close the open segment (if any) at `at`; returns a new feed object. */
export function closeSegment(feed, at = nowIso()) {
  const segments = (feed.segments || []).map((segment) =>
    segment.ended_at ? segment : { ...segment, ended_at: at },
  );
  return { ...feed, segments };
}

export function switchSide(feed, at = nowIso()) {
  const side = otherSide(lastSide(feed) || "right");
  const closed = closeSegment(feed, at);
  return { ...closed, segments: [...closed.segments, { side, started_at: at, ended_at: null }] };
}

export function resumeOn(feed, side, at = nowIso()) {
  const closed = closeSegment(feed, at);
  return { ...closed, segments: [...closed.segments, { side, started_at: at, ended_at: null }] };
}

export function stopFeed(feed, at = nowIso()) {
  return { ...closeSegment(feed, at), ended_at: at };
}

/** The most let-downs one feed records (the server's limit, from the rulebook). */
export const MAX_LETDOWNS = RULEBOOK.limits.MAX_LETDOWNS;

/** A let-down noticed at `at`; the count follows from the times. */
export function addLetdown(feed, at = nowIso()) {
  const letdowns = [...(feed.letdowns || []), { at, ml: null }].slice(0, MAX_LETDOWNS);
  return { ...feed, letdowns, letdown_count: letdowns.length };
}

/** The let-down at `index` taken back (a tap by mistake). */
export function removeLetdown(feed, index) {
  const letdowns = (feed.letdowns || []).filter((_, i) => i !== index);
  return { ...feed, letdowns, letdown_count: letdowns.length };
}
