/**
 * Feedback for every action, in one polite live region: "Saved on this phone",
 * then "Synced" once the server has it, or "waiting to sync" while offline.
 */

import { onStatus, syncStatus } from "./sync.js";

let region = null;
let hideTimer = null;
let stopWatching = null;

export function mountFeedback(element) {
  region = element;
}

export function say(message, ms = 5000) {
  if (!region) return;
  region.classList.add("is-visible");
  region.textContent = message;
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    region.classList.remove("is-visible");
  }, ms);
}

/** Announce a local save, then follow it until the server has it. */
export function announceSaved(what = "Saved") {
  const offline = !navigator.onLine || syncStatus().state === "offline";
  say(offline ? `${what} on this phone. It will sync when you are back online.` : `${what} on this phone. Syncing…`);
  stopWatching?.();
  const off = onStatus(() => {
    const status = syncStatus();
    if (status.state === "idle" && status.pending === 0) {
      say(`${what} and synced.`);
      off();
    } else if (status.state === "offline" || status.state === "signed-out") {
      say(`${what} on this phone, waiting to sync.`);
      off();
    }
  });
  stopWatching = off;
}
