/**
 * Feedback for every action, in one polite live region: "Saved on this phone",
 * then "Synced" once the server has it, or "waiting to sync" while offline.
 */

import { onStatus, syncStatus } from "./sync.js";

const CONTROLS = "input, select, textarea, button, a.btn, label";

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
  const inFlow = [...screen.children].filter(
    (child) => getComputedStyle(child).position !== "fixed",
  );
  const contentBottom = Math.max(
    0,
    ...inFlow.map((child) => child.getBoundingClientRect().bottom),
  );
  const toastTop = region.getBoundingClientRect().top - 8;
  // Where the fixed dock (the action bar, else the tab bar) begins: content
  // from the toast's top down to there is what the toast would hide.
  const dock = [screen.querySelector(".bottom-bar"), document.getElementById("tracker-nav")]
    .filter(
      (el) => el && el.checkVisibility?.() !== false && getComputedStyle(el).position === "fixed",
    )
    .map((el) => el.getBoundingClientRect().top);
  const dockTop = Math.min(window.innerHeight, ...dock);
  const covered = Math.min(contentBottom, dockTop) - toastTop;
  if (covered > 0) window.scrollBy({ top: covered, behavior: "instant" });
  // A field or button that reached under the fixed bars is lifted whole above the toast, not left half under it.
  for (let round = 0; round < 4; round++) {
    const blockers = [...screen.querySelectorAll(CONTROLS)].filter((el) => {
      if (el.closest(".bottom-bar")) return false;
      const box = el.getBoundingClientRect();
      return box.height && box.bottom > toastTop && box.top < dockTop;
    });
    if (!blockers.length) break;
    const lift = Math.max(...blockers.map((el) => el.getBoundingClientRect().bottom)) - toastTop;
    const before = window.scrollY;
    window.scrollBy({ top: lift, behavior: "instant" });
    if (window.scrollY === before) break;
  }
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
  say(
    offline
      ? `${what} on this phone. It will sync when you are back online.`
      : `${what} on this phone. Syncing…`,
  );
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
