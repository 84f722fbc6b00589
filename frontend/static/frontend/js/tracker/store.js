/**
 * Reads and writes of feeds on this phone. Every write stores the feed and
 * queues its outbox mutation in one IndexedDB transaction, then tells the
 * views and asks for a sync. Nothing here needs the network.
 */

import { notifyChanged } from "./changes.js";
import { getMeta, req, setMeta, transact } from "./db.js";
import { byNewest, changedFields } from "./feed.js";
import { enqueueDelete, enqueueUpsert } from "./outbox.js";

let afterWrite = () => {};

/** sync.js registers itself here, so a write asks for a sync without an import cycle. */
export function setAfterWrite(callback) {
  afterWrite = callback;
}

/**
 * After a write: the screens learn of it, and the save resolves only once the
 * sync bar counts the new entry, so the screen that follows never shows
 * "Synced" for a change still waiting on this phone.
 */
async function finish(result) {
  notifyChanged();
  await afterWrite();
  return result;
}

/** Store `feed` (new or edited) and queue it for the server. */
export async function saveFeed(feed) {
  const result = await transact(["feeds", "outbox", "meta"], "readwrite", async (tx) => {
    const feeds = tx.objectStore("feeds");
    const before = await req(feeds.get(feed.id));
    const stored = { ...feed, version: before ? before.version : (feed.version ?? null) };
    await req(feeds.put(stored));
    const seq = await enqueueUpsert(tx, stored, changedFields(before, stored));
    return { feed: stored, seq };
  });
  return finish(result);
}

/** Remove `feedId` from this phone and queue the delete. */
export async function deleteFeed(feedId) {
  const result = await transact(["feeds", "outbox", "meta"], "readwrite", async (tx) => {
    const feeds = tx.objectStore("feeds");
    const before = await req(feeds.get(feedId));
    if (!before) return null;
    await req(feeds.delete(feedId));
    return enqueueDelete(tx, before);
  });
  return finish(result);
}

export function getFeed(feedId) {
  return transact(["feeds"], "readonly", (tx) => req(tx.objectStore("feeds").get(feedId)));
}

/** Feeds of one baby, newest first. */
export async function feedsOf(babyId) {
  const all = await transact(["feeds"], "readonly", (tx) => req(tx.objectStore("feeds").getAll()));
  return all.filter((feed) => feed.baby === babyId).sort(byNewest);
}

export function babies() {
  return transact(["babies"], "readonly", (tx) => req(tx.objectStore("babies").getAll()));
}

/** The baby the app shows: the one chosen in settings, else the first one. */
export async function currentBaby() {
  const [list, chosen] = await transact(["babies", "meta"], "readonly", async (tx) => [
    await req(tx.objectStore("babies").getAll()),
    await getMeta(tx, "baby_id"),
  ]);
  list.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
  return list.find((baby) => baby.id === chosen) || list[0] || null;
}

export async function chooseBaby(babyId) {
  await transact(["meta"], "readwrite", (tx) => setMeta(tx, "baby_id", babyId));
  notifyChanged();
}

/** Store babies the server sent (sign-in, first run, invite accepted). */
export async function putBabies(list) {
  await transact(["babies"], "readwrite", async (tx) => {
    for (const baby of list) await req(tx.objectStore("babies").put(baby));
  });
  notifyChanged();
}
