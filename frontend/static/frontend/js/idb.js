/**
 * IndexedDB for both databases, the tracker's (tracker/db.js) and the
 * guide's (guide-store.js).
 *
 * `steps[v]` upgrades version v to v + 1 (the version is `steps.length`):
 * a phone that skipped releases runs each step from its `oldVersion` in
 * order. A released step never changes; a new schema is a new step.
 *
 * One connection per database and page, kept open; on `versionchange` (a
 * newer app in another tab) or `close` (the browser's doing) it is dropped
 * and the next use opens a fresh one.
 *
 * `transact` resolves after the transaction commits, so nothing reports
 * "saved" for a write that later aborted. Inside it only IndexedDB requests
 * may be awaited (anything else lets the transaction commit early).
 */

/** A promise for one IDBRequest. */
export function req(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The steps an upgrade from `oldVersion` runs, in order (the indexes into `steps`). */
export function upgradePath(steps, oldVersion) {
  if (!Number.isInteger(oldVersion) || oldVersion < 0 || oldVersion > steps.length) {
    throw new RangeError(`No upgrade from version ${oldVersion} to ${steps.length}`);
  }
  return steps.map((_, version) => version).slice(oldVersion);
}

/** Run the upgrade steps from `oldVersion` on `db` (inside its versionchange transaction `tx`). */
export function upgrade(steps, db, tx, oldVersion) {
  for (const version of upgradePath(steps, oldVersion)) steps[version](db, tx);
}

function connect(name, steps, drop) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, steps.length);
    request.onupgradeneeded = (event) =>
      upgrade(steps, request.result, request.transaction, event.oldVersion);
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close();
        drop(db);
      };
      db.onclose = () => drop(db);
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
}

/** One database: `{transact}` on a connection kept as described above. */
export function database(name, steps) {
  let opening = null;
  let current = null;
  const drop = (db) => {
    if (current === db) opening = current = null;
  };
  const open = () => {
    opening ||= connect(name, steps, drop).then(
      (db) => (current = db),
      (error) => {
        opening = null;
        throw error;
      },
    );
    return opening;
  };
  async function transact(storeNames, mode, fn) {
    const tx = (await open()).transaction(storeNames, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new DOMException("Transaction aborted", "AbortError"));
    });
    try {
      const result = await fn(tx);
      await done;
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already finished: the original error is the one worth reporting.
      }
      done.catch(() => {});
      throw error;
    }
  }
  return { transact };
}
