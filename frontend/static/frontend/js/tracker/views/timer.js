/**
 * #/timer: the running breastfeed. Everything shown is computed from the
 * stored segments each second, so the time is right after a reload, a
 * killed tab or a locked phone. Each tap (switch, pause, resume, stop) is a
 * local write (feed + outbox in one transaction), synced like any edit, so
 * the partner's phone sees the feed in progress.
 */

import { announceSaved, say } from "../feedback.js";
import { add, h, screenTitle } from "../dom.js";
import { SIDE_LABELS, feedSeconds, isRunning, otherSide, sideSeconds, startBreastFeed, suggestedSide } from "../feed.js";
import { clockTime } from "../format.js";
import { feedsOf, getFeed, saveFeed } from "../store.js";
import { closeSegment, openSegment, resumeOn, stopFeed, switchSide } from "../timing.js";

/** A running stopwatch: "4:07" or "1:04:07". */
function stopwatch(seconds) {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

function notRunning(root, feeds, ctx) {
  const next = suggestedSide(feeds) || "left";
  const start = (side) => async () => {
    await saveFeed(startBreastFeed(ctx.baby.id, side));
    announceSaved("Timer started,");
    ctx.rerender();
  };
  add(root, 
    screenTitle("Feed timer"),
    h("p", {}, "No feed is running. Start on either side; the timer keeps going even if you lock the phone."),
    h("div", { class: "bottom-bar side-buttons" },
      ["left", "right"].map((side) =>
        h("button", { type: "button", class: `btn btn-big side-btn ${side === next ? "btn-primary" : ""}`, onclick: start(side) }, `Start ${side}`))),
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
      say(message);
      ctx.rerender();
    }
  };
}

function controls(feed, ctx) {
  const open = openSegment(feed);
  const buttons = [];
  if (open) {
    const to = otherSide(open.side);
    buttons.push(h("button", { type: "button", class: "btn btn-primary btn-big", onclick: act(feed.id, (f) => switchSide(f), `Switched to the ${to}.`, ctx) }, `Switch to ${to}`));
    buttons.push(h("button", { type: "button", class: "btn btn-big", onclick: act(feed.id, (f) => closeSegment(f), "Paused.", ctx) }, "Pause"));
  } else {
    const side = feed.segments.length ? feed.segments[feed.segments.length - 1].side : "left";
    for (const choice of [side, otherSide(side)]) {
      buttons.push(h("button", { type: "button", class: `btn btn-big ${choice === side ? "btn-primary" : ""}`, onclick: act(feed.id, (f) => resumeOn(f, choice), `Resumed on the ${choice}.`, ctx) }, `Resume ${choice}`));
    }
  }
  buttons.push(h("button", { type: "button", class: "btn btn-big stop-btn", onclick: act(feed.id, (f) => stopFeed(f), "", ctx) }, "Stop"));
  return h("div", { class: "bottom-bar timer-controls" }, buttons);
}

export async function renderTimer(root, ctx) {
  const feeds = await feedsOf(ctx.baby.id);
  const feed = feeds.find(isRunning);
  if (!feed) return notRunning(root, feeds, ctx);
  const open = openSegment(feed);
  const total = h("p", { class: "stopwatch", role: "timer", "aria-live": "off", "data-testid": "elapsed" });
  const left = h("dd", { "data-testid": "left-time" });
  const right = h("dd", { "data-testid": "right-time" });
  const tick = () => {
    total.textContent = stopwatch(feedSeconds(feed));
    left.textContent = stopwatch(sideSeconds(feed, "left"));
    right.textContent = stopwatch(sideSeconds(feed, "right"));
  };
  tick();
  const timer = setInterval(tick, 1000);
  add(root, 
    screenTitle("Feed in progress"),
    h("p", { class: "timer-state", "data-testid": "timer-state" },
      open ? `On the ${open.side} since ${clockTime(open.started_at)}` : "Paused", ` · started ${clockTime(feed.started_at)}`),
    total,
    h("dl", { class: "side-times" }, h("dt", {}, SIDE_LABELS.left), left, h("dt", {}, SIDE_LABELS.right), right),
    h("p", { class: "field-hint" }, "You can lock the phone; the timer keeps counting. Let-downs and signs can be added when you stop."),
    controls(feed, ctx),
  );
  return { live: true, cleanup: () => clearInterval(timer) };
}
