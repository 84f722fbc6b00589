/**
 * #/ : the screen a parent opens at 3 a.m. Last feed and how long ago,
 * the side to start on next, today's totals, the guidance on let-downs,
 * and the two big "start" buttons at the bottom, within thumb reach.
 */

import { announceSaved } from "../feedback.js";
import { add, h, screenTitle } from "../dom.js";
import { KIND_LABELS, SIDE_LABELS, feedSeconds, isRunning, lastSide, startBreastFeed, suggestedSide } from "../feed.js";
import { ago, clockTime, duration, volume } from "../format.js";
import { feedsOf, saveFeed } from "../store.js";
import { todayTotals } from "../totals.js";

function lastFeedCard(feed, units) {
  if (!feed) return h("section", { class: "card" }, h("h2", {}, "Last feed"), h("p", {}, "Nothing logged yet. Start a feed below when you are ready."));
  const side = lastSide(feed);
  const details = [KIND_LABELS[feed.kind], `started ${clockTime(feed.started_at)}`];
  if (feed.kind === "breast") details.push(duration(feedSeconds(feed)));
  if (feed.kind === "pump" || feed.kind === "bottle") {
    const ml = feed.kind === "pump" ? (Number(feed.left_ml) || 0) + (Number(feed.right_ml) || 0) : feed.amount_ml;
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
    h("dl", { class: "totals", "data-testid": "today-totals" }, rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
  );
}

function guidanceCard() {
  return h(
    "section",
    { class: "card guidance", "aria-labelledby": "guidance-title" },
    h("h2", { id: "guidance-title" }, "Not feeling a let-down can be normal"),
    h("p", {}, "Many parents never feel it. What counts is that your baby is getting milk."),
    h("ul", { class: "link-list" },
      h("li", {}, h("a", { href: "/guide/signs-baby-is-getting-milk/" }, "Signs your baby is getting milk")),
      h("li", {}, h("a", { href: "/guide/let-down/" }, "About the let-down"))),
  );
}

function startBar(feeds, baby, ctx) {
  const running = feeds.find(isRunning);
  if (running) {
    return h("div", { class: "bottom-bar" }, h("a", { href: "#/timer", class: "btn btn-primary btn-big" }, `Feed in progress · ${SIDE_LABELS[lastSide(running)] || "paused"}`));
  }
  const next = suggestedSide(feeds);
  const start = (side) => async () => {
    await saveFeed(startBreastFeed(baby.id, side));
    announceSaved("Timer started,");
    ctx.go("#/timer");
  };
  const button = (side) =>
    h("button", { type: "button", class: `btn btn-big side-btn ${side === next ? "btn-primary" : ""}`, onclick: start(side) },
      h("span", {}, `Start ${side}`), side === next ? h("span", { class: "hint" }, "next side") : null);
  return h("div", { class: "bottom-bar side-buttons" }, button("left"), button("right"));
}

export async function renderHome(root, ctx) {
  const feeds = await feedsOf(ctx.baby.id);
  const next = suggestedSide(feeds);
  add(root, 
    screenTitle(ctx.baby.name),
    next ? h("p", { class: "lead", "data-testid": "next-side" }, `Next, start on the ${next}.`) : null,
    lastFeedCard(feeds.find((feed) => !isRunning(feed)), ctx.units),
    todayCard(todayTotals(feeds), ctx.units),
    h("nav", { class: "quick-log", "aria-label": "Log something else" },
      h("a", { href: "#/log/pump", class: "btn" }, "Log pumping"),
      h("a", { href: "#/log/bottle", class: "btn" }, "Log a bottle"),
      h("a", { href: "#/log/breast", class: "btn" }, "Add a past breastfeed")),
    guidanceCard(),
    startBar(feeds, ctx.baby, ctx),
  );
  return { live: true };
}
