/**
 * The guidance saved on this phone, in IndexedDB ("letdown-guide").
 *
 * Stores:
 *   articles  keyPath "slug": {slug, title, summary, topic, updated_at, url, text}
 *             (text is the article body as plain text, for offline search)
 *   meta      key/value: "refresh" -> {watermark, refreshedAt, fullAt}
 * Every function opens the database, does one transaction and resolves when it
 * has committed; callers never see IDBRequest objects.
 */

const DB_NAME = "letdown-guide";
const DB_VERSION = 1;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase() {
  const request = indexedDB.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains("articles"))
      db.createObjectStore("articles", { keyPath: "slug" });
    if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta");
  };
  return promised(request);
}

async function withStore(name, mode, work) {
  const db = await openDatabase();
  try {
    const tx = db.transaction(name, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const result = await work(tx.objectStore(name));
    await done;
    return result;
  } finally {
    db.close();
  }
}

export function allArticles() {
  return withStore("articles", "readonly", (store) => promised(store.getAll()));
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
  return withStore("meta", "readonly", (store) => promised(store.get(key)));
}

export function writeMeta(key, value) {
  return withStore("meta", "readwrite", async (store) => {
    store.put(value, key);
  });
}
