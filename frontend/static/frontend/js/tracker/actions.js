/**
 * A button or form action that needs the server (sign-in, first run, the
 * family sections of Settings). One helper, so every such control behaves
 * the same for keyboard and screen-reader users:
 * - While it runs (a sync, a dialog, the request) the control is
 *   aria-disabled and ignores more taps. Not `disabled`: that drops keyboard
 *   focus, which the dialog could then not give back.
 * - Offline (before or during) `tell` gets `offline` and nothing changes; a
 *   refusal gets the server's messages (errors.js) and its error body.
 * - Afterwards focus is where the result or error is (`tell` or the action
 *   may move it), else back on the control: never lost on <body>.
 */

import { ApiError, OfflineError } from "./api.js";
import { errorText } from "./errors.js";
import { showErrors } from "./fields.js";

function controlOf(event) {
  return event.type === "submit"
    ? event.currentTarget.querySelector("[type=submit]")
    : event.currentTarget;
}

function keepFocus(control) {
  const active = document.activeElement;
  const lost = !active || active === document.body || !active.isConnected;
  if (lost && control.isConnected) control.focus();
}

/**
 * A listener for a click or submit: runs `action(event)`. `tell(text, body)`
 * reports offline (`body` undefined) or a refusal (`body`: the DRF error).
 */
export function onlineAction(action, { offline, tell }) {
  return async (event) => {
    event.preventDefault();
    const control = controlOf(event);
    if (control.getAttribute("aria-disabled") === "true") return;
    control.setAttribute("aria-disabled", "true");
    try {
      if (!navigator.onLine) return tell(offline);
      await action(event);
    } catch (error) {
      if (error instanceof OfflineError) tell(offline);
      else if (error instanceof ApiError) tell(errorText(error.body), error.body);
      else throw error;
    } finally {
      control.removeAttribute("aria-disabled");
      keepFocus(control);
    }
  };
}

/** A `tell` for a form: messages next to their fields, the rest in its summary (focus moves there). */
export function formTell(form) {
  return (text, body) => {
    const placed = body && typeof body === "object" && Object.keys(body).length;
    showErrors(form, placed ? body : { detail: [text] });
  };
}

/** A form's submit that needs the server: onlineAction with the form's own `tell`. */
export function onlineSubmit(form, action, offline) {
  form.addEventListener("submit", onlineAction(action, { offline, tell: formTell(form) }));
}
