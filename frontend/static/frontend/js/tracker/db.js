/**
 * The on-device store: the tracker's IndexedDB database ("letdown"; the
 * connection and upgrades are ../idb.js).
 *
 * Stores (all personal data lives here, and only here, on the phone):
 *   feeds     keyPath "id"   the family's feeds as this device knows them
 *                            (server record + this device's unsynced edits)
 *   babies    keyPath "id"   the babies the signed-in user can see
 *   outbox    keyPath "seq"  mutations waiting for the server, in seq order;
 *                            index "by_feed" on "id"
 *   attention autoIncrement  push results the user should see: rejected
 *                            mutations and conflicts with an undo
 *   meta      out-of-line    key/value: device_id, next_seq, cursor, user,
 *                            baby_id, units, theme, last_synced_at
 */

import { database, req } from "../idb.js";

export const ALL_STORES = ["feeds", "babies", "outbox", "attention", "meta"];

/** Upgrade steps (../idb.js): never edit a released step, add one. */
export const STEPS = [
  // 0 -> 1: the first release.
  (db) => {
    const feeds = db.createObjectStore("feeds", { keyPath: "id" });
    feeds.createIndex("by_started", "started_at");
    db.createObjectStore("babies", { keyPath: "id" });
    const outbox = db.createObjectStore("outbox", { keyPath: "seq" });
    outbox.createIndex("by_feed", "id");
    db.createObjectStore("attention", { keyPath: "key", autoIncrement: true });
    db.createObjectStore("meta");
  },
];

export const { transact } = database("letdown", STEPS);
export { req };

export function getMeta(tx, key) {
  return req(tx.objectStore("meta").get(key));
}

export function setMeta(tx, key, value) {
  return req(tx.objectStore("meta").put(value, key));
}

/** Read one meta value in its own transaction. */
export function readMeta(key) {
  return transact(["meta"], "readonly", (tx) => getMeta(tx, key));
}

export function writeMeta(key, value) {
  return transact(["meta"], "readwrite", (tx) => setMeta(tx, key, value));
}
