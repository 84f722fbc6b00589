/**
 * The "needs attention" list: push results a parent should see. Items are
 * never dropped silently; they leave when the parent dismisses or undoes
 * them, or when a later change to the same feed is accepted.
 *   rejected: the server refused a change; `errors` says why, per field;
 *             fix it (edit again) or drop it (back to the server's version).
 *   conflict: this phone overwrote values another phone had set;
 *             `overwritten` holds those values, and undo restores them.
 *   deleted:  the feed was deleted on another phone; this phone's edit is gone.
 */

import { notifyChanged } from "./changes.js";
import { applyRecord } from "./apply.js";
import { req, transact } from "./db.js";
import { mutationsFor } from "./outbox.js";
import { getFeed, saveFeed } from "./store.js";

export function attentionItems() {
  return transact(["attention"], "readonly", (tx) => req(tx.objectStore("attention").getAll()));
}

export async function attentionFor(feedId) {
  return (await attentionItems()).filter((item) => item.feed_id === feedId);
}

export async function dismiss(key) {
  await transact(["attention"], "readwrite", (tx) => req(tx.objectStore("attention").delete(key)));
  notifyChanged();
}

/** Put back the other phone's values, as a new change (it syncs like any edit). */
export async function undoConflict(item) {
  const feed = await getFeed(item.feed_id);
  if (feed) await saveFeed({ ...feed, ...item.overwritten });
  await dismiss(item.key);
}

/**
 * Give up a rejected change: show the feed as the server has it, or, for a
 * feed the server never took, remove it from this phone (unless newer
 * changes to it are still waiting).
 */
export async function dropRejected(item) {
  await transact(["feeds", "outbox", "attention"], "readwrite", async (tx) => {
    if (item.record) await applyRecord(tx, item.record);
    else if (!(await mutationsFor(tx, item.feed_id)).length) {
      await req(tx.objectStore("feeds").delete(item.feed_id));
    }
    await req(tx.objectStore("attention").delete(item.key));
  });
  notifyChanged();
}

/** Inside a push transaction: a feed's accepted change settles its old rejections. */
export async function settleRejections(tx, feedId) {
  const store = tx.objectStore("attention");
  for (const item of await req(store.getAll())) {
    if (item.feed_id === feedId && item.type === "rejected") await req(store.delete(item.key));
  }
}
