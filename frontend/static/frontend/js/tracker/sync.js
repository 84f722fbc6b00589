/**
 * When to sync, and one sync at a time.
 *
 * A sync run = push the outbox (batch after batch), then pull. It starts
 * after every local write (briefly debounced), on `online`, at app start, when
 * the app becomes visible, every 30 s while it is open and visible, and when
 * the service worker relays a background `sync` event ("sync-requested").
 * Background sync is only a bonus: browsers without it (iOS) sync on the
 * other triggers. Runs are serialised with the Web Locks API across tabs
 * (a promise chain where it is missing); requests made during a run are
 * folded into one follow-up run, so a write is never left unsent.
 *
 * The status (idle / syncing / offline / signed-out / error, pending count,
 * last synced time) is published for the status bar and the feedback toasts.
 *
 * The push and pull code is imported at a run's start, not with this module:
 * the first screen needs the status and the triggers, not the protocol.
 */

import { ApiError, OfflineError } from "./api.js";
import { notifyChanged, onChanged } from "./changes.js";
import { readMeta, req, transact, writeMeta } from "./db.js";
import { setAfterWrite } from "./store.js";

const LOCK = "letdown-sync";
const TAG = "letdown-sync";
const INTERVAL_MS = 30000;
const DEBOUNCE_MS = 250;
const MAX_PUSHES = 50; // batches per run; a 409 or a new device id costs one round

const statusBus = new EventTarget();
// "starting" until the first run of this page is over, so nobody reads "synced" too early.
let status = { state: "starting", pending: 0, attention: 0, lastSynced: null, message: "" };
let waiting = null;
let chain = Promise.resolve();
let debounce = null;

export function syncStatus() {
  return status;
}

export function onStatus(listener) {
  statusBus.addEventListener("status", listener);
  return () => statusBus.removeEventListener("status", listener);
}

async function counts() {
  return transact(["outbox", "attention", "meta"], "readonly", async (tx) => ({
    pending: await req(tx.objectStore("outbox").count()),
    attention: await req(tx.objectStore("attention").count()),
    lastSynced: await req(tx.objectStore("meta").get("last_synced_at")),
  }));
}

async function publish(changes = {}) {
  status = { ...status, ...(await counts()), ...changes };
  statusBus.dispatchEvent(new Event("status"));
}

/** Run `fn` while no sync runs in any tab (sign-in and sign-out swap whole stores). */
export function exclusive(run) {
  if (navigator.locks?.request) return navigator.locks.request(LOCK, run);
  chain = chain.then(run, run);
  return chain;
}

async function pushAll(pushOnce) {
  for (let round = 0; round < MAX_PUSHES; round++) {
    const { more } = await pushOnce();
    notifyChanged();
    if (!more) return;
  }
}

async function runSync() {
  if (!(await readMeta("user"))) return;
  if (!navigator.onLine) {
    // Certainly offline: don't mark mutations sent (they could still be folded together).
    await publish({ state: "offline" });
    return;
  }
  // "Syncing…" only when something is waiting: a quiet pull every 30 s should not flicker.
  const busy = status.pending || status.state === "starting";
  await publish(busy ? { state: "syncing", message: "" } : { message: "" });
  try {
    // The push code only when something waits (a new phone's first sync is a pull).
    if (status.pending) await pushAll((await import("./push.js")).pushOnce);
    await (await import("./pull.js")).pullAll();
    await writeMeta("last_synced_at", new Date().toISOString());
    await publish({ state: "idle" });
  } catch (error) {
    if (error instanceof OfflineError) {
      // No answer while the phone says it is online: a lost response or a server away.
      await publish(
        navigator.onLine
          ? { state: "error", message: "No answer from the server" }
          : { state: "offline" },
      );
    } else if (error instanceof ApiError && [401, 403].includes(error.status)) {
      await publish({ state: "signed-out" });
    } else {
      await publish({ state: "error", message: error.message || String(error) });
    }
    registerBackgroundSync();
  }
  notifyChanged();
}

/** Ask for a sync; resolves when a run that started after this call is over. */
export function requestSync() {
  if (!waiting) {
    waiting = exclusive(async () => {
      waiting = null;
      await runSync();
    });
  }
  return waiting;
}

function requestSoon() {
  clearTimeout(debounce);
  debounce = setTimeout(requestSync, DEBOUNCE_MS);
}

/**
 * Ask the browser to wake us when the network is back. Only while offline:
 * registered online, the browser fires it at once, and a failing sync would
 * re-register itself in a tight loop (the 30 s timer retries those instead).
 */
function registerBackgroundSync() {
  if (navigator.onLine) return;
  navigator.serviceWorker?.ready
    .then((registration) => registration.sync?.register(TAG))
    .catch(() => {}); // No background sync here (iOS, private mode): the other triggers remain.
}

/** Install every trigger; call once at app start. */
export function startSync() {
  setAfterWrite(() => {
    registerBackgroundSync();
    requestSoon();
    return publish();
  });
  // Counts follow every change of the store (an attention item dismissed here
  // or in another tab), not only the next sync run.
  onChanged(() => publish());
  addEventListener("online", requestSync);
  addEventListener("offline", () => publish({ state: "offline" }));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") requestSync();
  });
  setInterval(() => {
    if (document.visibilityState === "visible") requestSync();
  }, INTERVAL_MS);
  navigator.serviceWorker?.addEventListener("message", (event) => {
    if (event.data?.type === "sync-requested") requestSync();
  });
  publish(navigator.onLine ? {} : { state: "offline" });
  return requestSync();
}
