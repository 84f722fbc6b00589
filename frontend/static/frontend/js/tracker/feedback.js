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

/**
 * Content the toast would sit on (the bottom of the screen's own content,
 * never its fixed action bar) is scrolled up above it: a toast must not hide
 * a field or a button the parent is about to tap. <main> gets room for that
 * while the toast shows (body.toast-open).
 */
export function keepContentClear() {
  if (!region) return;
  const screen = document.querySelector("#tracker-view > .screen");
  if (!screen || !region.classList.contains("is-visible")) return;
  const inFlow = [...screen.children].filter((child) => getComputedStyle(child).position !== "fixed");
  const contentBottom = Math.max(0, ...inFlow.map((child) => child.getBoundingClientRect().bottom));
  const toastTop = region.getBoundingClientRect().top;
  const covered = contentBottom - toastTop + 8;
  if (covered > 0) window.scrollBy({ top: Math.min(covered, region.offsetHeight + 8), behavior: "instant" });
}

export function say(message, ms = 5000) {
  if (!region) return;
  region.classList.add("is-visible");
  document.body.classList.add("toast-open");
  region.textContent = message;
  requestAnimationFrame(keepContentClear);
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    region.classList.remove("is-visible");
    document.body.classList.remove("toast-open");
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
