// The phone's feed totals, run by Node's test runner (make test): the same
// definition as Feed.derive_totals (docs/api-contract.md, "Feeds").
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  changedFields,
  clockSeconds,
  elapsedAt,
  feedSeconds,
  otherSide,
  sideSeconds,
  suggestedSide,
} from "../../frontend/static/frontend/js/tracker/feed.js";

const paused = {
  kind: "breast",
  started_at: "2026-03-01T08:00:00.000000+00:00",
  ended_at: "2026-03-01T08:00:21.700000+00:00",
  segments: [
    {
      side: "left",
      started_at: "2026-03-01T08:00:00.000000+00:00",
      ended_at: "2026-03-01T08:00:07.600000+00:00",
    },
    {
      side: "right",
      started_at: "2026-03-01T08:00:10.800000+00:00",
      ended_at: "2026-03-01T08:00:21.700000+00:00",
    },
  ],
};

test("sides are whole seconds per segment, truncated; the duration includes the pause", () => {
  assert.equal(sideSeconds(paused, "left"), 7);
  assert.equal(sideSeconds(paused, "right"), 10);
  assert.equal(feedSeconds(paused), 21);
});

test("microseconds count as the server reads them, not as Date.parse rounds them", () => {
  // 0.9999995 s: milliseconds alone would read a whole second here.
  const feed = {
    started_at: "2026-03-01T08:00:00.000000Z",
    ended_at: "2026-03-01T08:00:00.999999Z",
    segments: [],
  };
  assert.equal(feedSeconds(feed), 0);
  assert.equal(feedSeconds({ ...feed, ended_at: "2026-03-01T08:00:01.000000Z" }), 1);
});

test("a running feed counts up to now, its open segment too", () => {
  const now = Date.parse("2026-03-01T08:05:00Z");
  const running = {
    started_at: "2026-03-01T08:00:00Z",
    ended_at: null,
    segments: [{ side: "right", started_at: "2026-03-01T08:01:00Z", ended_at: null }],
  };
  assert.equal(feedSeconds(running, now), 300);
  assert.equal(sideSeconds(running, "right", now), 240);
  assert.equal(sideSeconds(running, "left", now), 0);
});

test("the next side is the other one of the last feed's last side", () => {
  assert.equal(otherSide("left"), "right");
  assert.equal(suggestedSide([paused]), "left");
  assert.equal(suggestedSide([{ kind: "bottle", segments: [] }]), null);
});

test("only changed fields are sent on an edit", () => {
  const after = { ...paused, notes: "sleepy" };
  assert.deepEqual(changedFields({ ...paused, notes: "" }, after), ["notes"]);
  assert.deepEqual(changedFields(paused, { ...paused }), []);
});

test("the timer's number leaves a pause out, and a let-down's moment reads as the timer showed", () => {
  assert.equal(clockSeconds(paused), 7 + 10);
  // 08:00:15.0 is 4.2 s into the right side, after a 3.2 s pause: 7 + 4, not 15.
  assert.equal(elapsedAt(paused, "2026-03-01T08:00:15.000000+00:00"), 7 + 4);
  // In the pause itself the number stands at the left side's time.
  assert.equal(elapsedAt(paused, "2026-03-01T08:00:09.000000+00:00"), 7);
});

test("a pumping session's or a side-less feed's number is its span", () => {
  const pump = { kind: "pump", started_at: paused.started_at, ended_at: paused.ended_at };
  assert.equal(clockSeconds(pump), 21);
  assert.equal(clockSeconds({ ...paused, segments: [] }), 21);
});
