/**
 * The "needs attention" list: push results a parent should see. Items are
 * never dropped silently; they leave when the parent dismisses or undoes
 * them, or when a later change to the same feed is accepted.
 *   rejected: the server refused a change; `errors` says why, per field;
 *             fix it (edit again) or drop it (back to the server's version).
 *   conflict: this phone overwrote values another phone had set;
 *             `overwritten` holds those values, and undo restores them.
 *   deleted:  the feed was deleted on another phone; this phone's edit is gone
 *             (only an edit of this phone that met a delete made elsewhere:
 *             never this phone's own delete).
 * Every item carries `feed` ({kind, started_at}) so its note can name the
 * feed even once the feed is gone. A rejection with reason
 * "stopped-elsewhere" is the partner race: the other phone stopped the feed
 * before this phone's timer tap arrived.
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

/** The side this phone's refused timer tap was carrying on with (an open segment), or null. */
export function carriedOnSide(item) {
  const segments = item.tried?.segments || [];
  const last = segments[segments.length - 1];
  return last && !last.ended_at ? last.side : null;
}

/**
 * The way on after the partner race: the feed as the other phone stopped
 * it, reopened with this phone's side timed from the moment of its tap (the
 * time between the other phone's stop and the tap is a pause). One change,
 * synced like any timer tap.
 */
export async function carryOn(item) {
  const side = carriedOnSide(item);
  await dropRejected(item);
  const feed = await getFeed(item.feed_id);
  if (!side || !feed?.ended_at) return null;
  const tried = item.tried.segments[item.tried.segments.length - 1];
  const from = new Date(
    Math.max(Date.parse(tried.started_at), Date.parse(feed.ended_at)),
  ).toISOString();
  const resumed = {
    ...feed,
    ended_at: null,
    segments: [...(feed.segments || []), { side, started_at: from, ended_at: null }],
  };
  await saveFeed(resumed);
  return resumed;
}

/** Inside a push transaction: a feed's accepted change settles its old rejections. */
export async function settleRejections(tx, feedId) {
  const store = tx.objectStore("attention");
  for (const item of await req(store.getAll())) {
    if (item.feed_id === feedId && item.type === "rejected") await req(store.delete(item.key));
  }
}
