/**
 * The sync state, always visible at the top: what is waiting, when the phone
 * last synced, and whether anything needs attention. It links to #/sync.
 */

import { h, replaceChildren } from "./dom.js";
import { ago, clockTime } from "./format.js";
import { onStatus, syncStatus } from "./sync.js";

function describe(status) {
  const waiting = status.pending ? `${status.pending} waiting to sync` : "";
  switch (status.state) {
    case "starting":
    case "syncing":
      return "Syncing…";
    case "offline":
      return waiting ? `Offline · ${waiting}` : "Offline · everything is saved on this phone";
    case "signed-out":
      return "Sign in again to sync";
    case "error":
      return waiting ? `Sync will retry · ${waiting}` : "Sync will retry shortly";
    default:
      if (waiting) return waiting;
      return status.lastSynced ? `Synced ${clockTime(status.lastSynced)}` : "Not synced yet";
  }
}

function render(element) {
  const status = syncStatus();
  element.dataset.state = status.pending && status.state === "idle" ? "pending" : status.state;
  element.dataset.pending = String(status.pending);
  const attention = status.attention
    ? h(
        "span",
        { class: "sync-attention" },
        ` · ${status.attention} need${status.attention === 1 ? "s" : ""} attention`,
      )
    : null;
  const title = status.lastSynced ? `Last synced ${ago(status.lastSynced)}` : null;
  replaceChildren(
    element,
    h(
      "a",
      { href: status.state === "signed-out" ? "#/signin" : "#/sync", class: "sync-link", title },
      h("span", { class: "sync-dot", "aria-hidden": "true" }),
      h("span", { class: "sync-text" }, describe(status), attention),
    ),
  );
}

export function mountStatusBar(element) {
  render(element);
  onStatus(() => render(element));
  setInterval(() => render(element), 60000);
}
