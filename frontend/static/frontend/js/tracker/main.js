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
import { mountFeedback } from "./feedback.js";
import { ACCOUNT_SCREENS, parseHash } from "./router.js";
import { checkSession, localUser } from "./session.js";
import { mountStatusBar } from "./statusbar.js";
import { currentBaby } from "./store.js";
import { requestSync, startSync, syncStatus } from "./sync.js";
import { renderSignIn, renderSignUp } from "./views/auth.js";
import { renderCharts } from "./views/charts.js";
import { renderEdit } from "./views/edit.js";
import { renderHistory } from "./views/history.js";
import { renderHome } from "./views/home.js";
import { renderLog } from "./views/log.js";
import { renderSettings } from "./views/settings.js";
import { renderSync } from "./views/syncview.js";
import { renderTimer } from "./views/timer.js";
import { renderWelcome } from "./views/welcome.js";

const VIEWS = {
  home: renderHome,
  timer: renderTimer,
  log: renderLog,
  history: renderHistory,
  edit: renderEdit,
  charts: renderCharts,
  settings: renderSettings,
  sync: renderSync,
  signin: renderSignIn,
  signup: renderSignUp,
  welcome: renderWelcome,
};
const TITLES = { home: "Today", timer: "Feed timer", log: "Log a feed", history: "History", edit: "Edit feed", charts: "Charts", settings: "Settings", sync: "Sync", signin: "Sign in", signup: "Create account", welcome: "Welcome" };

const viewRoot = document.getElementById("tracker-view");
const nav = document.getElementById("tracker-nav");
const syncBar = document.getElementById("sync-bar");
let current = null;
let renderCount = 0;
let sessionState = "signed-out";
let rerenderTimer = null;

function go(hash) {
  if (location.hash === hash) render({ keepFocus: false });
  else location.hash = hash;
}

async function prefs() {
  return { units: (await readMeta("units")) || "ml", theme: (await readMeta("theme")) || "system" };
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
  const match = [...viewRoot.querySelectorAll(before.tag)].find((el) => el.textContent === before.text);
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
  const [user, baby, preferences] = [await localUser(), await currentBaby(), await prefs()];
  const redirect = redirectFor(route.name, user, baby);
  if (redirect) return go(redirect);
  applyTheme(preferences.theme);
  const root = document.createElement("div");
  root.className = `screen screen-${route.name}`;
  const ctx = { ...route, ...preferences, user, baby, go, expired: sessionState === "expired" || syncStatus().state === "signed-out", afterSignIn, rerender: () => render({ keepFocus: true }) };
  const result = (await VIEWS[route.name](root, ctx)) || {};
  if (token !== renderCount) return result.cleanup?.();
  const active = document.activeElement;
  const before = keepFocus && viewRoot.contains(active) ? { tag: active.tagName, text: active.textContent } : null;
  current?.cleanup?.();
  current = { name: route.name, ...result };
  viewRoot.replaceChildren(root);
  const accountScreen = ACCOUNT_SCREENS.has(route.name) || route.name === "welcome";
  nav.hidden = accountScreen;
  syncBar.hidden = !user;
  for (const link of nav.querySelectorAll("a")) {
    const here = link.getAttribute("href") === `#/${route.name === "home" ? "" : route.name}`;
    if (here) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.body.classList.toggle("has-bottom-bar", Boolean(root.querySelector(".bottom-bar")));
  if (keepFocus) return restoreFocus(before);
  document.title = `${TITLES[route.name]} · Letdown`;
  window.scrollTo(0, 0);
  root.querySelector("h1")?.focus({ preventScroll: true });
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
  sessionState = await checkSession();
  addEventListener("hashchange", () => render());
  onChanged(rerenderLive);
  setInterval(() => current?.live && current.name !== "timer" && render({ keepFocus: true }), 60000);
  await render();
  // The first pull may bring the family's babies (a new phone): leave the first-run screen.
  startSync().then(async () => {
    if (current?.name === "welcome" && (await currentBaby())) go("#/");
  });
  document.documentElement.dataset.trackerReady = "true";
}

boot();
