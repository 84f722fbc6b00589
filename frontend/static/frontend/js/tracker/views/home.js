/**
 * #/ : the screen a parent opens at 3 a.m. Last feed and how long ago,
 * the side to start on next, today's totals, the guidance on let-downs,
 * and the two big "start" buttons at the bottom, within thumb reach.
 * While a feed runs (here or on the partner's phone), the screen is about
 * that feed: its side and time, the side to switch to, and the way back to
 * the timer in the primary place.
 */

import { announceSaved } from "../feedback.js";
import { add, h, screenTitle } from "../dom.js";
import {
  KIND_LABELS,
  SIDE_LABELS,
  feedSeconds,
  isRunning,
  lastSide,
  otherSide,
  startBreastFeed,
  suggestedSide,
} from "../feed.js";
import { ago, clockTime, duration, volume } from "../format.js";
import { feedsOf, saveFeed } from "../store.js";
import { breastTimes, todayTotals } from "../totals.js";

/** The open segment's side, or null while paused. */
function runningSide(feed) {
  const last = feed.segments?.[feed.segments.length - 1];
  return last && !last.ended_at ? last.side : null;
}

/** "Feeding on the right since 03:12. Next: the left." (the next-side hint follows the running feed). */
function runningLead(feed) {
  const side = runningSide(feed);
  const last = lastSide(feed);
  if (side)
    return `Feeding on the ${side} since ${clockTime(feed.segments[feed.segments.length - 1].started_at)}. Switch to the ${otherSide(side)} on the timer when you are ready.`;
  if (last)
    return `Feed paused, last on the ${last}. Resume or switch to the ${otherSide(last)} on the timer.`;
  return "Feed in progress. Choose a side on the timer.";
}

function runningCard(feed) {
  const side = runningSide(feed);
  const state = side ? `On the ${side}` : "Paused";
  return h(
    "section",
    {
      class: "card running-feed",
      "aria-labelledby": "running-feed-title",
      "data-testid": "running-feed",
    },
    h("h2", { id: "running-feed-title" }, "Feed in progress"),
    h("p", { class: "big-number" }, `${duration(feedSeconds(feed))} so far`),
    h(
      "p",
      {},
      [KIND_LABELS[feed.kind], state, `started ${clockTime(feed.started_at)}`].join(" · "),
    ),
    h("a", { href: "#/timer", class: "text-link" }, "Back to the timer"),
  );
}

function lastFeedCard(feed, units, running) {
  // While a feed runs, "nothing logged yet" would be untrue: the running card says it all.
  if (!feed && running) return null;
  if (!feed)
    return h(
      "section",
      { class: "card" },
      h("h2", {}, "Last feed"),
      h("p", {}, "Nothing logged yet. Start a feed below when you are ready."),
    );
  const side = lastSide(feed);
  const details = [KIND_LABELS[feed.kind], `started ${clockTime(feed.started_at)}`];
  if (feed.kind === "breast") details.push(breastTimes(feed));
  if (feed.kind === "pump" || feed.kind === "bottle") {
    const ml =
      feed.kind === "pump"
        ? (Number(feed.left_ml) || 0) + (Number(feed.right_ml) || 0)
        : feed.amount_ml;
    if (ml) details.push(volume(ml, units));
  }
  return h(
    "section",
    { class: "card last-feed", "aria-labelledby": "last-feed-title" },
    h("h2", { id: "last-feed-title" }, "Last feed"),
    h("p", { class: "big-number", "data-testid": "last-feed-ago" }, ago(feed.started_at)),
    h("p", {}, details.join(" · ")),
    side ? h("p", {}, `Last side: ${SIDE_LABELS[side]}`) : null,
    h("a", { href: `#/feed/${feed.id}`, class: "text-link" }, "Edit this feed"),
  );
}

function todayCard(totals, units) {
  const rows = [
    ["Feeds", String(totals.feeds)],
    ["Left", duration(totals.leftSeconds)],
    ["Right", duration(totals.rightSeconds)],
  ];
  if (totals.pumpedMl) rows.push(["Pumped", volume(totals.pumpedMl, units)]);
  if (totals.bottleMl) rows.push(["Bottles", volume(totals.bottleMl, units)]);
  if (totals.letdowns) rows.push(["Let-downs noticed", String(totals.letdowns)]);
  return h(
    "section",
    { class: "card", "aria-labelledby": "today-title" },
    h("h2", { id: "today-title" }, "Today"),
    h(
      "dl",
      { class: "totals", "data-testid": "today-totals" },
      rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
    ),
  );
}

function guidanceCard() {
  return h(
    "section",
    { class: "card guidance", "aria-labelledby": "guidance-title" },
    h("h2", { id: "guidance-title" }, "Not feeling a let-down can be normal"),
    h("p", {}, "Many parents never feel it. What counts is that your baby is getting milk."),
    h(
      "ul",
      { class: "link-list" },
      h(
        "li",
        {},
        h("a", { href: "/guide/signs-baby-is-getting-milk/" }, "Signs your baby is getting milk"),
      ),
      h("li", {}, h("a", { href: "/guide/let-down/" }, "About the let-down")),
    ),
  );
}

function startBar(feeds, baby, ctx) {
  const running = feeds.find(isRunning);
  if (running) {
    const side = runningSide(running);
    return h(
      "div",
      { class: "bottom-bar" },
      h(
        "a",
        { href: "#/timer", class: "btn btn-primary btn-big" },
        `Back to the timer · ${side ? SIDE_LABELS[side] : "paused"}`,
      ),
    );
  }
  const next = suggestedSide(feeds);
  const start = (side) => async () => {
    await saveFeed(startBreastFeed(baby.id, side));
    announceSaved("Timer started,");
    ctx.go("#/timer");
  };
  const button = (side) =>
    h(
      "button",
      {
        type: "button",
        class: `btn btn-big side-btn ${side === next ? "btn-primary" : ""}`,
        onclick: start(side),
      },
      h("span", {}, `Start ${side}`),
      side === next ? h("span", { class: "hint" }, "next side") : null,
    );
  return h("div", { class: "bottom-bar side-buttons" }, button("left"), button("right"));
}

export async function renderHome(root, ctx) {
  const feeds = await feedsOf(ctx.baby.id);
  const running = feeds.find(isRunning);
  const next = suggestedSide(feeds);
  let lead = next ? `Next, start on the ${next}.` : null;
  if (running) lead = runningLead(running);
  add(
    root,
    screenTitle(ctx.baby.name),
    lead ? h("p", { class: "lead", "data-testid": "next-side" }, lead) : null,
    running ? runningCard(running) : null,
    lastFeedCard(
      feeds.find((feed) => !isRunning(feed)),
      ctx.units,
      running,
    ),
    todayCard(todayTotals(feeds), ctx.units),
    h(
      "div",
      { class: "quick-log", role: "group", "aria-label": "Log something else" },
      h("a", { href: "#/log/pump", class: "btn" }, "Log pumping"),
      h("a", { href: "#/log/bottle", class: "btn" }, "Log a bottle"),
      h("a", { href: "#/log/breast", class: "btn" }, "Add a past breastfeed"),
    ),
    guidanceCard(),
    startBar(feeds, ctx.baby, ctx),
  );
  return { live: true };
}
