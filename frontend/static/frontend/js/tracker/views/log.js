/**
 * #/log/pump, #/log/bottle, #/log/breast: quick forms for a feed that was
 * not timed. Saved on this phone at once (feed + outbox), synced later.
 */

import { add, h, screenTitle } from "../dom.js";
import { announceSaved } from "../feedback.js";
import { newFeed } from "../feed.js";
import { feedForm } from "../feedform.js";
import { errorSummary, showErrors, submitBar } from "../fields.js";
import { saveFeed } from "../store.js";

const TITLES = { pump: "Log pumping", bottle: "Log a bottle", breast: "Add a past breastfeed" };
const DEFAULT_MINUTES = { pump: 15, breast: 15, bottle: 0 };

export function renderLog(root, ctx) {
  const kind = ctx.params.kind;
  if (!TITLES[kind]) return ctx.go("#/");
  // Default start: a typical session ago, so "now" is the end of what was just done.
  const started = new Date(Date.now() - DEFAULT_MINUTES[kind] * 60000).toISOString();
  const draft = newFeed(ctx.baby.id, kind, started);
  const form = feedForm(draft, ctx.units);
  const element = h("form", { class: "stack feed-form", novalidate: true }, errorSummary(), form.element, submitBar("Save"));
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { feed, errors } = form.read();
    if (Object.keys(errors).length) return showErrors(element, errors);
    await saveFeed(feed);
    announceSaved();
    ctx.go("#/");
  });
  add(root, screenTitle(TITLES[kind]), element);
}
