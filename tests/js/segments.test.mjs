// The edit form's timing rules and segment edits, run by Node's test runner.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  setSideSeconds,
  shiftTiming,
  sideTotalSeconds,
  timingErrors,
} from "../../frontend/static/frontend/js/tracker/segments.js";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const feed = {
  started_at: "2026-03-01T08:00:00.000Z",
  ended_at: "2026-03-01T08:20:00.000Z",
  segments: [
    { side: "left", started_at: "2026-03-01T08:00:00.000Z", ended_at: "2026-03-01T08:10:00.000Z" },
    {
      side: "right",
      started_at: "2026-03-01T08:12:00.000Z",
      ended_at: "2026-03-01T08:20:00.000Z",
    },
  ],
};

test("a valid feed has no errors", () => {
  assert.deepEqual(timingErrors(feed, NOW), {});
});

test("an end before the start, a feed over 12 hours and a start in the future are named", () => {
  const backwards = { ...feed, segments: [], ended_at: "2026-03-01T07:00:00.000Z" };
  assert.ok(timingErrors(backwards, NOW).ended_at);
  const long = { ...feed, segments: [], ended_at: "2026-03-01T20:00:01.000Z" };
  assert.ok(timingErrors(long, Date.parse("2026-03-02T00:00:00Z")).ended_at);
  const ahead = { started_at: "2026-03-01T12:11:00.000Z", ended_at: null, segments: [] };
  assert.ok(timingErrors(ahead, NOW).started_at);
});

test("a segment outside the feed is an error on segments", () => {
  const late = {
    ...feed,
    segments: [
      {
        side: "left",
        started_at: "2026-03-01T08:00:00.000Z",
        ended_at: "2026-03-01T08:30:00.000Z",
      },
    ],
  };
  assert.ok(timingErrors(late, NOW).segments);
});

test("new minutes for one side grow its last segment and shift what follows", () => {
  const edited = setSideSeconds(feed, "left", 12 * 60);
  assert.equal(sideTotalSeconds(edited, "left"), 12 * 60);
  assert.equal(sideTotalSeconds(edited, "right"), 8 * 60);
  assert.equal(edited.segments[1].started_at, "2026-03-01T08:14:00.000Z");
  assert.deepEqual(timingErrors(edited, NOW), {});
});

test("a new start moves every time by the same amount", () => {
  const moved = shiftTiming(feed, -60 * 60 * 1000);
  assert.equal(moved.started_at, "2026-03-01T07:00:00.000Z");
  assert.equal(moved.segments[1].ended_at, "2026-03-01T07:20:00.000Z");
  assert.equal(shiftTiming(feed, 0), feed);
});
