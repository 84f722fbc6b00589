/**
 * The tracker app: boots from the on-device store, checks the session when
 * online, starts sync, and renders the screen the hash names.
 *
 * A screen is `render(root, ctx)`; it may return {live: true, cleanup}. Live
 * screens (home, timer, history, charts, sync) re-render from IndexedDB when
 * the store changes (a write here, a sync, another tab) and once a minute for
 * "time since"; screens with forms never re-render under the parent's thumb.
 */

import { onChanged } from "./changes.js";
import { readMeta } from "./db.js";
import { keepContentClear, mountFeedback, say } from "./feedback.js";
import { ACCOUNT_SCREENS, parseHash } from "./router.js";
import { checkSession, localUser } from "./session.js";
import { mountStatusBar } from "./statusbar.js";
import { currentBaby } from "./store.js";
import { requestSync, startSync, syncStatus } from "./sync.js";
// Each screen's code is fetched when the screen first opens (the service
// worker precaches every module, so this works offline too): the first screen
// loads only its own graph, which app.html also preloads in parallel.
const VIEWS = {
  home: () => import("./views/home.js").then((m) => m.renderHome),
  timer: () => import("./views/timer.js").then((m) => m.renderTimer),
  log: () => import("./views/log.js").then((m) => m.renderLog),
  history: () => import("./views/history.js").then((m) => m.renderHistory),
  edit: () => import("./views/edit.js").then((m) => m.renderEdit),
  charts: () => import("./views/charts.js").then((m) => m.renderCharts),
  report: () => import("./views/report.js").then((m) => m.renderReport),
  settings: () => import("./views/settings.js").then((m) => m.renderSettings),
  account: () => import("./views/devices.js").then((m) => m.renderDevices),
  sync: () => import("./views/syncview.js").then((m) => m.renderSync),
  signin: () => import("./views/auth.js").then((m) => m.renderSignIn),
  signup: () => import("./views/auth.js").then((m) => m.renderSignUp),
  welcome: () => import("./views/welcome.js").then((m) => m.renderWelcome),
};
const TITLES = {
  home: "Today",
  timer: "Feed timer",
  log: "Log a feed",
  history: "History",
  edit: "Edit feed",
  charts: "Charts",
  report: "Report",
  settings: "Settings",
  account: "Password and devices",
  sync: "Sync",
  signin: "Sign in",
  signup: "Create account",
  welcome: "Welcome",
};

const viewRoot = document.getElementById("tracker-view");
const nav = document.getElementById("tracker-nav");
const syncBar = document.getElementById("sync-bar");
let current = null;
let renderCount = 0;
let sessionState = "signed-out";
let rerenderTimer = null;
let screenStyles = null;
const FIRST_PULL_WAIT_MS = 4000;
// How long a phone that already has its user waits for the server's word on
// the session before showing the first screen from what it holds.
const SESSION_WAIT_MS = 1500;

// The other screens' styles (app.html's inert #screen-styles), added once;
// resolves when they apply (print styles are not waited for).
function loadScreenStyles() {
  if (!screenStyles) {
    const links = document.importNode(
      document.getElementById("screen-styles")?.content || new DocumentFragment(),
      true,
    );
    screenStyles = Promise.all(
      [...links.querySelectorAll("link:not([media])")].map(
        (link) =>
          new Promise((resolve) => {
            link.onload = link.onerror = resolve;
          }),
      ),
    );
    document.head.append(links);
  }
  return screenStyles;
}

function go(hash) {
  if (location.hash === hash) render({ keepFocus: false });
  else location.hash = hash;
}

async function prefs() {
  const [units, theme] = await Promise.all([readMeta("units"), readMeta("theme")]);
  return { units: units || "ml", theme: theme || "system" };
}

function applyTheme(theme) {
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

/** Where a request for `name` must go instead (not signed in, no baby yet), or null. */
function redirectFor(name, user, baby) {
  if (!user) return ACCOUNT_SCREENS.has(name) ? null : "#/signin";
  const expired = sessionState === "expired" || syncStatus().state === "signed-out";
  if (ACCOUNT_SCREENS.has(name)) return expired && name === "signin" ? null : "#/";
  if (!baby && name !== "welcome") return "#/welcome";
  return null;
}

function restoreFocus(before) {
  if (!before) return;
  // A form control has no text: it is found again by its name and value (e.g. a ticked sign).
  const same = (el) =>
    before.name
      ? el.name === before.name && el.value === before.value
      : el.textContent === before.text;
  const match = [...viewRoot.querySelectorAll(before.tag)].find(same);
  match?.focus({ preventScroll: true });
}

async function afterSignIn() {
  sessionState = "signed-in";
  await requestSync();
  go((await currentBaby()) ? "#/" : "#/welcome");
}

async function render({ keepFocus = false } = {}) {
  const token = ++renderCount;
  const route = parseHash(location.hash);
  // The screen's code and styles load while the device's data is read (a redirect may not use them).
  const loading = Promise.all([
    VIEWS[route.name](),
    route.name === "home" ? null : loadScreenStyles(),
  ]);
  loading.catch(() => {});
  const [user, baby, preferences] = await Promise.all([localUser(), currentBaby(), prefs()]);
  const redirect = redirectFor(route.name, user, baby);
  if (redirect) {
    // In place, not a new history entry: Back must not land on a screen that redirects again.
    history.replaceState(history.state, "", redirect);
    return render({ keepFocus });
  }
  applyTheme(preferences.theme);
  const root = document.createElement("div");
  root.className = `screen screen-${route.name}`;
  const ctx = {
    ...route,
    ...preferences,
    user,
    baby,
    go,
    expired: sessionState === "expired" || syncStatus().state === "signed-out",
    afterSignIn,
    rerender: () => render({ keepFocus: true }),
  };
  let view;
  try {
    [view] = await loading;
  } catch {
    // Offline before this screen's code was ever saved (no service worker yet).
    if (token === renderCount)
      say("This screen could not load. Check your connection and try again.");
    return;
  }
  const result = (await view(root, ctx)) || {};
  if (token !== renderCount) return result.cleanup?.();
  const active = document.activeElement;
  const before =
    keepFocus && viewRoot.contains(active)
      ? { tag: active.tagName, text: active.textContent, name: active.name, value: active.value }
      : null;
  current?.cleanup?.();
  current = { name: route.name, ...result };
  viewRoot.replaceChildren(root);
  const accountScreen = ACCOUNT_SCREENS.has(route.name) || route.name === "welcome";
  nav.hidden = accountScreen;
  syncBar.hidden = !user;
  markTab(route.name);
  document.body.classList.toggle("has-tab-bar", !accountScreen);
  document.body.classList.toggle("has-bottom-bar", Boolean(root.querySelector(".bottom-bar")));
  if (keepFocus) {
    restoreFocus(before);
    return keepContentClear();
  }
  document.title = `${TITLES[route.name]} · Letdown`;
  window.scrollTo(0, 0);
  root.querySelector("h1")?.focus({ preventScroll: true });
  // A toast from the screen before (e.g. "Saved") must not sit on this one's content either.
  keepContentClear();
}

/**
 * The tab of the open screen gets aria-current="page"; on a screen under a
 * tab (the timer under Today, a feed under History) that tab gets "true", so
 * it still reads, and looks, as where the parent is.
 */
function markTab(name) {
  for (const link of nav.querySelectorAll("a")) {
    const here = link.getAttribute("href") === `#/${name === "home" ? "" : name}`;
    const section = (link.dataset.section || "").split(" ").includes(name);
    if (here) link.setAttribute("aria-current", "page");
    else if (section) link.setAttribute("aria-current", "true");
    else link.removeAttribute("aria-current");
  }
}

function rerenderLive() {
  clearTimeout(rerenderTimer);
  rerenderTimer = setTimeout(() => {
    if (current?.live) render({ keepFocus: true });
    else prefs().then((p) => applyTheme(p.theme));
  }, 60);
}

async function boot() {
  mountFeedback(document.getElementById("tracker-feedback"));
  mountStatusBar(syncBar);
  // Ask the browser not to evict the outbox and feeds under storage pressure.
  navigator.storage?.persist?.().catch(() => {});
  // Offline there is no one to ask, and nothing to wait for: only a session the
  // server says has expired changes what the app shows. On a weak signal
  // (online, but answers take seconds or never come) a phone that has its user
  // waits briefly, then shows what it holds; the answer, when it comes, is
  // applied behind the screen (another account: adopt() clears this one's data
  // and the screen follows; expired: the screen says so).
  if (navigator.onLine) {
    let late = false;
    const checking = checkSession().then((state) => {
      sessionState = state;
      if (late && state !== "signed-in") render({ keepFocus: true });
    });
    if (await localUser()) {
      sessionState = "signed-in";
      await Promise.race([
        checking,
        new Promise((resolve) => setTimeout(resolve, SESSION_WAIT_MS)),
      ]);
      late = true;
    } else {
      await checking;
    }
  }
  addEventListener("hashchange", () => render());
  onChanged(rerenderLive);
  setInterval(
    () => current?.live && current.name !== "timer" && render({ keepFocus: true }),
    60000,
  );
  const sync = () =>
    startSync().then(async () => {
      if (current?.name === "welcome" && (await currentBaby())) go("#/");
    });
  // A new phone of a signed-in family: the first pull brings the babies, so it
  // is awaited (briefly) rather than flashing the first-run screen. Otherwise
  // the first screen comes before sync starts (its reads would compete).
  const fresh = navigator.onLine && sessionState === "signed-in" && !(await currentBaby());
  if (fresh)
    await Promise.race([
      sync(),
      new Promise((resolve) => setTimeout(resolve, FIRST_PULL_WAIT_MS)),
    ]);
  await render();
  if (!fresh) sync();
  document.documentElement.dataset.trackerReady = "true";
  prefetchScreens();
}

// Once the first screen is up and the page idle, every other screen's code in
// the background: opening one is then instant, and works offline even before
// the service worker has saved this release (or where there is none).
function prefetchScreens() {
  const fetchAll = () => {
    loadScreenStyles();
    for (const load of Object.values(VIEWS)) load().catch(() => {});
  };
  if ("requestIdleCallback" in window) requestIdleCallback(fetchAll, { timeout: 2000 });
  else setTimeout(fetchAll, 500);
}

// Offline support (js/sw-register.js) waits for the first screen anyway: so
// does the download of its code (also after a failed start).
boot().finally(() => import("../sw-register.js").catch(() => {}));
