/**
 * #/log/pump, #/log/bottle, #/log/breast: quick forms for a feed that is
 * over (a breastfeed or pumping session logged afterwards: when it ended,
 * minutes, amounts). Saved on this phone at once (feed + outbox), synced
 * later. Pumping now? The pump screen starts its timer instead.
 */

import { add, h, screenTitle } from "../dom.js";
import { announceSaved } from "../feedback.js";
import { isRunning, newFeed, startPump, suggestedSide } from "../feed.js";
import { feedForm } from "../feedform.js";
import { errorSummary, showErrors, submitBar } from "../fields.js";
import { feedsOf, saveFeed } from "../store.js";

const TITLES = { pump: "Log pumping", bottle: "Log a bottle", breast: "Add a past breastfeed" };
const INTROS = {
  breast: "For a feed that is over. Tap when it ended and the minutes on each side.",
  pump: "For a session that is over. Tap when it ended, how long, and how much.",
};

function pumpTimer(feeds, ctx) {
  if (feeds.some(isRunning)) return null;
  const start = async () => {
    await saveFeed(startPump(ctx.baby.id));
    announceSaved("Pumping timer started,");
    ctx.go("#/timer");
  };
  return h(
    "section",
    { class: "card", "aria-labelledby": "pump-now" },
    h("h2", { id: "pump-now" }, "Pumping now?"),
    h("p", {}, "Start the timer, and tap each let-down as it comes."),
    h("button", { type: "button", class: "btn btn-big", onclick: start }, "Start pumping timer"),
  );
}

export async function renderLog(root, ctx) {
  const kind = ctx.params.kind;
  if (!TITLES[kind]) return ctx.go("#/");
  const feeds = await feedsOf(ctx.baby.id);
  // A bottle is logged as given, now unless the parent changes the start.
  const draft = newFeed(ctx.baby.id, kind);
  // The side a past feed most likely started on: the one home suggested.
  const form = feedForm(draft, ctx.units, {
    past: kind !== "bottle",
    firstSide: suggestedSide(feeds) || "left",
  });
  const element = h(
    "form",
    { class: "stack feed-form", novalidate: true },
    errorSummary(),
    form.element,
    submitBar("Save"),
  );
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { feed, errors } = form.read();
    if (Object.keys(errors).length) return showErrors(element, errors);
    await saveFeed(feed);
    announceSaved();
    ctx.go("#/");
  });
  add(
    root,
    screenTitle(TITLES[kind]),
    INTROS[kind] ? h("p", {}, INTROS[kind]) : null,
    kind === "pump" ? pumpTimer(feeds, ctx) : null,
    element,
  );
}
