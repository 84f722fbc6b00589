/**
 * Form pieces shared by the log, edit and account screens: labelled inputs,
 * the let-down counter (0 to the rulebook's limit, big − / + buttons), the signs of milk transfer
 * and per-field error messages (DRF's {"field": ["message"]} shape).
 */

import { h } from "./dom.js";
import { errorLines, texts } from "./errors.js";
import RULEBOOK from "./rulebook.js";

const { MAX_LETDOWNS, MAX_NAME_LENGTH, MAX_NOTES_LENGTH } = RULEBOOK.limits;

/** A baby's name field (first run and Settings), as long as the server allows. */
export function babyNameInput(value = "") {
  return h("input", {
    name: "name",
    type: "text",
    required: true,
    maxlength: String(MAX_NAME_LENGTH),
    autocomplete: "off",
    value,
  });
}

/** The words for each sign (the rulebook's Sign values), in the order the form lists them. */
export const SIGN_LABELS = {
  swallowing: "Swallowing heard",
  suckling_change: "Sucks became long and slow",
  gulping: "Gulping sounds",
  milk_at_mouth: "Milk at the corner of the mouth",
  relaxation: "Felt relaxed",
  tingling: "Tingling in the breast",
  leaking: "Leaking from the other side",
};
export const SIGNS = Object.keys(SIGN_LABELS);

let counter = 0;

/** A label + input (+ hint) block; `input` gets an id and aria-describedby. */
export function field(labelText, input, hint) {
  const id = input.id || `f-${++counter}`;
  input.id = id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  input.setAttribute("aria-describedby", hint ? `${hintId} ${errorId}` : errorId);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, labelText),
    hint ? h("p", { class: "field-hint", id: hintId }, hint) : null,
    input,
    h("p", { class: "field-error", id: errorId, "data-error-for": input.name || "" }),
  );
}

export function letdownCounter(initial = 0) {
  const input = h("input", {
    type: "number",
    name: "letdown_count",
    min: "0",
    max: String(MAX_LETDOWNS),
    inputmode: "numeric",
    value: String(initial || 0),
    class: "counter-value",
  });
  const step = (delta) => () => {
    const next = Math.min(MAX_LETDOWNS, Math.max(0, (Number(input.value) || 0) + delta));
    input.value = String(next);
  };
  const element = h(
    "fieldset",
    { class: "field counter" },
    h("legend", {}, "Let-downs you noticed (if any)"),
    h(
      "div",
      { class: "counter-row" },
      h(
        "button",
        {
          type: "button",
          class: "btn counter-btn",
          "aria-label": "One fewer let-down",
          onclick: step(-1),
        },
        "−",
      ),
      input,
      h(
        "button",
        {
          type: "button",
          class: "btn counter-btn",
          "aria-label": "One more let-down",
          onclick: step(1),
        },
        "+",
      ),
    ),
    h("p", { class: "field-error", "data-error-for": "letdown_count" }),
  );
  input.setAttribute("aria-label", "Number of let-downs");
  return { element, read: () => Number(input.value) || 0 };
}

export function signsFieldset(selected = []) {
  const boxes = SIGNS.map((sign) => {
    const id = `sign-${sign}-${++counter}`;
    return h(
      "div",
      { class: "check" },
      h("input", {
        type: "checkbox",
        id,
        name: "signs",
        value: sign,
        checked: selected.includes(sign),
      }),
      h("label", { for: id }, SIGN_LABELS[sign]),
    );
  });
  const element = h(
    "fieldset",
    { class: "field signs" },
    h("legend", {}, "Signs your baby is getting milk"),
    h(
      "p",
      { class: "field-hint" },
      "Not feeling a let-down can be normal. ",
      h("a", { href: "/guide/signs-baby-is-getting-milk/" }, "What to look for"),
    ),
    h("div", { class: "check-grid" }, boxes),
    h("p", { class: "field-error", "data-error-for": "signs" }),
  );
  const read = () => [...element.querySelectorAll("input:checked")].map((box) => box.value);
  return { element, read };
}

export function notesField(value = "") {
  const input = h("textarea", { name: "notes", rows: "3", maxlength: String(MAX_NOTES_LENGTH) });
  input.value = value || "";
  return { element: field("Notes (optional)", input), read: () => input.value.trim() };
}

/** Show `errors` ({field: [messages]}) next to their fields; returns unplaced ones. */
export function showErrors(form, errors) {
  for (const node of form.querySelectorAll("[data-error-for]")) node.textContent = "";
  for (const input of form.querySelectorAll("[aria-invalid]"))
    input.removeAttribute("aria-invalid");
  const unplaced = [];
  for (const [name, value] of Object.entries(errors || {})) {
    if (name === "codes") continue;
    const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (slot) {
      // Next to its field: the messages alone; elsewhere under the field's label.
      slot.textContent = texts(value).join(" ");
      form.querySelector(`[name="${CSS.escape(name)}"]`)?.setAttribute("aria-invalid", "true");
    } else unplaced.push(...errorLines({ [name]: value }));
  }
  const summary = form.querySelector(".form-errors");
  if (summary) summary.textContent = unplaced.join(" ");
  const first = form.querySelector("[aria-invalid='true']");
  if (first) first.focus();
  else if (unplaced.length) summary?.focus();
  return unplaced;
}

export function errorSummary() {
  return h("p", { class: "form-errors", role: "alert", tabindex: "-1" });
}

export function submitBar(label, ...extra) {
  return h(
    "div",
    { class: "bottom-bar form-actions" },
    h("button", { type: "submit", class: "btn btn-primary btn-big" }, label),
    ...extra,
  );
}
