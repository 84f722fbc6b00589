/**
 * The server's checks of a feed, on the phone: the same rules, codes and
 * words as Feed.full_clean (tracker/models.py), read from the rulebook
 * (rulebook.js and rulebook-violations.js, rendered from tracker/rules.py). Pure: no DOM, no storage,
 * `now` is passed in (ms since the epoch). tests/rules/test_parity.py runs
 * both on one table of feeds and asserts the same codes and words per field.
 *
 * - `feedViolations(feed, now)` -> [{field, code, message}] in the server's order.
 * - `feedErrors(feed, now)` -> {errors: {field: [message]}, codes: {field: [code]}}.
 * - `timingViolations(timing, now)`: only the rules of the times and segments.
 * - `say(name, params)`: a rule's words, e.g. for a form's own field.
 */

import RULEBOOK from "./rulebook.js";
import V from "./rulebook-violations.js";

const { limits: L, enums } = RULEBOOK;
const MS = 1000;
const AHEAD_US = L.MAX_CLOCK_AHEAD_MS * MS;
const LONGEST_US = L.MAX_FEED_DURATION_MS * MS;
const TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** A rule's words with its {placeholders} filled. */
export function say(name, params = {}) {
  return V[name].message.replace(/\{(\w+)\}/g, (_, key) => String(params[key]));
}

/** An ISO 8601 string as microseconds since the epoch (the server keeps them), or a rule name. */
export function parseTime(value) {
  const parts = typeof value === "string" ? TIME.exec(value.trim()) : null;
  if (!parts) return { rule: "time_invalid" };
  const [, y, mo, d, h, mi, s = "0", fraction = "", zone] = parts;
  if (!zone) return { rule: "time_naive" };
  const base = `${y}-${mo}-${d}T${h}:${mi}:${s.padStart(2, "0")}${zone.toUpperCase()}`;
  const ms = Date.parse(base);
  if (!Number.isFinite(ms)) return { rule: "time_invalid" };
  return { us: ms * MS + Number(fraction.slice(0, 6).padEnd(6, "0")) };
}

/** A decimal's shape as Python's Decimal(str(value)) sees it, or null when it is none. */
export function decimalShape(value) {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !DECIMAL.test(text)) return null;
  const [mantissa, exponent = "0"] = text.trim().replace(/^[+-]/, "").toLowerCase().split("e");
  const [whole, fraction = ""] = mantissa.split(".");
  const digits = (whole + fraction).replace(/^0+/, "");
  const decimals = fraction.length - Number(exponent);
  // Significant decimals: trailing zeros do not count (12.340 is 12.34).
  const significant = decimals - (fraction.match(/0*$/)[0].length || 0);
  return {
    number: Number(text),
    digits: Math.max(digits.length, decimals),
    decimals,
    significant,
  };
}

/** `fail(rule, field, params, code)`: field and code default to the rule's own. */
function collector() {
  const found = [];
  const fail = (name, field = null, params = {}, code = null) =>
    found.push({
      field: field || V[name].field,
      code: code || V[name].code,
      message: say(name, params),
    });
  return { found, fail };
}

function checkMl(fail, field, value) {
  const shape = decimalShape(value);
  if (!shape) return;
  if (shape.number < L.MIN_ML) fail("ml_below", field, { limit: L.MIN_ML });
  if (shape.number > L.MAX_ML) fail("ml_above", field, { limit: L.MAX_ML });
  const whole = L.ML_MAX_DIGITS - L.ML_DECIMAL_PLACES;
  if (shape.digits > L.ML_MAX_DIGITS) fail("ml_digits", field, { limit: L.ML_MAX_DIGITS });
  else if (shape.decimals > L.ML_DECIMAL_PLACES)
    fail("ml_decimals", field, { limit: L.ML_DECIMAL_PLACES });
  else if (shape.digits - Math.max(shape.decimals, 0) > whole)
    fail("ml_whole_digits", field, { limit: whole });
}

/** Django's field validators (Model.clean_fields), field by field in the model's order. */
function checkFields(fail, feed) {
  if (!enums.feed_kind.includes(feed.kind))
    fail("invalid_choice", "kind", { value: `'${feed.kind}'` });
  const count = feed.letdown_count ?? 0;
  if (count < 0) fail("count_below", null, { limit: 0 });
  if (count > L.MAX_LETDOWNS) fail("count_above", null, { limit: L.MAX_LETDOWNS });
  for (const field of RULEBOOK.ml_fields) checkMl(fail, field, feed[field]);
  if (feed.milk_type && !enums.milk_type.includes(feed.milk_type))
    fail("invalid_choice", "milk_type", { value: `'${feed.milk_type}'` });
  const length = [...(feed.notes || "")].length;
  if (length > L.MAX_NOTES_LENGTH)
    fail("notes_too_long", null, { limit: L.MAX_NOTES_LENGTH, length });
}

function time(value) {
  return value === null || value === undefined ? null : parseTime(value).us;
}

function checkTimes(fail, start, end, now) {
  const latest = now * MS + AHEAD_US;
  if (start === null || start === undefined) return;
  if (start < Date.parse(L.EARLIEST_FEED) * MS) fail("feed_too_early");
  if (start > latest) fail("start_in_future");
  if (end === null || end === undefined) return;
  if (end < start) fail("ends_before_start");
  else if (end - start > LONGEST_US) fail("feed_too_long");
  if (end > latest) fail("end_in_future");
}

/** Python's list_items: the shape both stored lists share; the first problem ends the list. */
function listItems(raw, plural, noun, fields) {
  if (raw === null || raw === undefined || raw === "") return { items: [] };
  const codes = RULEBOOK.list_codes[plural.replace("-", "")];
  const error = (rule, code, params) => ({ error: { rule, code, params } });
  if (!Array.isArray(raw)) return error("list_not_a_list", null, { plural });
  const limit = plural === "segments" ? L.MAX_SEGMENTS : L.MAX_LETDOWNS;
  if (raw.length > limit) return error("list_too_long", codes.too_long, { limit, plural });
  for (const [index, item] of raw.entries()) {
    const n = index + 1;
    if (!item || typeof item !== "object" || Array.isArray(item))
      return error("item_not_an_object", codes.not_an_object, { noun, n });
    const unknown = Object.keys(item).filter((key) => !fields.includes(key));
    if (unknown.length)
      return error("item_unknown_field", null, { noun, n, fields: unknown.sort().join(", ") });
  }
  return { items: raw };
}

function timeOf(value, where) {
  const parsed = parseTime(value);
  return parsed.rule ? { error: { rule: parsed.rule, params: { where } } } : parsed;
}

function parseSegments(raw) {
  const listed = listItems(raw, "segments", "Segment", ["side", "started_at", "ended_at"]);
  if (listed.error) return listed;
  const segments = [];
  for (const [index, item] of listed.items.entries()) {
    const n = index + 1;
    if (!enums.side.includes(item.side)) return { error: { rule: "segment_side", params: { n } } };
    const from = timeOf(item.started_at, `Segment ${n} started_at`);
    if (from.error) return from;
    const to =
      item.ended_at == null ? { us: null } : timeOf(item.ended_at, `Segment ${n} ended_at`);
    if (to.error) return to;
    if (to.us !== null && to.us < from.us)
      return { error: { rule: "segment_backwards", params: { n } } };
    segments.push({ side: item.side, from: from.us, to: to.us });
  }
  return { segments };
}

function checkSegments(fail, feed, start, end, now) {
  const parsed = parseSegments(feed.segments);
  if (parsed.error) {
    const { rule, code, params } = parsed.error;
    return fail(rule, "segments", params, code);
  }
  const latest = now * MS + AHEAD_US;
  const { segments } = parsed;
  segments.forEach((s, index) => {
    const n = index + 1;
    if (s.from < Date.parse(L.EARLIEST_FEED) * MS) fail("segment_too_early", null, { n });
    if (Math.max(s.from, s.to ?? s.from) > latest) fail("segment_in_future", null, { n });
    if (s.to !== null && s.to - s.from > LONGEST_US) fail("segment_too_long", null, { n });
  });
  if (!segments.length || start === null || start === undefined) return;
  segments.forEach((s, index) => {
    const n = index + 1;
    if (s.from < start) fail("segment_before_feed", null, { n });
    if (s.to === null) {
      if (n !== segments.length || end !== null) fail("segment_not_ended", null, { n });
    } else if (end !== null && s.to > end) fail("segment_after_feed", null, { n });
  });
  for (let n = 1; n < segments.length; n++) {
    const [before, after] = [segments[n - 1], segments[n]];
    if (before.to !== null && after.from < before.to)
      fail("segments_overlap", null, { n, next: n + 1 });
  }
}

function parseLetdowns(raw) {
  const listed = listItems(raw, "let-downs", "Let-down", ["at", "ml"]);
  if (listed.error) return listed;
  const letdowns = [];
  for (const [index, item] of listed.items.entries()) {
    const n = index + 1;
    const at = timeOf(item.at, `Let-down ${n} at`);
    if (at.error) return at;
    const ml = item.ml ?? null;
    const shape = ml === null ? null : decimalShape(ml);
    if (ml !== null && (typeof ml === "boolean" || !shape))
      return { error: { rule: "letdown_ml_type", params: { where: `Let-down ${n} ml` } } };
    letdowns.push({ at: at.us, ml: shape });
  }
  return { letdowns };
}

function checkLetdownMl(fail, feed, n, ml) {
  if (feed.kind !== "pump") fail("letdown_ml_not_for_kind", null, { n });
  else if (ml.number < L.MIN_ML || ml.number > L.MAX_ML) fail("letdown_ml_range", null, { n });
  else if (ml.significant > L.ML_DECIMAL_PLACES) fail("letdown_ml_precision", null, { n });
}

function checkLetdowns(fail, feed, start, end, now) {
  const parsed = parseLetdowns(feed.letdowns);
  if (parsed.error) {
    const { rule, code, params } = parsed.error;
    return fail(rule, "letdowns", params, code);
  }
  const { letdowns } = parsed;
  if (letdowns.length && (feed.letdown_count ?? 0) !== letdowns.length)
    fail("letdown_count_mismatch", null, { count: letdowns.length });
  const latest = end ?? now * MS + AHEAD_US;
  letdowns.forEach((letdown, index) => {
    const n = index + 1;
    if (letdown.ml) checkLetdownMl(fail, feed, n, letdown.ml);
    if (start !== null && letdown.at < start) fail("letdown_before_feed", null, { n });
    else if (letdown.at > latest)
      fail(end !== null ? "letdown_after_feed" : "letdown_in_future", null, { n });
  });
  for (let n = 1; n < letdowns.length; n++) {
    if (letdowns[n].at < letdowns[n - 1].at)
      fail("letdowns_out_of_order", null, { n, next: n + 1 });
  }
}

function checkKindFields(fail, feed) {
  for (const [field, kind] of Object.entries(RULEBOOK.kind_fields)) {
    if (feed[field] !== null && feed[field] !== undefined && feed.kind !== kind)
      fail("not_for_kind", field, { kind, what: field.replace("_", " ") });
  }
  if (feed.segments?.length && !RULEBOOK.kinds_with_sides.includes(feed.kind))
    fail("bottle_sides");
}

function checkSigns(fail, signs) {
  if (!Array.isArray(signs)) return fail("signs_not_a_list");
  const unknown = signs.filter((sign) => !enums.sign.includes(sign));
  if (unknown.length) fail("unknown_sign", null, { signs: unknown.join(", ") });
  else if (new Set(signs).size !== signs.length) fail("duplicate_sign");
}

/** The rules of a feed's times and segments only (the edit form's timing). */
export function timingViolations(timing, now = Date.now()) {
  const { found, fail } = collector();
  const start = time(timing.started_at);
  const end = time(timing.ended_at);
  checkTimes(fail, start, end, now);
  checkSegments(fail, timing, start, end, now);
  return found;
}

/** Every rule of a feed, in the order Feed.full_clean reports them per field. */
export function feedViolations(feed, now = Date.now()) {
  const { found, fail } = collector();
  const start = time(feed.started_at);
  const end = time(feed.ended_at);
  checkFields(fail, feed);
  checkTimes(fail, start, end, now);
  checkKindFields(fail, feed);
  checkSigns(fail, feed.signs ?? []);
  checkSegments(fail, feed, start, end, now);
  checkLetdowns(fail, feed, start, end, now);
  return found;
}

/** Violations in the API's error shape: {errors: {field: [message]}, codes: {field: [code]}}. */
export function asErrors(violations) {
  const errors = {};
  const codes = {};
  for (const { field, code, message } of violations) {
    errors[field] = [...(errors[field] || []), message];
    codes[field] = [...(codes[field] || []), code];
  }
  return { errors, codes };
}

export function feedErrors(feed, now = Date.now()) {
  return asErrors(feedViolations(feed, now));
}
