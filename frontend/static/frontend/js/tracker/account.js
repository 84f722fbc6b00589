/**
 * Signing in, creating an account, signing out and deleting it on this phone
 * (the sign-in, sign-up and settings screens), and the password and
 * devices screen (views/devices.js). Whose data the device keeps is
 * decided by session.js `adopt`; signing out or deleting the account clears
 * every store (leaving or deleting a baby is family.js).
 */

import { API, ApiError, OfflineError, api, del, get, post } from "./api.js";
import { notifyChanged } from "./changes.js";
import { ALL_STORES, req, transact } from "./db.js";
import { SESSION, adopt, sessionUser } from "./session.js";
import { exclusive } from "./sync.js";

export async function signIn(username, password) {
  return adopt(await post(SESSION, { username, password }));
}

export async function signUp(username, password, email) {
  const body = { username, password };
  if (email) body.email = email;
  await post(API.register, body);
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
  return post(API.password, {
    old_password: oldPassword,
    new_password: newPassword,
  });
}

/** The account's signed-in phones, browsers and scripts, most recently used first. */
export const devices = () => get(API.devices);

/** Sign another device out: its token or session stops working at its next request. */
export const revokeDevice = (id) => del(API.device(id));

/** Delete the account on the server (ApiError for a wrong password), then clear the phone as sign-out does. */
export async function deleteAccount(password) {
  await api("DELETE", API.account, { password });
  await clearDevice();
}
