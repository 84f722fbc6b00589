/**
 * Feedback for every action, in one polite live region: "Saved on this phone",
 * then "Synced" once the server has it, or "waiting to sync" while offline.
 */

import { onStatus, syncStatus } from "./sync.js";

const CONTROLS = "input, select, textarea, button, a.btn, label";

let region = null;
let hideTimer = null;
let stopWatching = null;
// The screen (its class) a showing toast has made room on; null while no toast shows.
let roomMadeOn = null;

export function mountFeedback(element) {
  region = element;
}

/** Where the fixed dock (the action bar, else the tab bar) begins. */
function dockTop(screen) {
  const dock = [screen.querySelector(".bottom-bar"), document.getElementById("tracker-nav")]
    .filter(
      (el) => el && el.checkVisibility?.() !== false && getComputedStyle(el).position === "fixed",
    )
    .map((el) => el.getBoundingClientRect().top);
  return Math.min(window.innerHeight, ...dock);
}

/** How far up the content must go to clear the toast. */
function liftFor(screen, toastTop, dock) {
  const inFlow = [...screen.children].filter(
    (child) => getComputedStyle(child).position !== "fixed",
  );
  const contentBottom = Math.max(
    0,
    ...inFlow.map((child) => child.getBoundingClientRect().bottom),
  );
  // The content ends above the dock: all of its end goes above the toast.
  if (contentBottom < dock) return contentBottom - toastTop;
  // Controls in view there are lifted whole; what the bars hid stays reachable by scrolling.
  const blockers = [...screen.querySelectorAll(CONTROLS)].filter((el) => {
    if (el.closest(".bottom-bar")) return false;
    const box = el.getBoundingClientRect();
    return box.height && box.bottom > toastTop && box.top < dock;
  });
  return Math.max(0, ...blockers.map((el) => el.getBoundingClientRect().bottom - toastTop));
}

/** The field or button in use on `screen`, if any. */
function inUse(screen) {
  const active = document.activeElement;
  return active && screen.contains(active) && active.matches(CONTROLS) ? active : null;
}

/** How far up the content may go (what must stay in view stays). */
function roomAbove(screen) {
  const active = inUse(screen) ? [inUse(screen)] : [];
  const tops = [...active, ...screen.querySelectorAll("[data-keep-in-view]")]
    .map((el) => el.getBoundingClientRect().top)
    .filter((top) => top >= 0);
  return Math.min(Number.POSITIVE_INFINITY, ...tops);
}

/**
 * Content the toast would sit on (never the fixed action bar) is scrolled
 * up above it: a toast must not hide a field or a button the parent is
 * about to tap (<main> has room for that: body.toast-open). Once per screen
 * while toasts show; afterwards (a re-render, the next toast) only the
 * control in use is kept clear, so the page never creeps up. No lift takes
 * the control in use or [data-keep-in-view] (the stopwatch) off the top.
 */
export function keepContentClear() {
  if (!region) return;
  const screen = document.querySelector("#tracker-view > .screen");
  if (!screen || !region.classList.contains("is-visible")) return;
  const toastTop = region.getBoundingClientRect().top - 8;
  const dock = dockTop(screen);
  let lift;
  if (roomMadeOn !== screen.className) {
    roomMadeOn = screen.className;
    lift = liftFor(screen, toastTop, dock);
  } else {
    const box = inUse(screen)?.getBoundingClientRect();
    lift = box && box.bottom > toastTop && box.top < dock ? box.bottom - toastTop : 0;
  }
  const by = Math.min(lift, roomAbove(screen));
  if (by > 0) window.scrollBy({ top: by, behavior: "instant" });
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
    roomMadeOn = null;
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
