/**
 * Registers the service worker (/sw.js) and offers updates; never reloads by itself.
 *
 * Contract:
 * - A new worker that finishes installing while an older one controls the page
 *   waits. We show the "Update available" bar (#update-bar in base.html).
 * - Only when the person taps "Update now" do we post {type: "SKIP_WAITING"} to
 *   the waiting worker; the page reloads once, on `controllerchange`.
 *   (A blind skipWaiting could swap code under a running feed timer.)
 * - On first install there is no old worker, so nothing is offered: the worker
 *   claims the page itself.
 * - Registration waits for the page's load event; then, on the tracker's page
 *   once its first screen is up (`<html data-tracker-ready>`), and when the
 *   page is idle, js/guide-offline.js saves the guidance.
 * - Every page links this module (base.html) except the tracker's shell, whose
 *   js/tracker/main.js imports it once its first screen is up (the wait above
 *   then also keeps its download out of the first screen).
 */

const bar = document.getElementById("update-bar");
const button = document.getElementById("update-bar-button");
// Set when the person taps "Update now": only then does a controller change reload.
let updateAccepted = false;

function offerUpdate(worker) {
  if (!bar || !button) return;
  bar.hidden = false;
  button.disabled = false;
  button.onclick = () => {
    button.disabled = true;
    updateAccepted = true;
    worker.postMessage({ type: "SKIP_WAITING" });
  };
}

function watchInstalling(registration) {
  const worker = registration.installing;
  if (!worker) return;
  worker.addEventListener("statechange", () => {
    // "installed" with an existing controller means: an update is waiting.
    if (worker.state === "installed" && navigator.serviceWorker.controller) {
      offerUpdate(worker);
    }
  });
}

async function register() {
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // A first install claiming the page, or an update taken in another tab,
    // changes the controller too; this page then keeps running as it is.
    if (!updateAccepted || reloading) return;
    reloading = true;
    window.location.reload();
  });

  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  if (registration.waiting && navigator.serviceWorker.controller) {
    offerUpdate(registration.waiting);
  }
  registration.addEventListener("updatefound", () => watchInstalling(registration));

  // Long-lived tabs (a phone left open overnight) check for a new release when shown again.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") registration.update().catch(() => {});
  });
  return registration;
}

// After the page has loaded (and then when the main thread is idle): the
// worker's first install downloads the whole release, and saving the guidance
// fetches every article; neither may slow the first screen down.
function afterLoad() {
  return new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", () => resolve(), { once: true });
  });
}

// The tracker imports each screen's code when it opens: its first screen
// comes before the guidance downloads.
function afterFirstScreen() {
  const root = document.documentElement;
  if (!document.getElementById("tracker") || root.dataset.trackerReady) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (root.dataset.trackerReady) done();
    });
    const timer = setTimeout(() => done(), 10000); // a screen that failed must not block offline support
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
    observer.observe(root, { attributes: true, attributeFilter: ["data-tracker-ready"] });
  });
}

function whenIdle() {
  return new Promise((resolve) => {
    if ("requestIdleCallback" in window)
      window.requestIdleCallback(() => resolve(), { timeout: 3000 });
    else setTimeout(resolve, 300);
  });
}

if ("serviceWorker" in navigator) {
  afterLoad()
    .then(register)
    .then(afterFirstScreen)
    .then(whenIdle)
    .then(() => import("./guide-offline.js"))
    .then((guide) => guide.keepGuideOffline())
    .catch((error) => console.warn("Letdown: offline support unavailable", error));
}
