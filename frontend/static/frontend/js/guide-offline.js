/**
 * Keeps the guidance readable and searchable offline, once Letdown has been
 * opened online with its service worker in control.
 *
 * What it does on each online start (quietly; any failure just waits for the
 * next start):
 * 1. Asks GET /api/v1/articles/?updated_since=<watermark> for what changed
 *    since the last refresh (the whole list on the first run and once a week,
 *    so unpublished articles are also removed from the phone).
 * 2. For each changed article: fetches /api/v1/articles/<slug>/ and stores its
 *    title, summary and body text in IndexedDB (js/guide-store.js) for search.
 * 3. Fetches the page of every saved article that is not in Cache Storage yet,
 *    plus /guide/ and the topic pages it links to. These requests go through
 *    the service worker, which saves /guide/ pages (network first), so
 *    a new release's worker, whose caches start empty, is refilled as well.
 * The watermark is the newest `updated_at` the server sent (server time, so a
 * wrong phone clock cannot skip an update). When done it dispatches
 * "letdown:guide-saved" on window and sets <html data-guide-saved="<count>">.
 */

import { API } from "./tracker/api.js";
import { allArticles, deleteArticles, readMeta, saveArticles, writeMeta } from "./guide-store.js";

const LIST_URL = API.articles;
const GUIDE_URL = "/guide/";
const FULL_REFRESH_MS = 7 * 24 * 3600 * 1000;
let running = null;

async function getJSON(url) {
  const response = await fetch(url, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

async function listArticles(since) {
  let url = since ? `${LIST_URL}?updated_since=${encodeURIComponent(since)}` : LIST_URL;
  const items = [];
  while (url) {
    const page = await getJSON(url);
    // Plain list, or DRF's paginated {results, next}.
    items.push(...(Array.isArray(page) ? page : page.results || []));
    url = Array.isArray(page) ? null : page.next;
  }
  return items;
}

function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html || "", "text/html");
  return (doc.body.textContent || "").replace(/\s+/g, " ").trim();
}

async function articleRecord(item) {
  const detail = await getJSON(`${LIST_URL}${encodeURIComponent(item.slug)}/`);
  return {
    slug: item.slug,
    title: detail.title || item.title,
    summary: detail.summary || item.summary || "",
    topic: detail.topic || item.topic || "",
    updated_at: detail.updated_at || item.updated_at,
    url: detail.url || item.url,
    text: htmlToText(detail.body_html),
  };
}

async function savePage(url, { always = false } = {}) {
  if (!always && (await caches.match(url, { ignoreVary: true }))) return null;
  const response = await fetch(url, { credentials: "same-origin" });
  return response.ok ? response.text() : null;
}

function sameOriginLinks(html, prefix) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const urls = new Set();
  for (const link of doc.querySelectorAll("a[href]")) {
    const url = new URL(link.getAttribute("href"), location.origin);
    if (url.origin === location.origin && url.pathname.startsWith(prefix)) urls.add(url.pathname);
  }
  for (const el of doc.querySelectorAll("link[rel=stylesheet][href], script[src], img[src]")) {
    const url = new URL(el.getAttribute("href") || el.getAttribute("src"), location.origin);
    if (url.origin === location.origin && url.pathname.startsWith("/static/"))
      urls.add(url.pathname);
  }
  return urls;
}

async function saveGuideIndex(articleUrls) {
  const html = await savePage(GUIDE_URL, { always: true });
  if (!html) return;
  for (const url of sameOriginLinks(html, GUIDE_URL)) {
    if (!articleUrls.has(url)) await savePage(url);
  }
}

async function refresh() {
  const meta = (await readMeta("refresh")) || {};
  const full = !meta.watermark || Date.now() - (meta.fullAt || 0) > FULL_REFRESH_MS;
  const items = await listArticles(full ? null : meta.watermark);
  const records = [];
  for (const item of items) records.push(await articleRecord(item));
  await saveArticles(records);
  const saved = await allArticles();
  if (full) {
    const live = new Set(items.map((item) => item.slug));
    await deleteArticles(saved.filter((a) => !live.has(a.slug)).map((a) => a.slug));
  }
  const kept = full ? saved.filter((a) => items.some((i) => i.slug === a.slug)) : saved;
  const changed = new Set(records.map((r) => r.url));
  for (const article of kept) await savePage(article.url, { always: changed.has(article.url) });
  await saveGuideIndex(new Set(kept.map((a) => new URL(a.url, location.origin).pathname)));
  const stamps = [meta.watermark, ...items.map((i) => i.updated_at)].filter(Boolean).sort();
  await writeMeta("refresh", {
    watermark: stamps[stamps.length - 1] || null,
    refreshedAt: new Date().toISOString(),
    fullAt: full ? Date.now() : meta.fullAt,
  });
  document.documentElement.dataset.guideSaved = String(kept.length);
  window.dispatchEvent(new CustomEvent("letdown:guide-saved", { detail: { count: kept.length } }));
}

function controlled() {
  if (navigator.serviceWorker.controller) return Promise.resolve();
  // First visit: the new worker claims this page when it activates.
  return new Promise((resolve) => {
    navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true });
  });
}

/** Save the guidance for offline use; resolves when done (or skipped while offline). */
export async function keepGuideOffline() {
  if (!navigator.onLine || !("caches" in window) || !("indexedDB" in window)) return;
  if (!running) {
    running = controlled()
      .then(refresh)
      .catch((error) => console.info("Letdown: guidance not refreshed this time:", error.message))
      .finally(() => {
        running = null;
      });
  }
  return running;
}

window.addEventListener("online", () => keepGuideOffline());
