/*
 * Letdown service worker, release {{ version }} (rendered by frontend.views.service_worker).
 *
 * Caches, all named with the release so one release never mixes with another:
 *   letdown-shell-<release>    precached at install: the app shell (/), /offline/,
 *                              /search/ and every file under static/frontend/
 *   letdown-pages-<release>    pages and other static files, saved as they are used
 *   letdown-guide-<release>    guidance pages (/guide/...), filled by js/guide-offline.js
 * Strategies:
 *   /api/, /admin/, /accounts/: always live, never stored (offline, a page
 *                              of theirs gets /offline/ instead of a browser error)
 *   other origins, non-GET:    not touched
 *   /guide/...                 network first (4 s), then the saved page, saved in
 *                              the guide cache: a newly published or corrected
 *                              article is on the first visit, not the second
 *   other navigations          network first (4 s), then the saved page, then /offline/
 *   /static/...                cache first (hashed names never change); with DEBUG
 *                              on (`make run`, unhashed names) network first, so a
 *                              developer's edit shows on reload
 */
const VERSION = "{{ version }}";
const PRECACHE = {{ precache_json|safe }};
const SHELL_CACHE = `letdown-shell-${VERSION}`;
const PAGES_CACHE = `letdown-pages-${VERSION}`;
const GUIDE_CACHE = `letdown-guide-${VERSION}`;
const OWN_CACHES = [SHELL_CACHE, PAGES_CACHE, GUIDE_CACHE];
const OFFLINE_URL = "/offline/";
const NETWORK_TIMEOUT_MS = 4000;
// /report/: a shared report is health data for whoever holds its link: never stored.
const LIVE_ONLY_PREFIXES = ["/api/", "/admin/", "/accounts/", "/report/"];
const DEV = {{ dev|yesno:"true,false" }};

// Why: a release must be complete on the phone before it can take over, so the
// app opens offline at 3 a.m. We bypass the HTTP cache so unhashed module URLs
// are this release's files. No skipWaiting here: the page asks the person first.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })))),
  );
});

// Why: old releases' caches would fill the phone's storage and could serve
// stale files; we delete every Letdown cache that is not this release's. On the
// very first install we claim open pages, so the first visit already saves the
// guidance for offline reading.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith("letdown-") && !OWN_CACHES.includes(name))
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

// Why: the update is applied only when the person taps "Update now"
// (js/sw-register.js), never in the middle of a running feed timer. Pages can
// also ask which release is running.
self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "SKIP_WAITING") {
    self.skipWaiting();
  } else if (type === "GET_VERSION" && event.ports[0]) {
    event.ports[0].postMessage({ type: "VERSION", version: VERSION });
  }
});

// Why: Background Sync fires when the phone gets a connection back. The outbox
// lives with the tracker pages, so we ask every open Letdown window to sync
// (they listen for {type: "sync-requested"} on navigator.serviceWorker).
self.addEventListener("sync", (event) => {
  event.waitUntil(
    self.clients
      .matchAll({ type: "window", includeUncontrolled: true })
      .then((windows) => {
        for (const client of windows) client.postMessage({ type: "sync-requested", tag: event.tag });
      }),
  );
});

// Why: this is where offline-first happens; each kind of request gets the
// strategy that fits it (see the table at the top of this file).
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (LIVE_ONLY_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) {
    // Never stored; but a page (the sign-in form) offline gets the kind page, not a browser error.
    if (request.mode === "navigate") {
      event.respondWith(fetch(request).catch(() => offlineResponse(request)));
    }
    return;
  }
  if (url.pathname.startsWith("/guide/")) {
    event.respondWith(networkFirst(event, GUIDE_CACHE));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(event));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(DEV ? devNetworkFirst(event) : cacheFirst(event));
  }
});

// Opened once per worker start: opening caches by name on every request adds up
// over the ~50 module files of a cold start.
const opened = new Map();
function openCache(name) {
  if (!opened.has(name)) opened.set(name, caches.open(name));
  return opened.get(name);
}

function isSavable(response) {
  return response && response.ok && response.type === "basic";
}

// A followed redirect cannot answer a navigation; keep only the final page.
async function withoutRedirect(response) {
  if (!response.redirected) return response;
  const body = await response.blob();
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function save(event, cacheName, request, response) {
  if (!isSavable(response)) return;
  const copy = response.clone();
  event.waitUntil(
    withoutRedirect(copy)
      .then((clean) => openCache(cacheName).then((cache) => cache.put(request, clean)))
      .catch(() => {}),
  );
}

async function savedResponse(request) {
  const found = await caches.match(request, { ignoreVary: true });
  if (found) return withoutRedirect(found);
  if (request.mode === "navigate") {
    return caches.match(request, { ignoreVary: true, ignoreSearch: true });
  }
  return undefined;
}

async function offlineResponse(request) {
  if (request.mode !== "navigate") return Response.error();
  const page = await caches.match(OFFLINE_URL, { ignoreVary: true });
  return page || new Response("You are offline.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

async function networkFirst(event, cacheName = PAGES_CACHE) {
  const request = event.request;
  const network = fetch(request).then(async (response) => {
    save(event, cacheName, request, response);
    return withoutRedirect(response);
  });
  // On "lie-fi" (connected but nothing arrives) we stop waiting and use the saved page.
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS)).then(
    async () => (await savedResponse(request)) || network,
  );
  try {
    return await Promise.race([network, slow]);
  } catch {
    return (await savedResponse(request)) || offlineResponse(request);
  }
}

async function cacheFirst(event) {
  // This release's precache first (nearly every hit), then what was saved on the way.
  const shell = await openCache(SHELL_CACHE);
  const saved =
    (await shell.match(event.request, { ignoreVary: true })) ||
    (await (await openCache(PAGES_CACHE)).match(event.request, { ignoreVary: true }));
  if (saved) return saved;
  const response = await fetch(event.request);
  save(event, PAGES_CACHE, event.request, response);
  return response;
}

// DEBUG only: unhashed static names change content in place. Revalidate with
// the server (no-cache: runserver sends no Cache-Control, so the HTTP cache
// would otherwise guess), keep the fresh copy for offline, fall back to it.
async function devNetworkFirst(event) {
  try {
    const response = await fetch(event.request, { cache: "no-cache" });
    if (isSavable(response)) {
      const copy = response.clone();
      event.waitUntil(openCache(SHELL_CACHE).then((cache) => cache.put(event.request, copy)));
    }
    return response;
  } catch {
    const shell = await openCache(SHELL_CACHE);
    return (await shell.match(event.request, { ignoreVary: true })) || Response.error();
  }
}
