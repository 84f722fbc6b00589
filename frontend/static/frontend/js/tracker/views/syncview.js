/**
 * #/sync: the sync state in full. What is waiting, when the phone last
 * synced, a "Sync now" button (never required: sync runs by itself), and
 * the "needs attention" list with a fix, undo or dismiss for each item.
 *
 * Every note names its feed ("Bottle, today at 04:30") and says what
 * happened in plain words, with values in the parent's units ("the other
 * phone had 65 ml"); the server's field messages are never shown as they
 * come (a timer race would read "segments: Segment 1 ends after the feed.").
 */

import {
  attentionItems,
  carriedOnSide,
  carryOn,
  dismiss,
  dropRejected,
  undoConflict,
} from "../attention.js";
import { dayLabel } from "../days.js";
import { add, h, screenTitle } from "../dom.js";
import { errorLines, fieldLabel } from "../errors.js";
import { KIND_LABELS, MILK_LABELS, sideSeconds } from "../feed.js";
import { say } from "../feedback.js";
import { SIGN_LABELS } from "../fields.js";
import { ago, clockTime, duration, localDayKey, volume } from "../format.js";
import { getFeed } from "../store.js";
import { requestSync, syncStatus } from "../sync.js";

/** "Bottle, today at 04:30" (the feed the note is about). */
function feedName(feed) {
  if (!feed?.kind) return "A feed";
  const kind = KIND_LABELS[feed.kind] || "Feed";
  if (!feed.started_at) return kind;
  const day = dayLabel(localDayKey(feed.started_at));
  return `${kind}, ${day === "Today" || day === "Yesterday" ? day.toLowerCase() : day} at ${clockTime(feed.started_at)}`;
}

const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** One value another phone had, in words with units: "65 ml", "a start at 04:30", "no signs". */
function valueInWords(name, value, units) {
  const empty =
    value === null ||
    value === undefined ||
    value === "" ||
    (Array.isArray(value) && !value.length);
  switch (name) {
    case "amount_ml":
      return empty ? "no amount" : volume(value, units);
    case "left_ml":
      return empty ? "no amount on the left" : `${volume(value, units)} on the left`;
    case "right_ml":
      return empty ? "no amount on the right" : `${volume(value, units)} on the right`;
    case "started_at":
      return empty ? "no start time" : `a start at ${clockTime(value)}`;
    case "ended_at":
      return empty ? "the feed still running" : `an end at ${clockTime(value)}`;
    case "letdown_count":
      return plural(Number(value) || 0, "let-down");
    case "letdowns":
      return plural(Array.isArray(value) ? value.length : 0, "let-down");
    case "signs":
      return empty
        ? "no signs ticked"
        : `the signs ${value.map((sign) => (SIGN_LABELS[sign] || sign).toLowerCase()).join(", ")}`;
    case "milk_type":
      return empty ? "no milk type" : (MILK_LABELS[value] || value).toLowerCase();
    case "notes":
      return empty ? "no note" : `the note “${value}”`;
    case "segments": {
      if (empty) return "no timer times";
      const timing = { segments: value };
      return `other timer times (left ${duration(sideSeconds(timing, "left"))}, right ${duration(sideSeconds(timing, "right"))})`;
    }
    case "kind":
      return `a ${(KIND_LABELS[value] || value).toLowerCase()}`;
    default:
      return `${fieldLabel(name).toLowerCase()} ${Array.isArray(value) ? value.join(", ") : value}`;
  }
}

function joinWords(words) {
  return words.length > 1
    ? `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`
    : words[0] || "";
}

/** The server's reasons, each under its field's label (errors.js); timer details in one plain sentence. */
function reasons(errors) {
  return errorLines(errors, { segments: "they no longer fit the feed's start and end." });
}

function button(label, onclick, primary = false) {
  return h(
    "button",
    { type: "button", class: `btn ${primary ? "btn-primary" : ""}`, onclick },
    label,
  );
}

function item(entry, feed, ctx) {
  const actions = [];
  const lines = [];
  if (entry.type === "rejected" && entry.reason === "stopped-elsewhere") {
    const side = carriedOnSide(entry);
    const stop = entry.record?.ended_at ? ` at ${clockTime(entry.record.ended_at)}` : "";
    lines.push(
      `The other phone stopped this feed${stop}, before this phone’s ${side ? `switch to the ${side}` : "last tap on the timer"} reached it. It is saved as the other phone stopped it.`,
    );
    if (side) {
      lines.push(`Still feeding? Carry on timing on the ${side} from when you tapped.`);
      actions.push(
        button(
          `Carry on on the ${side}`,
          async () => {
            await carryOn(entry);
            say(`Timing the ${side} again.`);
            ctx.go("#/timer");
          },
          true,
        ),
      );
    }
    actions.push(
      button(side ? "Leave it stopped" : "OK, keep it stopped", async () => {
        await dropRejected(entry);
        say("Kept as the other phone stopped it.");
      }),
    );
  } else if (entry.type === "rejected") {
    lines.push("A change made on this phone could not be saved on the server:");
    lines.push(...reasons(entry.errors));
    actions.push(h("a", { href: `#/feed/${entry.feed_id}`, class: "btn btn-primary" }, "Fix it"));
    actions.push(
      button(entry.record ? "Keep the server's version" : "Discard this entry", () =>
        dropRejected(entry),
      ),
    );
  } else if (entry.type === "conflict") {
    const had = joinWords(
      Object.entries(entry.overwritten).map(([name, value]) =>
        valueInWords(name, value, ctx.units),
      ),
    );
    lines.push(
      `This phone and another phone changed it at the same time. This phone’s version was kept; the other phone had ${had}.`,
    );
    actions.push(
      button("Use the other phone's values", async () => {
        await undoConflict(entry);
        say("Restored the other phone's values.");
      }),
    );
  } else {
    lines.push("A feed you edited here was deleted on another phone, so the edit was not kept.");
  }
  if (entry.type !== "rejected") actions.push(button("Dismiss", () => dismiss(entry.key)));
  return h(
    "li",
    { class: "card attention-item", "data-testid": "attention-item" },
    h("h3", { class: "attention-feed" }, feedName(feed)),
    lines.map((line) => h("p", {}, line)),
    h("div", { class: "actions" }, actions),
  );
}

export async function renderSync(root, ctx) {
  const status = syncStatus();
  const items = await attentionItems();
  // The feed each note is about: as noted when it was made, else as this phone has it.
  const feeds = await Promise.all(
    items.map(
      async (entry) => entry.feed || (await getFeed(entry.feed_id)) || entry.record || entry.tried,
    ),
  );
  add(
    root,
    screenTitle("Sync"),
    h(
      "dl",
      { class: "totals" },
      h("dt", {}, "Waiting to sync"),
      h("dd", { "data-testid": "pending-count" }, String(status.pending)),
      h("dt", {}, "Last synced"),
      h("dd", {}, status.lastSynced ? ago(status.lastSynced) : "not yet"),
    ),
    h(
      "p",
      {},
      "Entries are saved on this phone first and sync by themselves whenever there is a connection.",
    ),
    h("h2", {}, "Needs attention"),
    items.length
      ? h(
          "ul",
          { class: "attention-list" },
          items.map((entry, index) => item(entry, feeds[index], ctx)),
        )
      : h("p", {}, "Nothing needs your attention."),
    h(
      "div",
      { class: "bottom-bar" },
      h(
        "button",
        { type: "button", class: "btn btn-big", onclick: () => requestSync() },
        "Sync now",
      ),
    ),
  );
  return { live: true };
}
