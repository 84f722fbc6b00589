/**
 * `guarded(form, action, offline)`: a form screen's submit. The button is
 * disabled while `action` runs; offline, `offline` is shown in the form, and
 * a server's refusal (ApiError) is shown next to its fields.
 */

import { ApiError, OfflineError } from "../api.js";
import { showErrors } from "../fields.js";

export function guarded(form, action, offline) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      if (error instanceof OfflineError) showErrors(form, { detail: [offline] });
      else if (error instanceof ApiError) showErrors(form, error.body || {});
      else throw error;
    } finally {
      button.disabled = false;
    }
  });
}
