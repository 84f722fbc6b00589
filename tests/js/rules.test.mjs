// The phone's checks of a feed (rules.js), run by Node's test runner. The
// parity with Feed.full_clean is tests/rules/test_parity.py; these pin the
// module's own pieces and that the forms' lists come from the rulebook.
import assert from "node:assert/strict";
import { test } from "node:test";

import { WRITABLE } from "../../frontend/static/frontend/js/tracker/feed.js";
import { SIGNS } from "../../frontend/static/frontend/js/tracker/fields.js";
import RULEBOOK from "../../frontend/static/frontend/js/tracker/rulebook.js";
import VIOLATIONS from "../../frontend/static/frontend/js/tracker/rulebook-violations.js";
import {
  decimalShape,
  feedErrors,
  parseTime,
  say,
  timingViolations,
} from "../../frontend/static/frontend/js/tracker/rules.js";
import { MAX_LETDOWNS, addLetdown } from "../../frontend/static/frontend/js/tracker/timing.js";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const pump = (start, end) => ({
  kind: "pump",
  started_at: start,
  ended_at: end,
  segments: [],
  letdowns: [],
  letdown_count: 0,
  signs: [],
  left_ml: 60,
  right_ml: null,
  notes: "",
});

test("a pump that starts now and lasts 15 minutes ends too far ahead", () => {
  const { errors, codes } = feedErrors(pump("2026-03-01T12:00:00Z", "2026-03-01T12:15:00Z"), NOW);
  assert.deepEqual(codes, { ended_at: ["in_future"] });
  assert.deepEqual(errors.ended_at, ["The end is in the future; check the phone's clock."]);
});

test("the clock allowance is inclusive, to the microsecond", () => {
  const edge = pump("2026-03-01T11:55:00Z", "2026-03-01T12:10:00.000000Z");
  assert.deepEqual(feedErrors(edge, NOW).codes, {});
  const past = pump("2026-03-01T11:55:00Z", "2026-03-01T12:10:00.000001Z");
  assert.deepEqual(feedErrors(past, NOW).codes, { ended_at: ["in_future"] });
});

test("the rulebook's words fill their placeholders", () => {
  assert.equal(
    say("segments_overlap", { n: 1, next: 2 }),
    VIOLATIONS.segments_overlap.message.replace("{n}", "1").replace("{next}", "2"),
  );
  assert.equal(say("feed_too_long"), "A feed lasts at most 12 hours.");
});

test("times keep microseconds and need an offset", () => {
  assert.equal(parseTime("2026-03-01T00:00:00.123456Z").us % 1e6, 123456);
  assert.equal(
    parseTime("2026-03-01T02:00:00+02:00").us,
    Date.parse("2026-03-01T00:00:00Z") * 1000,
  );
  assert.equal(parseTime("2026-03-01T00:00:00").rule, "time_naive");
  assert.equal(parseTime("soon").rule, "time_invalid");
  assert.equal(parseTime(42).rule, "time_invalid");
});

test("a decimal's places count as Python's Decimal counts them", () => {
  assert.deepEqual([decimalShape("12.340").decimals, decimalShape("12.340").significant], [3, 2]);
  assert.equal(decimalShape(1e-7).decimals, 7);
  assert.equal(decimalShape("lots"), null);
  assert.equal(decimalShape(true), null);
});

test("the timing rules leave the other fields alone", () => {
  const timing = { started_at: "2026-03-01T12:11:00Z", ended_at: null, segments: [] };
  assert.deepEqual(
    timingViolations(timing, NOW).map((v) => [v.field, v.code]),
    [["started_at", "in_future"]],
  );
});

test("the forms' signs, writable fields and let-down limit are the rulebook's", () => {
  assert.deepEqual([...SIGNS].sort(), [...RULEBOOK.enums.sign].sort());
  assert.deepEqual(WRITABLE, RULEBOOK.writable_feed_fields);
  assert.equal(MAX_LETDOWNS, RULEBOOK.limits.MAX_LETDOWNS);
  let feed = pump("2026-03-01T11:00:00Z", null);
  for (let i = 0; i <= MAX_LETDOWNS; i++) feed = addLetdown(feed, "2026-03-01T11:30:00Z");
  assert.equal(feed.letdowns.length, MAX_LETDOWNS);
});

test("the rulebook cannot be changed by the code that reads it", () => {
  assert.throws(() => {
    RULEBOOK.limits.MAX_LETDOWNS = 99;
  }, TypeError);
  assert.equal(Object.isFrozen(VIOLATIONS.feed_too_long), true);
});
