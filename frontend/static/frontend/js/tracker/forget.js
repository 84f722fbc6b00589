/**
 * Forgetting babies on this phone, inside one transaction: the one clean-up
 * for leaving or deleting a baby (family.js) and for a pull that no longer
 * lists it (pull.js).
 */

import { getMeta, req, setMeta } from "./db.js";
import { dropUnsent } from "./seqs.js";

/** The stores a forgetting transaction needs (readwrite). */
export const FORGET_STORES = ["babies", "feeds", "outbox", "attention", "meta"];

/** The outbox mutations of `babyIds` (a Set): a first upsert names its baby, later ones are known by their feed. */
export async function queuedFor(tx, babyIds) {
  const feeds = (await req(tx.objectStore("feeds").getAll())).filter((feed) =>
    babyIds.has(feed.baby),
  );
  const ids = new Set(feeds.map((feed) => feed.id));
  const queued = (await req(tx.objectStore("outbox").getAll())).filter(
    (m) => (m.data?.baby != null && babyIds.has(m.data.baby)) || ids.has(m.id),
  );
  for (const m of queued) ids.add(m.id);
  return { ids, queued };
}

/**
 * Inside `tx` (FORGET_STORES, readwrite): remove the babies `babyIds` (a Set)
 * with their feeds, those feeds' unsent outbox mutations and attention
 * items, and the choice of a forgotten baby. The server would refuse those
 * mutations now. Mutations already `sent` (a push whose answer was lost)
 * stay, to be answered like any refused change; the unsent rest keeps its
 * seqs without gaps. A queued delete of a feed already gone from this phone
 * cannot be traced to its baby and stays too (callers sync first, so this
 * is rare).
 */
export async function forgetBabiesIn(tx, babyIds) {
  if (!babyIds.size) return;
  const { ids, queued } = await queuedFor(tx, babyIds);
  for (const babyId of babyIds) await req(tx.objectStore("babies").delete(babyId));
  for (const id of ids) await req(tx.objectStore("feeds").delete(id));
  await dropUnsent(tx, new Set(queued.map((m) => m.seq)));
  const attention = tx.objectStore("attention");
  for (const item of await req(attention.getAll())) {
    if (ids.has(item.feed_id)) await req(attention.delete(item.key));
  }
  if (babyIds.has(await getMeta(tx, "baby_id"))) await setMeta(tx, "baby_id", null);
}
