/**
 * Who is signed in on this phone.
 *
 * The server's Django session is the truth while online; meta "user" keeps
 * the signed-in user so the app opens offline. Signing in as a different
 * account first clears the previous account's data from the device; signing
 * in again as the same account (an expired session) keeps the outbox, so
 * nothing waiting is lost. Signing out clears every store.
 */

import { ApiError, OfflineError, del, get, post } from "./api.js";
import { notifyChanged } from "./changes.js";
import { ALL_STORES, getMeta, readMeta, req, setMeta, transact } from "./db.js";
import { exclusive } from "./sync.js";

const SESSION = "/api/v1/auth/session/";

export function localUser() {
  return readMeta("user");
}

/** Make `user` the device's user, clearing another account's data first. */
async function adopt(user) {
  await exclusive(() => transact(ALL_STORES, "readwrite", async (tx) => {
    const previous = await getMeta(tx, "user");
    if (previous && previous.id !== user.id) {
      for (const name of ALL_STORES) await req(tx.objectStore(name).clear());
    }
    await setMeta(tx, "user", { id: user.id, username: user.username });
  }));
  notifyChanged();
  return user;
}

export async function signIn(username, password) {
  return adopt(await post(SESSION, { username, password }));
}

export async function signUp(username, password, email) {
  const body = { username, password };
  if (email) body.email = email;
  await post("/api/v1/auth/register/", body);
  return adopt(await get(SESSION));
}

/**
 * At start: "signed-in", "expired" (the device has a user but the server
 * session is gone) or "signed-out". Offline, the device's user is trusted.
 */
export async function checkSession() {
  const user = await localUser();
  try {
    await adopt(await get(SESSION));
    return "signed-in";
  } catch (error) {
    if (error instanceof OfflineError) return user ? "signed-in" : "signed-out";
    if (error instanceof ApiError && [401, 403].includes(error.status)) {
      return user ? "expired" : "signed-out";
    }
    return user ? "signed-in" : "signed-out";
  }
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
  // Under the sync lock: a sync finishing after the clear would write data back.
  await exclusive(() =>
    transact(ALL_STORES, "readwrite", async (tx) => {
      for (const name of ALL_STORES) await req(tx.objectStore(name).clear());
    }),
  );
  notifyChanged();
}
