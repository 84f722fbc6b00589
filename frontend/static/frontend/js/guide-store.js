/**
 * The guidance saved on this phone, in IndexedDB ("letdown-guide"; the
 * connection and upgrades are idb.js).
 *
 * Stores:
 *   articles  keyPath "slug": {slug, title, summary, topic, updated_at, url, text}
 *             (text is the article body as plain text, for offline search)
 *   meta      key/value: "refresh" -> {watermark, refreshedAt, fullAt}
 * Every function does one transaction and resolves when it has committed;
 * callers never see IDBRequest objects.
 */

import { database, req } from "./idb.js";

/** Upgrade steps (idb.js): never edit a released step, add one. */
export const STEPS = [
  // 0 -> 1: the first release.
  (db) => {
    db.createObjectStore("articles", { keyPath: "slug" });
    db.createObjectStore("meta");
  },
];

const { transact } = database("letdown-guide", STEPS);

function withStore(name, mode, work) {
  return transact([name], mode, (tx) => work(tx.objectStore(name)));
}

export function allArticles() {
  return withStore("articles", "readonly", (store) => req(store.getAll()));
}

export function saveArticles(articles) {
  return withStore("articles", "readwrite", async (store) => {
    for (const article of articles) store.put(article);
  });
}

export function deleteArticles(slugs) {
  return withStore("articles", "readwrite", async (store) => {
    for (const slug of slugs) store.delete(slug);
  });
}

export function readMeta(key) {
  return withStore("meta", "readonly", (store) => req(store.get(key)));
}

export function writeMeta(key, value) {
  return withStore("meta", "readwrite", async (store) => {
    store.put(value, key);
  });
}
