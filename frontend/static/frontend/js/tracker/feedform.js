/**
 * The form for one feed of any kind, for logging and for editing.
 *
 * `feedForm(feed, units, {past, firstSide})` returns {element, read}; read()
 * gives {feed, errors}: the edited copy of `feed`, or field errors in the
 * server's shape and words, checked here first by the server's own rules
 * (rules.js) so a parent offline learns at once (the server checks again).
 * Each part names the field a rule's problem is shown on (`blame`): a pump's
 * end follows from its minutes, so a late end is shown there.
 *
 * `past: true` is a breastfeed or pumping session logged after it ended, in a
 * few one-handed taps: when it ended ("just now", "30 min ago", or a time),
 * minutes on big steppers with quick picks, which side came first. Its
 * segments are laid back to back and end when it ended. A recorded feed is
 * edited with the same steppers; its segments keep their pauses and order
 * (segments.js) and are returned untouched when nothing about the timing
 * changed. Let-downs tapped on the timer keep their times here.
 */

import { h } from "./dom.js";
import { MILK_LABELS, SIDE_LABELS, elapsedAt, isRunning, otherSide, sideSeconds } from "./feed.js";
import { field, letdownCounter, notesField, signsFieldset } from "./fields.js";
import { clockTime, duration, stopwatch } from "./format.js";
import { ML_PER_OZ } from "./format.js";
import { fromLocalInput, fromMl, toLocalInput, toMl } from "./inputs.js";
import RULEBOOK from "./rulebook.js";
import { feedViolations } from "./rules.js";
import { describeSegments, setSideSeconds, shiftTiming } from "./segments.js";

const { side: SIDES, milk_type: MILK_TYPES } = RULEBOOK.enums;
const { MAX_FEED_DURATION_MS, MAX_ML, MIN_ML } = RULEBOOK.limits;

const MINUTE = 60000;
// No stepper goes past the longest feed.
const MAX_MINUTES = MAX_FEED_DURATION_MS / MINUTE;
const iso = (ms) => new Date(ms).toISOString();
let uid = 0;

function numberInput(name, value, extra = {}) {
  return h("input", {
    name,
    type: "number",
    inputmode: "decimal",
    min: "0",
    step: "any",
    value: value ?? "",
    ...extra,
  });
}

function minutesOf(seconds) {
  return seconds ? String(Math.round(seconds / 60)) : "";
}

function checkMinutes(input, errors) {
  const minutes = Number(input.value || 0);
  if (!(minutes >= 0 && minutes <= MAX_MINUTES))
    errors[input.name] = [`Enter minutes between 0 and ${MAX_MINUTES}.`];
  return minutes;
}

/**
 * Minutes on a big − / + stepper with quick picks under it: a number set with
 * a thumb, no keyboard needed (the field still takes typing). Each change
 * fires "input" on the field, so summaries and segment lists follow.
 */
function minutesStepper(name, labelText, value, picks, what) {
  const input = numberInput(name, value, {
    max: String(MAX_MINUTES),
    inputmode: "numeric",
    step: "1",
    class: "stepper-value",
  });
  const set = (next) => {
    input.value = String(Math.min(MAX_MINUTES, Math.max(0, Math.round(next))));
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const bump = (delta) => () => set((Number(input.value) || 0) + delta);
  const chips = picks.map((pick) =>
    h(
      "button",
      {
        type: "button",
        class: "chip",
        "aria-label": `${pick} min ${what}`,
        "data-pick": String(pick),
        onclick: () => set(pick),
      },
      `${pick}`,
    ),
  );
  const mark = () => {
    for (const chip of chips) {
      chip.setAttribute("aria-pressed", String(chip.dataset.pick === input.value));
    }
  };
  input.addEventListener("input", mark);
  mark();
  const element = field(labelText, input);
  const row = h("div", { class: "stepper-row" });
  input.replaceWith(row);
  row.append(
    h(
      "button",
      {
        type: "button",
        class: "btn stepper-btn",
        "aria-label": `One minute less ${what}`,
        onclick: bump(-1),
      },
      "−",
    ),
    input,
    h(
      "button",
      {
        type: "button",
        class: "btn stepper-btn",
        "aria-label": `One minute more ${what}`,
        onclick: bump(1),
      },
      "+",
    ),
  );
  row.after(
    h("div", { class: "quick-picks", role: "group", "aria-label": `Quick picks ${what}` }, chips),
  );
  return { element, input };
}

function sideMinutes(side, seconds) {
  return minutesStepper(
    `${side}_minutes`,
    `Minutes on the ${side}`,
    minutesOf(seconds),
    [5, 10, 15, 20],
    `on the ${side}`,
  );
}

/** Radio buttons drawn as big chips (one choice of a few): keyboards and screen readers meet radios. */
function choiceChips(name, legend, options, chosen, errorFor) {
  const group = `${name}-${++uid}`;
  const items = options.map(([value, text]) =>
    h(
      "div",
      { class: "choice" },
      h("input", {
        type: "radio",
        name,
        id: `${group}-${value}`,
        value,
        checked: value === chosen,
      }),
      h("label", { for: `${group}-${value}`, class: "chip" }, text),
    ),
  );
  const element = h(
    "fieldset",
    { class: "field" },
    h("legend", {}, legend),
    h("div", { class: "choice-chips" }, items),
    errorFor ? h("p", { class: "field-error", "data-error-for": errorFor }) : null,
  );
  const read = () => element.querySelector(`input[name="${name}"]:checked`)?.value ?? chosen;
  return { element, read };
}

const ENDED_CHOICES = [
  ["0", "Just now"],
  ["15", "15 min ago"],
  ["30", "30 min ago"],
  ["60", "1 h ago"],
  ["120", "2 h ago"],
  ["other", "Other time"],
];

/** When a feed logged afterwards ended: a quick pick, read at Save ("just now" is then), or an exact time. */
function endedPicker() {
  const choice = choiceChips("ended", "When did it end?", ENDED_CHOICES, "0", "ended_at");
  const exact = h("input", {
    name: "ended_at",
    type: "datetime-local",
    value: toLocalInput(new Date().toISOString()),
  });
  const exactField = field("Ended at", exact);
  exactField.hidden = true;
  choice.element.append(exactField);
  choice.element.addEventListener("change", () => {
    exactField.hidden = choice.read() !== "other";
  });
  const endMs = (errors, now = Date.now()) => {
    const picked = choice.read();
    if (picked !== "other") return now - Number(picked) * MINUTE;
    const value = fromLocalInput(exact.value);
    if (!value) {
      errors.ended_at = ["Enter when it ended."];
      return now;
    }
    return Date.parse(value);
  };
  return { element: choice.element, endMs };
}

/** One line the parent can check before saving: "Left 12 min, then right 8 min · 13:40 to 14:00". */
function pastSummary(parts, form) {
  const line = h("p", {
    class: "past-summary",
    "aria-live": "polite",
    "data-testid": "past-summary",
  });
  const refresh = () => {
    const { text, startMs, endMs } = parts({});
    line.textContent = text
      ? `${text} · ${clockTime(iso(startMs))} to ${clockTime(iso(endMs))}`
      : "Add the minutes.";
  };
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  refresh();
  return line;
}

/** A breastfeed logged after it ended: minutes per side, back to back, ending when it ended. */
function pastBreastPart(_feed, _units, { firstSide = "left" } = {}) {
  const ended = endedPicker();
  const inputs = { left: sideMinutes("left", 0), right: sideMinutes("right", 0) };
  const first = choiceChips(
    "first_side",
    "Which side first?",
    SIDES.map((side) => [side, SIDE_LABELS[side]]),
    firstSide,
  );
  const plan = (errors) => {
    const minutes = {
      left: checkMinutes(inputs.left.input, errors),
      right: checkMinutes(inputs.right.input, errors),
    };
    const order = [first.read(), otherSide(first.read())].filter((side) => minutes[side] > 0);
    const endMs = ended.endMs(errors);
    const startMs = endMs - (minutes.left + minutes.right) * MINUTE;
    const text = order
      .map((side, i) => `${i ? `then ${side}` : SIDE_LABELS[side]} ${minutes[side]} min`)
      .join(", ");
    return { minutes, order, startMs, endMs, text };
  };
  const element = h(
    "div",
    { class: "stack" },
    ended.element,
    inputs.left.element,
    inputs.right.element,
    first.element,
  );
  element.append(pastSummary(plan, element));
  const read = (errors) => {
    const { minutes, order, startMs, endMs } = plan(errors);
    if (minutes.left + minutes.right === 0)
      errors.left_minutes = ["Add the minutes for at least one side."];
    const segments = [];
    let at = startMs;
    for (const side of order) {
      const end = at + minutes[side] * MINUTE;
      segments.push({ side, started_at: iso(at), ended_at: iso(end) });
      at = end;
    }
    return { started_at: iso(startMs), ended_at: iso(endMs), segments };
  };
  return { element, read, blame: pastBlame("left_minutes") };
}

/** A feed logged afterwards: its times follow from when it ended and its minutes. */
function pastBlame(minutes) {
  return (field, code) =>
    (field === "ended_at" && code === "too_long") || field === "segments" ? minutes : "ended_at";
}

/** A stored breastfeed without segments (possible through the API): minutes per side from its start. */
function unsidedBreastPart(feed) {
  const inputs = { left: sideMinutes("left", 0), right: sideMinutes("right", 0) };
  const firstSelect = h(
    "select",
    { name: "first_side" },
    SIDES.map((side) => h("option", { value: side }, SIDE_LABELS[side])),
  );
  const element = h(
    "div",
    { class: "stack" },
    inputs.left.element,
    inputs.right.element,
    field("Started on", firstSelect),
  );
  const read = (startMs, errors) => {
    // It keeps its span unless minutes are entered: editing its notes must not demand minutes.
    if (feed.ended_at && !inputs.left.input.value && !inputs.right.input.value) {
      const { ended_at } = shiftTiming(
        { started_at: feed.started_at, ended_at: feed.ended_at, segments: [] },
        startMs - Date.parse(feed.started_at),
      );
      return { ended_at };
    }
    const minutes = {
      left: checkMinutes(inputs.left.input, errors),
      right: checkMinutes(inputs.right.input, errors),
    };
    if (minutes.left + minutes.right === 0)
      errors.left_minutes = ["Add the minutes for at least one side."];
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
  return { element, read, blame: endBlame("left_minutes") };
}

/** A recorded feed whose end follows from its minutes: the start stays on its own field. */
function endBlame(minutes) {
  return (field) => (field === "started_at" ? field : minutes);
}

/** The stored segments as a short list: side, start, length and the pause before. */
function segmentList(timing) {
  return describeSegments(timing).map((row, index) =>
    h(
      "li",
      {},
      `${SIDE_LABELS[row.side]} from ${clockTime(row.started_at)}, ${duration(row.seconds)}`,
      row.pauseSeconds >= 1
        ? index
          ? `, after a ${duration(row.pauseSeconds)} pause`
          : `, ${duration(row.pauseSeconds)} after the start`
        : "",
    ),
  );
}

/**
 * A recorded feed: its segments are kept as stored unless the parent changes
 * the start (all times move with it) or a side's minutes (segments.js has
 * the rule). Untouched fields give back the stored values exactly, so the
 * edit queues only what changed.
 */
function recordedBreastPart(feed) {
  const stored = { started_at: feed.started_at, ended_at: feed.ended_at, segments: feed.segments };
  const steppers = {
    left: sideMinutes("left", sideSeconds(feed, "left")),
    right: sideMinutes("right", sideSeconds(feed, "right")),
  };
  const inputs = { left: steppers.left.input, right: steppers.right.input };
  const shown = { left: inputs.left.value, right: inputs.right.value };
  const listId = `segments-${feed.id}`;
  const hintId = `${listId}-hint`;
  const list = h(
    "ol",
    { class: "field-hint", "aria-labelledby": listId, "data-testid": "segment-list" },
    segmentList(stored),
  );
  const fields = SIDES.map((side) => steppers[side].element);
  // One hint for both sides, read with each of them.
  for (const side of SIDES)
    inputs[side].setAttribute(
      "aria-describedby",
      `${hintId} ${inputs[side].getAttribute("aria-describedby")}`,
    );
  const element = h(
    "div",
    { class: "stack" },
    h(
      "div",
      { class: "field" },
      h("p", { id: listId }, h("strong", {}, "Sides and pauses")),
      list,
      h(
        "p",
        { class: "field-hint", id: hintId },
        "New minutes for a side change its last stretch; later stretches move with it and pauses stay.",
      ),
      h("p", { class: "field-error", "data-error-for": "segments" }),
    ),
    ...fields,
  );
  // A feed laid out as a past feed is (one side, then maybe the other, no
  // pause) may also swap which side came first; a timed one keeps its order.
  const simple = backToBack(feed.segments);
  const firstSide = feed.segments[0].side;
  const first = simple
    ? choiceChips(
        "first_side",
        "Which side first?",
        SIDES.map((side) => [side, SIDE_LABELS[side]]),
        firstSide,
      )
    : null;
  if (first) element.append(first.element);
  const timingFor = (startMs, errors) => {
    let timing = shiftTiming(stored, startMs - Date.parse(feed.started_at));
    for (const side of SIDES) {
      if (inputs[side].value === shown[side]) continue;
      timing = setSideSeconds(timing, side, checkMinutes(inputs[side], errors) * 60);
    }
    return first && first.read() !== firstSide ? reordered(timing, first.read()) : timing;
  };
  const read = (startMs, errors) => {
    const timing = timingFor(startMs, errors);
    if (!timing.segments.length) errors.left_minutes = ["Add the minutes for at least one side."];
    return { segments: timing.segments, ended_at: timing.ended_at };
  };
  // Problems with the times are shown on the field the parent changed.
  const blame = (field) => {
    const changed = SIDES.find((side) => inputs[side].value !== shown[side]);
    return field === "started_at" || !changed ? "started_at" : `${changed}_minutes`;
  };
  const refresh = (startMs) => list.replaceChildren(...segmentList(timingFor(startMs, {})));
  return { element, read, refresh, blame };
}

/** At most one stretch per side, ended, the second starting as the first ends. */
function backToBack(segments) {
  if (segments.length > 2 || segments.some((segment) => !segment.ended_at)) return false;
  return (
    segments.length < 2 ||
    (segments[0].side !== segments[1].side && segments[0].ended_at === segments[1].started_at)
  );
}

/** The same minutes per side, laid back to back from the first segment's start, `first` side first. */
function reordered(timing, first) {
  if (!timing.segments.length) return timing;
  let at = Date.parse(timing.segments[0].started_at);
  const segments = [];
  for (const side of [first, otherSide(first)]) {
    const length = timing.segments
      .filter((segment) => segment.side === side)
      .reduce(
        (sum, segment) => sum + Date.parse(segment.ended_at) - Date.parse(segment.started_at),
        0,
      );
    if (!length) continue;
    segments.push({ side, started_at: iso(at), ended_at: iso(at + length) });
    at += length;
  }
  return { ...timing, segments };
}

function breastPart(feed) {
  return feed.segments?.length ? recordedBreastPart(feed) : unsidedBreastPart(feed);
}

const MAX_OZ = (MAX_ML / ML_PER_OZ).toFixed(1);

/** A volume field in the user's unit; an untouched field keeps the stored ml exactly. */
function volumeField(name, ml, units) {
  const shown = fromMl(ml, units);
  const input = numberInput(name, shown, { max: units === "oz" ? MAX_OZ : String(MAX_ML) });
  const read = (errors) => {
    if (input.value === shown) return ml ?? null;
    const value = toMl(input.value, units);
    if (value !== null && !(value >= MIN_ML && value <= MAX_ML))
      errors[name] = [`Enter an amount between ${MIN_ML} and ${MAX_ML} ml (${MAX_OZ} oz).`];
    return value;
  };
  return { input, read };
}

function pumpVolumes(feed, units) {
  const left = volumeField("left_ml", feed.left_ml, units);
  const right = volumeField("right_ml", feed.right_ml, units);
  const element = h(
    "div",
    { class: "grid-2" },
    field(`Left (${units})`, left.input),
    field(`Right (${units})`, right.input),
  );
  const read = (errors) => {
    const values = { left_ml: left.read(errors), right_ml: right.read(errors) };
    if (values.left_ml === null && values.right_ml === null)
      errors.left_ml = ["Enter the amount for at least one side."];
    return values;
  };
  return { element, read };
}

const PUMP_PICKS = [10, 15, 20, 30];

/** A recorded pumping session: its start (above), how long, and the amounts. */
function pumpPart(feed, units) {
  const spanMin = feed.ended_at
    ? String(Math.round((Date.parse(feed.ended_at) - Date.parse(feed.started_at)) / MINUTE))
    : "15";
  const minutes = minutesStepper(
    "duration_minutes",
    "How long (minutes)",
    spanMin,
    PUMP_PICKS,
    "pumping",
  );
  const volumes = pumpVolumes(feed, units);
  const element = h("div", { class: "stack" }, minutes.element, volumes.element);
  const read = (startMs, errors, startChanged) => {
    const duration = checkMinutes(minutes.input, errors);
    const unchanged = !startChanged && feed.ended_at && minutes.input.value === spanMin;
    return {
      ...volumes.read(errors),
      ended_at: unchanged ? feed.ended_at : iso(startMs + duration * MINUTE),
    };
  };
  return { element, read, blame: endBlame("duration_minutes") };
}

/** A pumping session logged after it ended: when it ended, how long, the amounts. */
function pastPumpPart(feed, units) {
  const ended = endedPicker();
  const minutes = minutesStepper(
    "duration_minutes",
    "How long (minutes)",
    "15",
    PUMP_PICKS,
    "pumping",
  );
  const volumes = pumpVolumes(feed, units);
  const plan = (errors) => {
    const duration = checkMinutes(minutes.input, errors);
    const endMs = ended.endMs(errors);
    return { endMs, startMs: endMs - duration * MINUTE, text: `Pumped ${duration} min` };
  };
  const element = h("div", { class: "stack" }, ended.element, minutes.element, volumes.element);
  element.append(pastSummary(plan, element));
  const read = (errors) => {
    const { startMs, endMs } = plan(errors);
    return { ...volumes.read(errors), started_at: iso(startMs), ended_at: iso(endMs) };
  };
  return { element, read, blame: pastBlame("duration_minutes") };
}

const QUICK_AMOUNTS = { ml: [30, 60, 90, 120, 150], oz: [1, 2, 3, 4, 5] };

/** One-tap amounts under the field (a bottle is usually a round number). */
function quickAmounts(input, units) {
  return h(
    "div",
    { class: "cluster quick-amounts" },
    QUICK_AMOUNTS[units].map((value) =>
      h(
        "button",
        {
          type: "button",
          class: "chip",
          "aria-label": `${value} ${units}`,
          onclick: () => {
            input.value = String(value);
          },
        },
        String(value),
      ),
    ),
  );
}

function bottlePart(feed, units) {
  const amount = volumeField("amount_ml", feed.amount_ml, units);
  const chosen = feed.milk_type || "breast_milk";
  const radios = MILK_TYPES.map((type) =>
    h(
      "div",
      { class: "check" },
      h("input", {
        type: "radio",
        name: "milk_type",
        id: `milk-${type}`,
        value: type,
        checked: type === chosen,
      }),
      h("label", { for: `milk-${type}` }, MILK_LABELS[type]),
    ),
  );
  const element = h(
    "div",
    { class: "stack" },
    field(`Amount (${units})`, amount.input),
    quickAmounts(amount.input, units),
    h(
      "fieldset",
      { class: "field" },
      h("legend", {}, "Milk"),
      h("div", { class: "check-grid" }, radios),
    ),
  );
  const read = (startMs, errors, startChanged) => {
    const amount_ml = amount.read(errors);
    if (amount_ml === null) errors.amount_ml = ["Enter how much the baby had."];
    const milk_type = element.querySelector("input[name=milk_type]:checked")?.value || null;
    return {
      amount_ml,
      milk_type,
      ended_at: startChanged || !feed.ended_at ? iso(startMs) : feed.ended_at,
    };
  };
  return { element, read, blame: () => "started_at" };
}

const PARTS = { breast: breastPart, pump: pumpPart, bottle: bottlePart };
const PAST_PARTS = { breast: pastBreastPart, pump: pastPumpPart };

/**
 * Let-downs: tapped on the timer they have times, kept here (one may be
 * removed, a mis-tap), and on a pump each may note how much had come by then
 * (optional); otherwise a count (logged afterwards, times unknown).
 */
function letdownPart(feed, units) {
  const timed = feed.letdowns || [];
  if (!timed.length) {
    const counter = letdownCounter(feed.letdown_count);
    return { element: counter.element, read: () => ({ letdown_count: counter.read() }) };
  }
  const kept = [...timed];
  // One amount field per let-down of a pump, kept across redraws (a removal redraws).
  const amounts = new Map(
    feed.kind === "pump"
      ? timed.map((item, index) => [item, volumeField(`letdown_ml_${index}`, item.ml, units)])
      : [],
  );
  const list = h("ul", { class: "letdown-list", "data-testid": "letdown-times", tabindex: "-1" });
  const draw = () =>
    list.replaceChildren(
      ...kept.map((item, index) => {
        const at = stopwatch(elapsedAt(feed, item.at));
        const amount = amounts.get(item);
        if (amount)
          amount.input.setAttribute("aria-label", `Amount by the let-down at ${at} (${units})`);
        return h(
          "li",
          {},
          h(
            "span",
            {},
            `Let-down at ${at}`,
            h("span", { class: "letdown-clock" }, ` (${clockTime(item.at)})`),
          ),
          amount ? h("span", { class: "letdown-amount" }, amount.input, ` ${units}`) : null,
          h(
            "button",
            {
              type: "button",
              class: "btn btn-secondary",
              "aria-label": `Remove the let-down at ${at}`,
              onclick: () => {
                kept.splice(index, 1);
                draw();
                list.focus();
              },
            },
            "Remove",
          ),
        );
      }),
    );
  draw();
  const element = h(
    "fieldset",
    { class: "field" },
    h("legend", {}, "Let-downs you noticed"),
    h(
      "p",
      { class: "field-hint" },
      "Tapped on the timer; the time is how far into the feed.",
      amounts.size ? " Add how much had come by each, if you saw it." : "",
    ),
    list,
    h("p", { class: "field-error", "data-error-for": "letdowns" }),
  );
  const read = (deltaMs, errors = {}) => {
    const edited = kept.map((item) => {
      const amount = amounts.get(item);
      const ml = amount ? amount.read(errors) : item.ml;
      const at = deltaMs ? iso(Date.parse(item.at) + deltaMs) : item.at;
      return { ...item, at, ml };
    });
    if (Object.keys(errors).some((name) => name.startsWith("letdown_ml_"))) {
      errors.letdowns = Object.entries(errors)
        .filter(([name]) => name.startsWith("letdown_ml_"))
        .flatMap(([, messages]) => messages);
    }
    return JSON.stringify(edited) === JSON.stringify(timed)
      ? { letdowns: timed, letdown_count: feed.letdown_count }
      : { letdowns: edited, letdown_count: edited.length };
  };
  return { element, read };
}

/**
 * The server's rules for the whole edited feed, each problem on the field the
 * parent can change (`blame`); a field the form already objected to keeps
 * the form's own words.
 */
const TIMES = ["started_at", "ended_at", "segments"];

function addRuleErrors(errors, feed, blame, now = Date.now()) {
  const placed = {};
  for (const { field, code, message } of feedViolations(feed, now)) {
    const target = TIMES.includes(field) ? blame(field, code) : field;
    if (errors[target] && !placed[target]) continue;
    placed[target] = [...(placed[target] || []), message];
    errors[target] = placed[target];
  }
}

export function feedForm(feed, units, { past = false, firstSide } = {}) {
  const shownStart = toLocalInput(feed.started_at);
  const start = h("input", {
    name: "started_at",
    type: "datetime-local",
    value: shownStart,
    required: true,
  });
  const logged = past && PAST_PARTS[feed.kind];
  // A running feed's times belong to the timer; only the details are editable here.
  const running = !logged && isRunning(feed);
  const part = running
    ? { element: null, read: () => ({}) }
    : logged
      ? PAST_PARTS[feed.kind](feed, units, { firstSide })
      : PARTS[feed.kind](feed, units);
  const letdowns = feed.kind === "bottle" ? null : letdownPart(feed, units);
  const signs = feed.kind === "bottle" ? null : signsFieldset(feed.signs || []);
  const notes = notesField(feed.notes);
  const element = h(
    "div",
    { class: "stack" },
    running || logged ? null : field("Started", start),
    part.element,
    letdowns?.element,
    signs?.element,
    notes.element,
  );
  // The input shows whole minutes: an untouched start keeps its stored seconds.
  const startIsoNow = () =>
    start.value !== shownStart ? fromLocalInput(start.value) : feed.started_at;
  if (part.refresh) {
    element.addEventListener("input", () => {
      const startIso = startIsoNow();
      if (startIso) part.refresh(Date.parse(startIso));
    });
  }
  const readTimes = (errors) => {
    if (logged) return part.read(errors);
    const startChanged = start.value !== shownStart;
    const startIso = startIsoNow();
    if (!startIso) errors.started_at = ["Enter when it started."];
    const startMs = startIso ? Date.parse(startIso) : Date.parse(feed.started_at);
    return {
      ...part.read(startMs, errors, startChanged),
      started_at: startChanged ? iso(startMs) : feed.started_at,
    };
  };
  const read = () => {
    const errors = {};
    const edited = { ...feed, ...readTimes(errors), notes: notes.read() };
    // Let-downs move with a new start, as the segments do.
    if (letdowns)
      Object.assign(
        edited,
        letdowns.read(Date.parse(edited.started_at) - Date.parse(feed.started_at), errors),
      );
    if (signs) edited.signs = signs.read();
    addRuleErrors(errors, edited, part.blame || ((field) => field));
    return { feed: edited, errors };
  };
  return { element, read };
}
