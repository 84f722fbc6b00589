/**
 * Applying a server record to this phone without losing unsynced edits.
 *
 * The stored feed is always "server record + this device's pending upserts
 * on top", so what the parent sees includes edits the server has not
 * confirmed yet, and a pull never undoes them. A record older than the one
 * already stored is ignored; `deleted: true` removes the feed for good.
 */

import { req } from "./db.js";
import { mutationsFor } from "./outbox.js";

/**
 * Store `record` inside `tx` (stores feeds + outbox). `ownResult` marks the
 * answer to this device's own mutation: unsent follow-up edits of the feed
 * are then based on the new version, since they were made on top of it.
 */
export async function applyRecord(tx, record, { ownResult = false } = {}) {
  const feeds = tx.objectStore("feeds");
  if (record.deleted) {
    await req(feeds.delete(record.id));
    return;
  }
  const local = await req(feeds.get(record.id));
  if (local?.version != null && record.version != null && local.version > record.version) return;
  const pending = await mutationsFor(tx, record.id);
  if (pending.some((mutation) => mutation.op === "delete")) {
    await req(feeds.delete(record.id));
    return;
  }
  const merged = { ...record };
  for (const mutation of pending) Object.assign(merged, mutation.data);
  merged.version = record.version;
  await req(feeds.put(merged));
  if (!ownResult) return;
  for (const mutation of pending) {
    if (!mutation.sent) {
      mutation.base_version = record.version;
      await req(tx.objectStore("outbox").put(mutation));
    }
  }
}
