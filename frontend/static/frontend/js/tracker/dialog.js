/**
 * A calm confirmation in a native <dialog> (focus trapped and restored by the
 * browser, Escape cancels). Resolves true only for the confirm button.
 */

import { h } from "./dom.js";

export function confirmDialog({ title, body, confirm, cancel = "Cancel" }) {
  return new Promise((resolve) => {
    const titleId = `dialog-${crypto.randomUUID()}`;
    const dialog = h(
      "dialog",
      { class: "tracker-dialog", "aria-labelledby": titleId },
      h("h2", { id: titleId }, title),
      ...(Array.isArray(body) ? body : [body]).map((text) => h("p", {}, text)),
      h(
        "form",
        { method: "dialog", class: "stack" },
        h("button", { class: "btn btn-primary btn-big", value: "confirm" }, confirm),
        h("button", { class: "btn btn-big", value: "cancel", autofocus: true }, cancel),
      ),
    );
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue === "confirm");
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
