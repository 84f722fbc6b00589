/**
 * The form for one feed of any kind, for logging and for editing.
 *
 * `feedForm(feed, units)` returns {element, read}; read() gives
 * {feed, errors}: the edited copy of `feed`, or field errors in the server's
 * shape, checked here first so a parent offline learns at once (the server
 * checks again). Breast times are entered as minutes per side: a new feed's
 * segments are laid back to back; a recorded feed's segments keep their
 * pauses and order (segments.js), and are returned untouched when nothing
 * about the timing changed.
 */

import { h } from "./dom.js";
import { MILK_LABELS, SIDE_LABELS, otherSide, sideSeconds } from "./feed.js";
import { field, letdownCounter, notesField, signsFieldset } from "./fields.js";
import { clockTime, duration } from "./format.js";
import { fromLocalInput, fromMl, toLocalInput, toMl } from "./inputs.js";
import { describeSegments, setSideSeconds, shiftTiming, timingErrors } from "./segments.js";

const SIDES = ["left", "right"];
const MILK_TYPES = ["breast_milk", "formula", "mixed"];

const MINUTE = 60000;
const iso = (ms) => new Date(ms).toISOString();

function numberInput(name, value, extra = {}) {
  return h("input", { name, type: "number", inputmode: "decimal", min: "0", step: "any", value: value ?? "", ...extra });
}

function minutesOf(seconds) {
  return seconds ? String(Math.round(seconds / 60)) : "";
}

function minutesInput(name, seconds) {
  return numberInput(name, minutesOf(seconds), { max: "720", inputmode: "numeric" });
}

function checkMinutes(input, errors) {
  const minutes = Number(input.value || 0);
  if (!(minutes >= 0 && minutes <= 720)) errors[input.name] = ["Enter minutes between 0 and 720."];
  return minutes;
}

/** A feed logged after the fact: minutes per side, laid back to back from the start. */
function newBreastPart(feed) {
  const first = "left";
  const left = minutesInput("left_minutes", 0);
  const right = minutesInput("right_minutes", 0);
  const firstSelect = h("select", { name: "first_side" }, SIDES.map((side) => h("option", { value: side, selected: side === first }, SIDE_LABELS[side])));
  const element = h("div", { class: "stack" }, field("Minutes on the left", left), field("Minutes on the right", right), field("Started on", firstSelect));
  const read = (startMs, errors) => {
    // A stored feed without segments (possible through the API) keeps its span
    // unless minutes are entered: editing its notes must not demand minutes.
    if (feed.ended_at && !left.value && !right.value) {
      const { ended_at } = shiftTiming({ started_at: feed.started_at, ended_at: feed.ended_at, segments: [] }, startMs - Date.parse(feed.started_at));
      return { ended_at };
    }
    const minutes = { left: checkMinutes(left, errors), right: checkMinutes(right, errors) };
    if (minutes.left + minutes.right === 0) errors.left_minutes = ["Add the minutes for at least one side."];
    if (minutes.left + minutes.right > 720) errors.left_minutes = ["One feed lasts at most 12 hours; log a longer time as two feeds."];
    const segments = [];
    let at = startMs;
    for (const side of [firstSelect.value, otherSide(firstSelect.value)]) {
      if (!minutes[side]) continue;
      const end = at + minutes[side] * MINUTE;
      segments.push({ side, started_at: iso(at), ended_at: iso(end) });
      at = end;
    }
    return { segments, ended_at: iso(at) };
  };
  return { element, read };
}

/** The stored segments as a short list: side, start, length and the pause before. */
function segmentList(timing) {
  return describeSegments(timing).map((row, index) =>
    h("li", {}, `${SIDE_LABELS[row.side]} from ${clockTime(row.started_at)}, ${duration(row.seconds)}`,
      row.pauseSeconds >= 1 ? (index ? `, after a ${duration(row.pauseSeconds)} pause` : `, ${duration(row.pauseSeconds)} after the start`) : ""));
}

/**
 * A recorded feed: its segments are kept as stored unless the parent changes
 * the start (all times move with it) or a side's minutes (segments.js has
 * the rule). Untouched fields give back the stored values exactly, so the
 * edit queues only what changed.
 */
function recordedBreastPart(feed) {
  const stored = { started_at: feed.started_at, ended_at: feed.ended_at, segments: feed.segments };
  const inputs = { left: minutesInput("left_minutes", sideSeconds(feed, "left")), right: minutesInput("right_minutes", sideSeconds(feed, "right")) };
  const shown = { left: inputs.left.value, right: inputs.right.value };
  const listId = `segments-${feed.id}`;
  const hintId = `${listId}-hint`;
  const list = h("ol", { class: "field-hint", "aria-labelledby": listId, "data-testid": "segment-list" }, segmentList(stored));
  const fields = SIDES.map((side) => field(`Minutes on the ${side}`, inputs[side]));
  // One hint for both sides, read with each of them.
  for (const side of SIDES) inputs[side].setAttribute("aria-describedby", `${hintId} ${inputs[side].getAttribute("aria-describedby")}`);
  const element = h("div", { class: "stack" },
    h("div", { class: "field" }, h("p", { id: listId }, h("strong", {}, "Sides and pauses")), list,
      h("p", { class: "field-hint", id: hintId }, "New minutes for a side change its last stretch; later stretches move with it and pauses stay."),
      h("p", { class: "field-error", "data-error-for": "segments" })),
    ...fields);
  const timingFor = (startMs, errors) => {
    let timing = shiftTiming(stored, startMs - Date.parse(feed.started_at));
    for (const side of SIDES) {
      if (inputs[side].value === shown[side]) continue;
      timing = setSideSeconds(timing, side, checkMinutes(inputs[side], errors) * 60);
    }
    return timing;
  };
  const read = (startMs, errors) => {
    const timing = timingFor(startMs, errors);
    if (!timing.segments.length) errors.left_minutes = ["Add the minutes for at least one side."];
    // Problems with the times are shown on the field the parent changed.
    const changed = SIDES.find((side) => inputs[side].value !== shown[side]);
    const blame = changed ? `${changed}_minutes` : "started_at";
    for (const [name, messages] of Object.entries(timingErrors(timing))) {
      const target = name === "started_at" ? name : blame;
      errors[target] ||= messages;
    }
    return { segments: timing.segments, ended_at: timing.ended_at };
  };
  const refresh = (startMs) => list.replaceChildren(...segmentList(timingFor(startMs, {})));
  return { element, read, refresh };
}

function breastPart(feed) {
  return feed.segments?.length ? recordedBreastPart(feed) : newBreastPart(feed);
}

/** A volume field in the user's unit; an untouched field keeps the stored ml exactly. */
function volumeField(name, ml, units) {
  const shown = fromMl(ml, units);
  const input = numberInput(name, shown, { max: units === "oz" ? "33.8" : "1000" });
  const read = (errors) => {
    if (input.value === shown) return ml ?? null;
    const value = toMl(input.value, units);
    if (value !== null && !(value >= 0 && value <= 1000)) errors[name] = ["Enter an amount between 0 and 1000 ml (33.8 oz)."];
    return value;
  };
  return { input, read };
}

function pumpPart(feed, units) {
  const spanMin = feed.ended_at ? Math.round((Date.parse(feed.ended_at) - Date.parse(feed.started_at)) / MINUTE) : 15;
  const minutes = numberInput("duration_minutes", String(spanMin), { max: "720", inputmode: "numeric" });
  const left = volumeField("left_ml", feed.left_ml, units);
  const right = volumeField("right_ml", feed.right_ml, units);
  const element = h("div", { class: "stack" }, field("How long (minutes)", minutes), field(`Left (${units})`, left.input), field(`Right (${units})`, right.input));
  const read = (startMs, errors, startChanged) => {
    const duration = Number(minutes.value || 0);
    if (!(duration >= 0 && duration <= 720)) errors.duration_minutes = ["Enter minutes between 0 and 720."];
    const values = { left_ml: left.read(errors), right_ml: right.read(errors) };
    if (values.left_ml === null && values.right_ml === null) errors.left_ml = ["Enter the amount for at least one side."];
    const unchanged = !startChanged && feed.ended_at && minutes.value === String(spanMin);
    return { ...values, ended_at: unchanged ? feed.ended_at : iso(startMs + duration * MINUTE) };
  };
  return { element, read };
}

const QUICK_AMOUNTS = { ml: [30, 60, 90, 120, 150], oz: [1, 2, 3, 4, 5] };

/** One-tap amounts under the field (a bottle is usually a round number). */
function quickAmounts(input, units) {
  return h("div", { class: "cluster quick-amounts" },
    QUICK_AMOUNTS[units].map((value) =>
      h("button", { type: "button", class: "chip", "aria-label": `${value} ${units}`, onclick: () => { input.value = String(value); } }, String(value))));
}

function bottlePart(feed, units) {
  const amount = volumeField("amount_ml", feed.amount_ml, units);
  const chosen = feed.milk_type || "breast_milk";
  const radios = MILK_TYPES.map((type) =>
    h("div", { class: "check" },
      h("input", { type: "radio", name: "milk_type", id: `milk-${type}`, value: type, checked: type === chosen }),
      h("label", { for: `milk-${type}` }, MILK_LABELS[type])));
  const element = h("div", { class: "stack" }, field(`Amount (${units})`, amount.input), quickAmounts(amount.input, units),
    h("fieldset", { class: "field" }, h("legend", {}, "Milk"), h("div", { class: "check-grid" }, radios)));
  const read = (startMs, errors, startChanged) => {
    const amount_ml = amount.read(errors);
    if (amount_ml === null) errors.amount_ml = ["Enter how much the baby had."];
    const milk_type = element.querySelector("input[name=milk_type]:checked")?.value || null;
    return { amount_ml, milk_type, ended_at: startChanged || !feed.ended_at ? iso(startMs) : feed.ended_at };
  };
  return { element, read };
}

const PARTS = { breast: breastPart, pump: pumpPart, bottle: bottlePart };

export function feedForm(feed, units) {
  const shownStart = toLocalInput(feed.started_at);
  const start = h("input", { name: "started_at", type: "datetime-local", value: shownStart, required: true });
  // A running breastfeed's times belong to the timer; only the details are editable here.
  const running = feed.kind === "breast" && !feed.ended_at;
  const part = running ? { element: null, read: () => ({}) } : PARTS[feed.kind](feed, units);
  const letdowns = feed.kind === "bottle" ? null : letdownCounter(feed.letdown_count);
  const signs = feed.kind === "bottle" ? null : signsFieldset(feed.signs || []);
  const notes = notesField(feed.notes);
  const element = h("div", { class: "stack" }, running ? null : field("Started", start), part.element, letdowns?.element, signs?.element, notes.element);
  // The input shows whole minutes: an untouched start keeps its stored seconds.
  const startIsoNow = () => (start.value !== shownStart ? fromLocalInput(start.value) : feed.started_at);
  if (part.refresh) {
    element.addEventListener("input", () => {
      const startIso = startIsoNow();
      if (startIso) part.refresh(Date.parse(startIso));
    });
  }
  const read = () => {
    const errors = {};
    const startChanged = start.value !== shownStart;
    const startIso = startIsoNow();
    if (!startIso) errors.started_at = ["Enter when it started."];
    else if (Date.parse(startIso) > Date.now() + 10 * MINUTE) errors.started_at = ["That time is in the future."];
    const startMs = startIso ? Date.parse(startIso) : Date.parse(feed.started_at);
    const changes = part.read(startMs, errors, startChanged);
    const edited = { ...feed, ...changes, started_at: startChanged ? iso(startMs) : feed.started_at, notes: notes.read() };
    if (letdowns) edited.letdown_count = letdowns.read();
    if (signs) edited.signs = signs.read();
    if (edited.letdown_count < 0 || edited.letdown_count > 20) errors.letdown_count = ["Between 0 and 20."];
    return { feed: edited, errors };
  };
  return { element, read };
}
