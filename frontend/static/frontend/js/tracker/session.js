/**
 * Who is signed in on this phone.
 *
 * The server's Django session is the truth while online; meta "user" keeps
 * the signed-in user so the app opens offline. Signing in as a different
 * account first clears the previous account's data from the device; signing
 * in again as the same account (an expired session) keeps the outbox, so
 * nothing waiting is lost. Signing in, up and out are in account.js (only
 * the screens that offer them load it).
 */

import { API, ApiError, OfflineError, get } from "./api.js";
import { notifyChanged } from "./changes.js";
import { ALL_STORES, getMeta, readMeta, req, setMeta, transact } from "./db.js";
import { exclusive } from "./sync.js";

export const SESSION = API.session;

/**
 * The user a GET of SESSION answered with, or null when signed out
 * (`{"authenticated": false}`; older servers answered 403 instead).
 */
export function sessionUser(answer) {
  return answer && answer.authenticated !== false && answer.id != null ? answer : null;
}

export function localUser() {
  return readMeta("user");
}

/** Make `user` the device's user, clearing another account's data first. */
export async function adopt(user) {
  await exclusive(() =>
    transact(ALL_STORES, "readwrite", async (tx) => {
      const previous = await getMeta(tx, "user");
      if (previous && previous.id !== user.id) {
        for (const name of ALL_STORES) await req(tx.objectStore(name).clear());
      }
      await setMeta(tx, "user", { id: user.id, username: user.username });
    }),
  );
  notifyChanged();
  return user;
}

/**
 * At start: "signed-in", "expired" (the device has a user but the server
 * session is gone) or "signed-out". Offline, the device's user is trusted.
 */
export async function checkSession() {
  const user = await localUser();
  try {
    const signedIn = sessionUser(await get(SESSION));
    if (!signedIn) return user ? "expired" : "signed-out";
    await adopt(signedIn);
    return "signed-in";
  } catch (error) {
    if (error instanceof OfflineError) return user ? "signed-in" : "signed-out";
    if (error instanceof ApiError && [401, 403].includes(error.status)) {
      return user ? "expired" : "signed-out";
    }
    return user ? "signed-in" : "signed-out";
  }
}
