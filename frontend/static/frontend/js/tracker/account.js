/**
 * Signing in, creating an account, signing out and deleting it on this phone
 * (the sign-in, sign-up and settings screens), and the password and
 * devices screen (views/devices.js). Whose data the device keeps is
 * decided by session.js `adopt`; signing out or deleting the account clears
 * every store; leaving or deleting a baby forgets just that baby.
 */

import { ApiError, OfflineError, api, del, get, post } from "./api.js";
import { notifyChanged } from "./changes.js";
import { ALL_STORES, getMeta, req, setMeta, transact } from "./db.js";
import { renumberFrom } from "./outbox.js";
import { SESSION, adopt, sessionUser } from "./session.js";
import { exclusive } from "./sync.js";

const DEVICES = "/api/v1/auth/devices/";

export async function signIn(username, password) {
  return adopt(await post(SESSION, { username, password }));
}

export async function signUp(username, password, email) {
  const body = { username, password };
  if (email) body.email = email;
  await post("/api/v1/auth/register/", body);
  const signedIn = sessionUser(await get(SESSION));
  if (!signedIn) throw new ApiError(403, { detail: "Signing in did not work. Try again." });
  return adopt(signedIn);
}

async function clearDevice() {
  // Under the sync lock: a sync finishing after the clear would write data back.
  await exclusive(() =>
    transact(ALL_STORES, "readwrite", async (tx) => {
      for (const name of ALL_STORES) await req(tx.objectStore(name).clear());
    }),
  );
  notifyChanged();
}

/**
 * End the server session, then remove personal data from the device. Offline
 * this throws OfflineError and clears nothing: the session cookie cannot be
 * removed from script, so a cleared phone would quietly sign in again.
 */
export async function signOut() {
  try {
    await del(SESSION);
  } catch (error) {
    if (error instanceof OfflineError) throw error;
    // Any answer (403: already signed out) means the server session is over.
  }
  await clearDevice();
}

/** Change the password; the server signs out every other device (ApiError for a wrong current one). */
export function changePassword(oldPassword, newPassword) {
  return post("/api/v1/auth/password/", {
    old_password: oldPassword,
    new_password: newPassword,
  });
}

/** The account's signed-in phones, browsers and scripts, most recently used first. */
export const devices = () => get(DEVICES);

/** Sign another device out: its token or session stops working at its next request. */
export const revokeDevice = (id) => del(`${DEVICES}${id}/`);

/** Delete the account on the server (ApiError for a wrong password), then clear the phone as sign-out does. */
export async function deleteAccount(password) {
  await api("DELETE", "/api/v1/account/", { password });
  await clearDevice();
}

/** `babyId`'s outbox mutations: a first upsert names the baby, later ones are known by their feed. */
async function queuedFor(tx, babyId) {
  const feeds = (await req(tx.objectStore("feeds").getAll())).filter(
    (feed) => feed.baby === babyId,
  );
  const ids = new Set(feeds.map((feed) => feed.id));
  const queued = (await req(tx.objectStore("outbox").getAll())).filter(
    (m) => m.data?.baby === babyId || ids.has(m.id),
  );
  for (const m of queued) ids.add(m.id);
  return { ids, queued };
}

/** Changes to `babyId`'s feeds that have not reached the server. */
export function pendingFor(babyId) {
  return transact(
    ["feeds", "outbox"],
    "readonly",
    async (tx) => (await queuedFor(tx, babyId)).queued.length,
  );
}

/**
 * After leaving or deleting a baby: remove it, its feeds, their outbox
 * mutations and attention items from this phone (the server would refuse
 * those mutations now). Seqs must stay without gaps: mutations already `sent`
 * (a push whose answer was lost; always the oldest) keep theirs and stay, to
 * be answered like any refused change, and the unsent rest is renumbered
 * after them. A queued delete of a feed already gone from this phone cannot
 * be traced to its baby and stays too (callers sync first, so this is rare).
 */
export async function forgetBaby(babyId) {
  await exclusive(() =>
    transact(["babies", "feeds", "outbox", "attention", "meta"], "readwrite", async (tx) => {
      const { ids, queued } = await queuedFor(tx, babyId);
      await req(tx.objectStore("babies").delete(babyId));
      for (const id of ids) await req(tx.objectStore("feeds").delete(id));
      const outbox = tx.objectStore("outbox");
      const all = await req(outbox.getAll());
      const drop = new Set(queued.filter((m) => !m.sent).map((m) => m.seq));
      if (drop.size) {
        const sent = all.filter((m) => m.sent);
        const first = sent.length ? sent[sent.length - 1].seq + 1 : all[0].seq;
        for (const seq of drop) await req(outbox.delete(seq));
        await renumberFrom(
          tx,
          all.filter((m) => !m.sent && !drop.has(m.seq)),
          first,
        );
      }
      const attention = tx.objectStore("attention");
      for (const item of await req(attention.getAll())) {
        if (ids.has(item.feed_id)) await req(attention.delete(item.key));
      }
      if ((await getMeta(tx, "baby_id")) === babyId) await setMeta(tx, "baby_id", null);
    }),
  );
  notifyChanged();
}
