/**
 * #/history: every feed on this phone, grouped by local day, newest first.
 * Each row opens the edit screen; rows not yet on the server say so. A row
 * shows what tells a parent the baby got milk: the let-downs (with their
 * moments when the timer recorded them) and the signs ticked.
 */

import { add, h, screenTitle } from "../dom.js";
import { KIND_LABELS, MILK_LABELS, SIDE_LABELS, feedMl, isRunning, lastSide } from "../feed.js";
import { SIGNS, SIGN_LABELS } from "../fields.js";
import { dayLabel } from "../days.js";
import { clockTime, localDayKey, offsetClock, volume } from "../format.js";
import { breastTimes } from "../totals.js";
import { pendingFeedIds } from "../outbox.js";
import { feedsOf } from "../store.js";

function summary(feed, units) {
  if (feed.kind === "breast") {
    const side = lastSide(feed);
    const running = isRunning(feed);
    const parts = [running ? `in progress · ${breastTimes(feed)} so far` : breastTimes(feed)];
    if (side)
      parts.push(`${running ? "now on the" : "ended on the"} ${SIDE_LABELS[side].toLowerCase()}`);
    return parts.join(" · ");
  }
  if (feed.kind === "pump") {
    return [
      volume(feedMl(feed), units),
      `L ${volume(feed.left_ml || 0, units)}`,
      `R ${volume(feed.right_ml || 0, units)}`,
    ].join(" · ");
  }
  return [volume(feed.amount_ml, units), MILK_LABELS[feed.milk_type]].filter(Boolean).join(" · ");
}

/**
 * "2 let-downs, at 4:12 and 9:30" (minutes into the feed). Uses the feed's
 * `letdowns` (a list of {at, ml}, recorded by a tap on the timer) when the
 * feed has them, else the count logged afterwards.
 */
function letdownLine(feed, units) {
  const taps = Array.isArray(feed.letdowns) ? feed.letdowns.filter((item) => item?.at) : [];
  const count = taps.length || feed.letdown_count || 0;
  if (!count) return null;
  let text = `${count} let-down${count === 1 ? "" : "s"}`;
  if (taps.length) {
    const moments = taps.map((item) => {
      const at = offsetClock(feed.started_at, item.at);
      return item.ml ? `${at} (${volume(item.ml, units)})` : at;
    });
    const list =
      moments.length > 1
        ? `${moments.slice(0, -1).join(", ")} and ${moments[moments.length - 1]}`
        : moments[0];
    text += `, at ${list}`;
  }
  return h("span", { class: "feed-detail feed-letdowns", "data-testid": "feed-letdowns" }, text);
}

function signsLine(feed) {
  const signs = SIGNS.filter((sign) => (feed.signs || []).includes(sign));
  if (!signs.length) return null;
  return h(
    "span",
    { class: "feed-detail feed-signs", "data-testid": "feed-signs" },
    `Signs: ${signs.map((sign) => SIGN_LABELS[sign].toLowerCase()).join(", ")}`,
  );
}

function row(feed, pending, units) {
  return h(
    "li",
    {},
    h(
      "a",
      { href: `#/feed/${feed.id}`, class: "feed-row", "data-testid": "feed-row" },
      h("span", { class: "feed-time" }, clockTime(feed.started_at)),
      h(
        "span",
        { class: "feed-main" },
        h("span", { class: "feed-kind" }, KIND_LABELS[feed.kind]),
        h("span", { class: "feed-detail" }, summary(feed, units)),
        letdownLine(feed, units),
        signsLine(feed),
      ),
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
    add(
      root,
      h(
        "section",
        { class: "history-day", "aria-labelledby": id },
        h(
          "h2",
          { id },
          `${dayLabel(day)} `,
          h(
            "span",
            { class: "day-count" },
            `· ${list.length} feed${list.length === 1 ? "" : "s"}`,
          ),
        ),
        h(
          "ul",
          { class: "feed-list" },
          list.map((feed) => row(feed, pending.has(feed.id), ctx.units)),
        ),
      ),
    );
  }
  return { live: true };
}
