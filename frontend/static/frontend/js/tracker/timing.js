/**
 * A running breastfeed's timer: the open segment, closing it, switching or
 * resuming a side, stopping the feed. Each returns a new feed object.
 */

import { lastSide, otherSide } from "./feed.js";

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
