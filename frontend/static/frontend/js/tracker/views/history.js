/**
 * #/history: every feed on this phone, grouped by local day, newest first.
 * Each row opens the edit screen; rows not yet on the server say so.
 */

import { add, h, screenTitle } from "../dom.js";
import { KIND_LABELS, MILK_LABELS, SIDE_LABELS, feedMl, feedSeconds, isRunning, lastSide } from "../feed.js";
import { dayLabel } from "../days.js";
import { clockTime, duration, localDayKey, volume } from "../format.js";
import { pendingFeedIds } from "../outbox.js";
import { feedsOf } from "../store.js";

function summary(feed, units) {
  if (feed.kind === "breast") {
    const side = lastSide(feed);
    const running = isRunning(feed);
    const parts = [running ? "in progress" : duration(feedSeconds(feed))];
    if (side) parts.push(`${running ? "on the" : "ended"} ${SIDE_LABELS[side].toLowerCase()}`);
    if (feed.letdown_count) parts.push(`${feed.letdown_count} let-down${feed.letdown_count === 1 ? "" : "s"}`);
    return parts.join(" · ");
  }
  if (feed.kind === "pump") {
    return [volume(feedMl(feed), units), `L ${volume(feed.left_ml || 0, units)}`, `R ${volume(feed.right_ml || 0, units)}`].join(" · ");
  }
  return [volume(feed.amount_ml, units), MILK_LABELS[feed.milk_type]].filter(Boolean).join(" · ");
}

function row(feed, pending, units) {
  return h(
    "li",
    {},
    h(
      "a",
      { href: `#/feed/${feed.id}`, class: "feed-row", "data-testid": "feed-row" },
      h("span", { class: "feed-time" }, clockTime(feed.started_at)),
      h("span", { class: "feed-main" }, h("span", { class: "feed-kind" }, KIND_LABELS[feed.kind]), h("span", { class: "feed-detail" }, summary(feed, units))),
      pending ? h("span", { class: "badge badge-pending" }, "Waiting to sync") : null,
    ),
  );
}

export async function renderHistory(root, ctx) {
  const [feeds, pending] = await Promise.all([feedsOf(ctx.baby.id), pendingFeedIds()]);
  add(root, screenTitle("History"));
  if (!feeds.length) {
    add(root, h("p", {}, "No feeds yet. They appear here as soon as you log them, even offline."));
    return { live: true };
  }
  const days = new Map();
  for (const feed of feeds) {
    const key = localDayKey(feed.started_at);
    if (!days.has(key)) days.set(key, []);
    days.get(key).push(feed);
  }
  for (const [day, list] of days) {
    const id = `day-${day}`;
    add(root, 
      h("section", { class: "history-day", "aria-labelledby": id },
        h("h2", { id }, `${dayLabel(day)} `, h("span", { class: "day-count" }, `· ${list.length} feed${list.length === 1 ? "" : "s"}`)),
        h("ul", { class: "feed-list" }, list.map((feed) => row(feed, pending.has(feed.id), ctx.units)))),
    );
  }
  return { live: true };
}
