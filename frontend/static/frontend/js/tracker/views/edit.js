/**
 * #/feed/<id>: edit or delete one feed. Only the fields the parent changed
 * are queued for the server, so a partner's edit of another field survives.
 * After "Stop" on the timer this screen opens with "?finished=1" to add
 * let-downs and signs (a pumping session: the amounts). The form is the one
 * a past feed is logged with (feedform.js); let-downs tapped on the timer
 * keep their times.
 */

import { add, h, screenTitle } from "../dom.js";
import { confirmDialog } from "../dialog.js";
import { announceSaved, say } from "../feedback.js";
import { KIND_LABELS, changedFields, isRunning } from "../feed.js";
import { feedForm } from "../feedform.js";
import { errorLines } from "../errors.js";
import { errorSummary, showErrors, submitBar } from "../fields.js";
import { clockTime } from "../format.js";
import { pendingFeedIds } from "../outbox.js";
import { attentionFor } from "../attention.js";
import { deleteFeed, getFeed, saveFeed } from "../store.js";

async function syncNote(feed) {
  const pending = (await pendingFeedIds()).has(feed.id);
  const problems = await attentionFor(feed.id);
  // The partner race is explained on the sync screen in words, not as the server's segment messages.
  const rejected = problems.filter(
    (item) => item.type === "rejected" && item.reason !== "stopped-elsewhere",
  );
  return h(
    "div",
    {},
    h(
      "p",
      { class: "feed-sync-state", "data-testid": "feed-sync-state" },
      pending
        ? "Saved on this phone, waiting to sync."
        : feed.version
          ? "Synced."
          : "Saved on this phone.",
    ),
    rejected.length
      ? h(
          "div",
          { class: "banner", role: "note" },
          h("p", {}, "The server could not take the last change:"),
          h(
            "ul",
            {},
            rejected.flatMap((item) => errorLines(item.errors).map((line) => h("li", {}, line))),
          ),
          h("p", {}, "Correct it below and save again."),
        )
      : null,
  );
}

export async function renderEdit(root, ctx) {
  const feed = await getFeed(ctx.params.id);
  if (!feed) {
    add(
      root,
      screenTitle("Feed not found"),
      h("p", {}, "It may have been deleted on another phone."),
      h("a", { href: "#/history" }, "Back to history"),
    );
    return;
  }
  const finished = ctx.query.get("finished") === "1";
  const form = feedForm(feed, ctx.units);
  const remove = async () => {
    const sure = await confirmDialog({
      title: "Delete this feed?",
      body: "It will be removed from every phone in your family.",
      confirm: "Delete",
      cancel: "Keep it",
    });
    if (!sure) return;
    await deleteFeed(feed.id);
    announceSaved("Deleted");
    ctx.go("#/history");
  };
  const element = h(
    "form",
    { class: "stack feed-form", novalidate: true },
    errorSummary(),
    form.element,
    submitBar(
      finished ? "Done" : "Save changes",
      h("button", { type: "button", class: "btn btn-big", onclick: remove }, "Delete"),
    ),
  );
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { feed: edited, errors } = form.read();
    if (Object.keys(errors).length) return showErrors(element, errors);
    const latest = (await getFeed(feed.id)) || feed;
    // Re-apply only what was changed on this screen on top of the stored feed,
    // so a sync that arrived while the form was open is not undone.
    const changes = Object.fromEntries(
      changedFields(feed, edited).map((name) => [name, edited[name]]),
    );
    if (Object.keys(changes).length) {
      await saveFeed({ ...latest, ...changes });
      announceSaved();
    } else say(finished ? "Feed saved." : "Nothing changed.");
    ctx.go(finished ? "#/" : "#/history");
  });
  add(
    root,
    screenTitle(finished ? "Feed saved" : `Edit ${KIND_LABELS[feed.kind].toLowerCase()}`),
    h(
      "p",
      {},
      finished
        ? feed.kind === "pump"
          ? "How much did you pump? Let-downs and signs are optional."
          : "Anything to add? Let-downs and signs are optional."
        : `Started ${clockTime(feed.started_at)}`,
    ),
    isRunning(feed)
      ? h("p", {}, h("a", { href: "#/timer" }, "This feed is still running: open the timer"))
      : null,
    await syncNote(feed),
    element,
  );
}
