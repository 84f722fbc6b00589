/**
 * #/sync: the sync state in full. What is waiting, when the phone last
 * synced, a "Sync now" button (never required: sync runs by itself), and
 * the "needs attention" list with a fix, undo or dismiss for each item.
 */

import { attentionItems, dismiss, dropRejected, undoConflict } from "../attention.js";
import { add, h, screenTitle } from "../dom.js";
import { say } from "../feedback.js";
import { ago } from "../format.js";
import { requestSync, syncStatus } from "../sync.js";

const FIELD_NAMES = { amount_ml: "amount", left_ml: "left amount", right_ml: "right amount", started_at: "start time", ended_at: "end time", letdown_count: "let-downs", milk_type: "milk type" };

function describeValues(values) {
  return Object.entries(values).map(([name, value]) => `${FIELD_NAMES[name] || name}: ${Array.isArray(value) ? value.join(", ") || "none" : value ?? "empty"}`).join("; ");
}

function item(entry) {
  const actions = [];
  let text;
  if (entry.type === "rejected") {
    text = `A change could not be saved on the server. ${describeValues(entry.errors)}`;
    actions.push(h("a", { href: `#/feed/${entry.feed_id}`, class: "btn btn-primary" }, "Fix it"));
    const drop = entry.record ? "Keep the server's version" : "Discard this entry";
    actions.push(h("button", { type: "button", class: "btn", onclick: () => dropRejected(entry) }, drop));
  } else if (entry.type === "conflict") {
    text = `This phone and another phone changed the same feed. Your version was kept; the other phone had ${describeValues(entry.overwritten)}.`;
    actions.push(h("button", { type: "button", class: "btn", onclick: async () => { await undoConflict(entry); say("Restored the other phone's values."); } }, "Use the other phone's values"));
  } else {
    text = "A feed you edited here was deleted on another phone, so the edit was not kept.";
  }
  if (entry.type !== "rejected") actions.push(h("button", { type: "button", class: "btn", onclick: () => dismiss(entry.key) }, "Dismiss"));
  return h("li", { class: "card attention-item", "data-testid": "attention-item" }, h("p", {}, text), h("div", { class: "actions" }, actions));
}

export async function renderSync(root) {
  const status = syncStatus();
  const items = await attentionItems();
  add(root, 
    screenTitle("Sync"),
    h("dl", { class: "totals" },
      h("dt", {}, "Waiting to sync"), h("dd", { "data-testid": "pending-count" }, String(status.pending)),
      h("dt", {}, "Last synced"), h("dd", {}, status.lastSynced ? ago(status.lastSynced) : "not yet")),
    h("p", {}, "Entries are saved on this phone first and sync by themselves whenever there is a connection."),
    h("h2", {}, "Needs attention"),
    items.length ? h("ul", { class: "attention-list" }, items.map(item)) : h("p", {}, "Nothing needs your attention."),
    h("div", { class: "bottom-bar" }, h("button", { type: "button", class: "btn btn-big", onclick: () => requestSync() }, "Sync now")),
  );
  return { live: true };
}
