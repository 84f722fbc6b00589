// The server's refusals in words (errors.js): labels, never API field names.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  errorLines,
  errorText,
  fieldLabel,
} from "../../frontend/static/frontend/js/tracker/errors.js";

test("each field's messages come under its label, codes are left out", () => {
  const body = {
    amount_ml: ["Ensure this value is less than or equal to 2000."],
    started_at: ["Too far in the future.", "Check the phone's clock."],
    codes: { amount_ml: ["max_value"], started_at: ["future", "clock"] },
  };
  assert.deepEqual(errorLines(body), [
    "Amount: Ensure this value is less than or equal to 2000.",
    "Start time: Too far in the future. Check the phone's clock.",
  ]);
});

test("detail and non_field_errors are shown as they are", () => {
  assert.deepEqual(errorLines({ detail: "Not found." }), ["Not found."]);
  assert.deepEqual(errorLines({ non_field_errors: ["The end is before the start."] }), [
    "The end is before the start.",
  ]);
});

test("messages nested per item of a list field are collected in order", () => {
  const body = { segments: [{}, { ended_at: ["Ends after the feed."] }, "Overlaps."] };
  assert.deepEqual(errorLines(body), ["Timer times: Ends after the feed. Overlaps."]);
});

test("a caller may put a field's messages in its own words", () => {
  const body = { segments: ["Segment 1 ends after the feed."], notes: ["Too long."] };
  assert.deepEqual(errorLines(body, { segments: "they no longer fit." }), [
    "Timer times: they no longer fit.",
    "Note: Too long.",
  ]);
});

test("a field without a label is named in words, not as the API spells it", () => {
  assert.equal(fieldLabel("amount_ml"), "Amount");
  assert.equal(fieldLabel("favourite_colour"), "Favourite colour");
  assert.deepEqual(errorLines({ some_field: ["Bad."] }), ["Some field: Bad."]);
});

test("a body that says nothing still gives a sentence in one paragraph", () => {
  assert.deepEqual(errorLines({}), []);
  assert.equal(errorText({}), "That did not work. Please try again.");
  assert.equal(errorText(null), "That did not work. Please try again.");
  assert.equal(errorText("Server unavailable"), "Server unavailable");
  assert.equal(
    errorText({ name: ["This field may not be blank."], detail: "Check it." }),
    "Name: This field may not be blank. Check it.",
  );
});
