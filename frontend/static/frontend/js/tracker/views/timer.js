/**
 * #/timer: the running breastfeed or pumping session. Everything shown is
 * computed from the stored segments each second, so the time is right after
 * a reload, a killed tab or a locked phone. Each tap (switch, pause, resume,
 * a let-down, a sign, stop) is a local write (feed + outbox in one
 * transaction), synced like any edit, so the partner's phone sees the feed
 * in progress. A let-down is stored with its moment; the screen shows it as
 * the stopwatch read then ("let-down at 4:12").
 */

import { announceSaved, say } from "../feedback.js";
import { add, h, screenTitle } from "../dom.js";
import {
  SIDE_LABELS,
  clockSeconds,
  elapsedAt,
  feedSeconds,
  isRunning,
  otherSide,
  sideSeconds,
  startBreastFeed,
  suggestedSide,
} from "../feed.js";
import { signsFieldset } from "../fields.js";
import { clockTime, stopwatch } from "../format.js";
import RULEBOOK from "../rulebook.js";
import { feedsOf, getFeed, saveFeed } from "../store.js";
import {
  MAX_LETDOWNS,
  addLetdown,
  closeSegment,
  openSegment,
  removeLetdown,
  resumeOn,
  stopFeed,
  switchSide,
} from "../timing.js";

function notRunning(root, feeds, ctx) {
  const next = suggestedSide(feeds) || "left";
  const start = (side) => async () => {
    await saveFeed(startBreastFeed(ctx.baby.id, side));
    announceSaved("Timer started,");
    ctx.rerender();
  };
  add(
    root,
    screenTitle("Feed timer"),
    h(
      "p",
      {},
      "No feed is running. Start on either side; the timer keeps going even if you lock the phone.",
    ),
    h(
      "div",
      { class: "bottom-bar side-buttons" },
      RULEBOOK.enums.side.map((side) =>
        h(
          "button",
          {
            type: "button",
            class: `btn btn-big side-btn ${side === next ? "btn-primary" : ""}`,
            onclick: start(side),
          },
          `Start ${side}`,
        ),
      ),
    ),
  );
}

function act(feedId, change, message, ctx) {
  return async () => {
    const feed = await getFeed(feedId);
    if (!feed || !isRunning(feed)) return ctx.rerender();
    const updated = change(feed);
    await saveFeed(updated);
    if (updated.ended_at) {
      announceSaved("Feed saved");
      ctx.go(`#/feed/${feed.id}?finished=1`);
    } else {
      if (message) say(message); // a let-down says its own (an empty toast would cover the screen)
      ctx.rerender();
    }
  };
}

/** Stop: the same in every timer (`extra` marks it the main action when it is the only one). */
function stopButton(feed, ctx, extra = "") {
  return h(
    "button",
    {
      type: "button",
      class: `btn btn-big stop-btn ${extra}`.trim(),
      onclick: act(feed.id, (f) => stopFeed(f), "", ctx),
    },
    "Stop",
  );
}

function controls(feed, ctx) {
  const open = openSegment(feed);
  const buttons = [];
  if (feed.kind === "pump") {
    // Pumping runs both sides at once: no sides to switch, one Stop.
    buttons.push(stopButton(feed, ctx, "btn-primary"));
    return h("div", { class: "bottom-bar timer-controls" }, buttons);
  }
  if (open) {
    const to = otherSide(open.side);
    buttons.push(
      h(
        "button",
        {
          type: "button",
          class: "btn btn-primary btn-big",
          onclick: act(feed.id, (f) => switchSide(f), `Switched to the ${to}.`, ctx),
        },
        `Switch to ${to}`,
      ),
    );
    buttons.push(
      h(
        "button",
        {
          type: "button",
          class: "btn btn-big",
          onclick: act(feed.id, (f) => closeSegment(f), "Paused.", ctx),
        },
        "Pause",
      ),
    );
  } else {
    const side = feed.segments.length ? feed.segments[feed.segments.length - 1].side : "left";
    for (const choice of [side, otherSide(side)]) {
      buttons.push(
        h(
          "button",
          {
            type: "button",
            class: `btn btn-big ${choice === side ? "btn-primary" : ""}`,
            onclick: act(feed.id, (f) => resumeOn(f, choice), `Resumed on the ${choice}.`, ctx),
          },
          `Resume ${choice}`,
        ),
      );
    }
  }
  buttons.push(stopButton(feed, ctx));
  return h("div", { class: "bottom-bar timer-controls" }, buttons);
}

/** The big let-down button, the let-downs so far, and a way to take the last one back. */
function letdownCard(feed, ctx) {
  const letdowns = feed.letdowns || [];
  const full = letdowns.length >= MAX_LETDOWNS;
  const tap = act(feed.id, (f) => addLetdown(f), "", ctx);
  const record = async () => {
    await tap();
    const saved = await getFeed(feed.id);
    const last = saved?.letdowns?.[saved.letdowns.length - 1];
    if (last) say(`Let-down noted at ${stopwatch(elapsedAt(saved, last.at))}.`);
  };
  const undo = act(
    feed.id,
    (f) => removeLetdown(f, (f.letdowns || []).length - 1),
    "Last let-down taken back.",
    ctx,
  );
  const items = letdowns.map((item) =>
    // The clock time is on the edit form; here "how far in" is what the parent reads.
    h(
      "li",
      {},
      h("span", { class: "visually-hidden" }, "Let-down "),
      `at ${stopwatch(elapsedAt(feed, item.at))}`,
    ),
  );
  return h(
    "section",
    { class: "letdown-card", "aria-labelledby": "letdowns-title" },
    h("h2", { id: "letdowns-title", class: "visually-hidden" }, "Let-downs"),
    h(
      "button",
      {
        type: "button",
        class: "btn btn-big letdown-btn",
        "data-testid": "letdown-now",
        disabled: full,
        onclick: record,
      },
      full ? `${MAX_LETDOWNS} let-downs noted` : "Let-down now",
    ),
    letdowns.length
      ? h(
          "div",
          { class: "letdown-so-far" },
          h(
            "p",
            { class: "letdown-count", "aria-hidden": "true" },
            `${letdowns.length} let-down${letdowns.length === 1 ? "" : "s"}:`,
          ),
          h(
            "ol",
            {
              class: "letdown-pills",
              "data-testid": "timer-letdowns",
              "aria-label": `${letdowns.length} let-down${letdowns.length === 1 ? "" : "s"} so far`,
            },
            items,
          ),
          h(
            "button",
            { type: "button", class: "btn btn-secondary", onclick: undo },
            "Undo last let-down",
          ),
        )
      : h(
          "p",
          { class: "field-hint" },
          "Tap when you feel one, or see the flow change. Not feeling any can be normal.",
        ),
  );
}

// Whether the parent opened the signs: kept across the re-render each tick causes.
let signsOpen = false;

/** Signs ticked while feeding; each tick is saved at once (and survives a reload). */
function signsCard(feed) {
  const signs = signsFieldset(feed.signs || []);
  signs.element.addEventListener("change", async () => {
    const latest = await getFeed(feed.id);
    if (latest && isRunning(latest)) await saveFeed({ ...latest, signs: signs.read() });
  });
  const details = h(
    "details",
    { class: "card timer-signs", open: signsOpen || (feed.signs || []).length > 0 },
    h(
      "summary",
      {},
      "Signs you notice",
      (feed.signs || []).length ? ` (${feed.signs.length} ticked)` : "",
    ),
    signs.element,
  );
  details.addEventListener("toggle", () => {
    signsOpen = details.open;
  });
  return details;
}

export async function renderTimer(root, ctx) {
  const feeds = await feedsOf(ctx.baby.id);
  const feed = feeds.find(isRunning);
  if (!feed) return notRunning(root, feeds, ctx);
  if (feed.kind === "pump") return pumpTimer(root, feed, ctx);
  const open = openSegment(feed);
  const total = h("p", {
    class: "stopwatch",
    role: "timer",
    "aria-live": "off",
    "data-testid": "elapsed",
    "data-keep-in-view": true, // a toast's scroll never takes it off the top (feedback.js)
  });
  const left = h("dd", { "data-testid": "left-time" });
  const right = h("dd", { "data-testid": "right-time" });
  const tick = () => {
    total.textContent = stopwatch(clockSeconds(feed));
    left.textContent = stopwatch(sideSeconds(feed, "left"));
    right.textContent = stopwatch(sideSeconds(feed, "right"));
  };
  tick();
  const timer = setInterval(tick, 1000);
  add(
    root,
    screenTitle("Feed in progress"),
    h(
      "p",
      { class: "timer-state", "data-testid": "timer-state" },
      open ? `On the ${open.side} since ${clockTime(open.started_at)}` : "Paused",
      ` · started ${clockTime(feed.started_at)}`,
    ),
    total,
    h(
      "dl",
      { class: "side-times" },
      h("dt", {}, SIDE_LABELS.left),
      left,
      h("dt", {}, SIDE_LABELS.right),
      right,
    ),
    letdownCard(feed, ctx),
    signsCard(feed),
    h("p", { class: "field-hint" }, "You can lock the phone; the timer keeps counting."),
    controls(feed, ctx),
  );
  return { live: true, cleanup: () => clearInterval(timer) };
}

/** A pumping session: one stopwatch from its start, let-downs, signs, Stop (amounts come after). */
function pumpTimer(root, feed, ctx) {
  const total = h("p", {
    class: "stopwatch",
    role: "timer",
    "aria-live": "off",
    "data-testid": "elapsed",
    "data-keep-in-view": true, // a toast's scroll never takes it off the top (feedback.js)
  });
  const tick = () => {
    total.textContent = stopwatch(feedSeconds(feed));
  };
  tick();
  const timer = setInterval(tick, 1000);
  add(
    root,
    screenTitle("Pumping in progress"),
    h(
      "p",
      { class: "timer-state", "data-testid": "timer-state" },
      `Pumping since ${clockTime(feed.started_at)}`,
    ),
    total,
    letdownCard(feed, ctx),
    signsCard(feed),
    h(
      "p",
      { class: "field-hint" },
      "You can lock the phone; the timer keeps counting. After Stop, enter how much.",
    ),
    controls(feed, ctx),
  );
  return { live: true, cleanup: () => clearInterval(timer) };
}
