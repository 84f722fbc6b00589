/**
 * The on-device store: one IndexedDB database, opened once per page.
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
 *
 * `transact` runs a function inside one transaction and resolves after the
 * transaction commits, so a caller never reports "saved" for a write that
 * later aborted. Inside the function only IndexedDB requests may be awaited
 * (awaiting anything else lets the transaction auto-commit early).
 */

const DB_NAME = "letdown";
const DB_VERSION = 1;
export const ALL_STORES = ["feeds", "babies", "outbox", "attention", "meta"];

let opening = null;

function upgrade(db) {
  const feeds = db.createObjectStore("feeds", { keyPath: "id" });
  feeds.createIndex("by_started", "started_at");
  db.createObjectStore("babies", { keyPath: "id" });
  const outbox = db.createObjectStore("outbox", { keyPath: "seq" });
  outbox.createIndex("by_feed", "id");
  db.createObjectStore("attention", { keyPath: "key", autoIncrement: true });
  db.createObjectStore("meta");
}

function openDb() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => upgrade(request.result);
      request.onsuccess = () => {
        const db = request.result;
        // A newer version of the app in another tab wants to upgrade: step aside.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      request.onerror = () => {
        opening = null;
        reject(request.error);
      };
    });
  }
  return opening;
}

/** A promise for one IDBRequest. */
export function req(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Run `fn(tx)` in one transaction; resolves with its result once committed. */
export async function transact(storeNames, mode, fn) {
  const db = await openDb();
  const tx = db.transaction(storeNames, mode);
  const done = new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new DOMException("Transaction aborted", "AbortError"));
  });
  let result;
  try {
    result = await fn(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished: the original error is the one worth reporting.
    }
    done.catch(() => {});
    throw error;
  }
  await done;
  return result;
}

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
