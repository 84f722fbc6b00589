/**
 * Signing in, creating an account and signing out on this phone (the
 * sign-in, sign-up and settings screens). Whose data the device keeps is
 * decided by session.js `adopt`; signing out clears every store.
 */

import { OfflineError, del, get, post } from "./api.js";
import { notifyChanged } from "./changes.js";
import { ALL_STORES, req, transact } from "./db.js";
import { SESSION, adopt } from "./session.js";
import { exclusive } from "./sync.js";

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
