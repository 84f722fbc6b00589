/**
 * Pull: GET /api/v1/sync/pull/ from the stored cursor until `has_more` is
 * false. Each page is applied and its cursor saved in ONE transaction, so a
 * page is never half-applied and never skipped after a crash. Every page
 * lists all the babies the user can see; a baby no longer listed (access
 * removed) is forgotten as when the parent leaves it (forget.js).
 */

import { API, ApiError, get } from "./api.js";
import { applyRecord } from "./apply.js";
import { getMeta, req, setMeta, transact } from "./db.js";

const PAGE = 500;
const MAX_PAGES = 10000; // a guard against a server that never says "done"

/** Babies this phone knows (stored, or named by a feed) that `listed` leaves out. */
async function missingBabies(listed) {
  const keep = new Set(listed.map((baby) => baby.id));
  const known = await transact(["babies", "feeds"], "readonly", async (tx) => [
    ...(await req(tx.objectStore("babies").getAllKeys())),
    ...(await req(tx.objectStore("feeds").getAll())).map((feed) => feed.baby),
  ]);
  return new Set(known.filter((id) => id != null && !keep.has(id)));
}

/** Babies no longer listed are forgotten (forget.js: loaded only then, before the transaction). */
async function applyPage(page) {
  const listed = Array.isArray(page.babies) ? page.babies : null;
  const gone = listed ? await missingBabies(listed) : new Set();
  const forget = gone.size ? (await import("./forget.js")).forgetBabiesIn : null;
  await transact(["feeds", "babies", "outbox", "attention", "meta"], "readwrite", async (tx) => {
    if (forget) await forget(tx, gone);
    for (const baby of listed || []) await req(tx.objectStore("babies").put(baby));
    for (const change of page.changes || []) await applyRecord(tx, change);
    await setMeta(tx, "cursor", page.cursor);
  });
}

/**
 * The server no longer accepts our cursor (e.g. its signing key changed): a
 * full pull starts over. It carries no tombstones for old deletes, so feeds
 * with nothing waiting in the outbox are dropped first and come back whole.
 */
async function forgetCursor() {
  await transact(["feeds", "outbox", "meta"], "readwrite", async (tx) => {
    const waiting = new Set((await req(tx.objectStore("outbox").getAll())).map((m) => m.id));
    for (const feed of await req(tx.objectStore("feeds").getAll())) {
      if (!waiting.has(feed.id)) await req(tx.objectStore("feeds").delete(feed.id));
    }
    await setMeta(tx, "cursor", null);
  });
}

/** Pull every page; resolves to the number of changes applied. */
export async function pullAll() {
  let cursor = await transact(["meta"], "readonly", (tx) => getMeta(tx, "cursor"));
  let count = 0;
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (cursor) query.set("cursor", cursor);
    let page;
    try {
      page = await get(`${API.pull}?${query}`);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 400 && error.body?.cursor && cursor))
        throw error;
      await forgetCursor();
      cursor = null;
      continue;
    }
    await applyPage(page);
    count += (page.changes || []).length;
    cursor = page.cursor;
    if (!page.has_more) break;
  }
  return count;
}
