/**
 * The family on the server and on this phone: babies, invites and
 * caregivers. Every server call here needs the network (OfflineError /
 * ApiError from api.js); afterwards this phone forgets what the server no
 * longer shows. Forgetting a baby is one clean-up wherever it happens
 * (leaving, deleting, or a pull that no longer lists it): the baby, its
 * feeds, their unsent outbox mutations, their attention items and the
 * baby's selection (forget.js). The pull cursor is opaque and sealed by
 * the server, which drops the baby's position itself.
 */

import { API, ApiError, api, del, get, post } from "./api.js";
import { notifyChanged } from "./changes.js";
import { transact } from "./db.js";
import { FORGET_STORES, forgetBabiesIn, queuedFor } from "./forget.js";
import { putBabies } from "./store.js";
import { exclusive } from "./sync.js";

/** DELETE `path`; 404 counts as done (another phone got there first, same result). */
async function deleted(path) {
  try {
    await del(path);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
}

/** Name the first baby (first run); resolves to the baby as the server made it. */
export function createBaby(body) {
  return post(API.babies, body);
}

/** Join a partner's baby with their invite code; resolves to the baby. */
export function acceptInvite(code) {
  return post(API.acceptInvite, { code });
}

/** Change a baby's name or birth date (owner only), and keep the answer on this phone. */
export async function updateBaby(baby, changes) {
  const saved = await api("PATCH", API.baby(baby.id), changes);
  await putBabies([{ ...baby, ...saved }]);
  return saved;
}

/** Delete the baby for everyone (owner only). */
export function deleteBabyEverywhere(babyId) {
  return deleted(API.baby(babyId));
}

/** Who can see the baby: [{user_id, username, role}]. */
export async function caregiversOf(babyId) {
  const list = await get(API.caregivers(babyId));
  return list.results || list;
}

/** A new invite code: {code, expires_at}. */
export function createInvite(babyId) {
  return post(API.invites(babyId), {});
}

/** Stop sharing with `userId` (the owner removing someone, or a caregiver leaving). */
export function removeCaregiver(babyId, userId) {
  return deleted(API.caregiver(babyId, userId));
}

/** Changes to `babyId`'s feeds that have not reached the server. */
export function pendingFor(babyId) {
  return transact(
    ["feeds", "outbox"],
    "readonly",
    async (tx) => (await queuedFor(tx, new Set([babyId]))).queued.length,
  );
}

/** After leaving or deleting a baby: forget it on this phone (under the sync lock). */
export async function forgetBaby(babyId) {
  await exclusive(() =>
    transact(FORGET_STORES, "readwrite", (tx) => forgetBabiesIn(tx, new Set([babyId]))),
  );
  notifyChanged();
}
