/**
 * The outbox: every local change to a feed, as a mutation for
 * POST /api/v1/sync/push/, written in the SAME transaction as the change.
 *
 * A mutation is {seq, op, entity: "feed", id, base_version, data, sent}.
 * - `seq` counts up from 1 per device without gaps (meta "next_seq").
 * - `base_version` is the last server version this device saw of the feed
 *   (null for a feed the server has never acknowledged).
 * - `data` holds the whole feed while the server has never acknowledged it,
 *   and only the changed fields afterwards.
 * - `sent` is set just before a push leaves. A sent mutation is never
 *   changed again: a retry after a lost response must be byte-for-byte the
 *   same so the server can recognise the duplicate. Edits made while a push
 *   is in flight go into a new mutation; edits before that are folded into
 *   the last unsent upsert of the same feed, which keeps the outbox short
 *   (a timer produces one mutation per tap, not one per feed).
 * Mutations leave the outbox only when the server answered for their seq.
 */

import { getMeta, req, setMeta, transact } from "./db.js";
import { WRITABLE } from "./feed.js";

/** The device id: a UUID made once per sign-in and kept in meta. */
export async function deviceId(tx) {
  let id = await getMeta(tx, "device_id");
  if (!id) {
    id = crypto.randomUUID();
    await setMeta(tx, "device_id", id);
  }
  return id;
}

function pick(feed, names) {
  const data = {};
  for (const name of names) data[name] = feed[name] ?? null;
  if ("notes" in data && data.notes === null) data.notes = "";
  if ("signs" in data && data.signs === null) data.signs = [];
  if ("segments" in data && data.segments === null) data.segments = [];
  return data;
}

async function mutationsFor(tx, feedId) {
  const all = await req(tx.objectStore("outbox").index("by_feed").getAll(feedId));
  return all.sort((a, b) => a.seq - b.seq);
}

async function append(tx, mutation) {
  await deviceId(tx);
  const seq = (await getMeta(tx, "next_seq")) || 1;
  await setMeta(tx, "next_seq", seq + 1);
  await req(tx.objectStore("outbox").put({ ...mutation, seq, entity: "feed", sent: false }));
  return seq;
}

/** Queue an upsert of `feed` (fields `changed` changed). Call inside a readwrite tx. */
export async function enqueueUpsert(tx, feed, changed) {
  const neverOnServer = feed.version === null || feed.version === undefined;
  const names = neverOnServer ? WRITABLE : changed;
  if (!names.length) return null;
  const data = pick(feed, names);
  const queued = await mutationsFor(tx, feed.id);
  const last = queued[queued.length - 1];
  if (last && !last.sent && last.op === "upsert") {
    last.data = { ...last.data, ...data };
    await req(tx.objectStore("outbox").put(last));
    return last.seq;
  }
  return append(tx, {
    op: "upsert",
    id: feed.id,
    base_version: feed.version ?? null,
    data,
  });
}

export function enqueueDelete(tx, feed) {
  return append(tx, { op: "delete", id: feed.id, base_version: feed.version ?? null });
}

export function pendingMutations() {
  return transact(["outbox"], "readonly", (tx) => req(tx.objectStore("outbox").getAll()));
}

/** The ids of feeds with changes the server has not confirmed yet. */
export async function pendingFeedIds() {
  return new Set((await pendingMutations()).map((mutation) => mutation.id));
}

export { mutationsFor };
