/**
 * One push: send the oldest outbox mutations to POST /api/v1/sync/push/ and
 * apply the server's answer for each seq.
 *
 * - Mutations are marked `sent` before the request leaves; a lost response
 *   leaves them in the outbox unchanged, and the next push repeats them with
 *   the same seqs, which the server answers as `duplicate` (exactly once).
 * - `applied` / `duplicate`: the mutation leaves the outbox, the record is stored.
 * - `conflict`: the merged record is stored; values another phone had that
 *   this one overwrote go to the attention list with an undo; a feed deleted
 *   elsewhere is removed here and the parent is told.
 * - `rejected`: the seq is consumed; the mutation moves to the attention
 *   list with the server's reasons, and the local feed stays until fixed.
 * - 409 {"last_seq": N}: the server is missing earlier seqs it will never get
 *   (nothing was applied); the outbox is renumbered from N + 1 and resent.
 * - 403 {"device_id"}: the id belongs to another account; a new device id is
 *   made and the outbox renumbered from 1.
 */

import { API, ApiError, post } from "./api.js";
import { applyRecord } from "./apply.js";
import { settleRejections } from "./attention.js";
import { req, setMeta, transact } from "./db.js";
import { deviceId, mutationsFor } from "./outbox.js";
import RULEBOOK from "./rulebook.js";
import { renumberFrom } from "./seqs.js";

const { MAX_PUSH_MUTATIONS: MAX_MUTATIONS, MAX_PUSH_BYTES } = RULEBOOK.limits;
// Below the server's limit, leaving room for the envelope (device id, JSON framing).
const MAX_BYTES = MAX_PUSH_BYTES - 56 * 1024;

function wireMutation({ seq, op, entity, id, base_version, data }) {
  return op === "delete"
    ? { seq, op, entity, id, base_version }
    : { seq, op, entity, id, base_version, data };
}

/** Take the oldest mutations (up to the limits) and mark them sent, atomically. */
function takeBatch() {
  return transact(["outbox", "meta"], "readwrite", async (tx) => {
    const device = await deviceId(tx);
    const outbox = tx.objectStore("outbox");
    const all = await req(outbox.getAll());
    const batch = [];
    let bytes = 0;
    for (const mutation of all) {
      const size = JSON.stringify(wireMutation(mutation)).length;
      if (batch.length >= MAX_MUTATIONS || (batch.length && bytes + size > MAX_BYTES)) break;
      batch.push(mutation);
      bytes += size;
    }
    for (const mutation of batch) {
      if (!mutation.sent) await req(outbox.put({ ...mutation, sent: true }));
    }
    return { device, batch, more: all.length > batch.length };
  });
}

/**
 * Give the whole outbox consecutive seqs from `lastSeq + 1` (after a 409).
 * With `newDevice`, also start over as a new device (seq 1): the server
 * refused this device id because another account used it first.
 */
function renumber(lastSeq, newDevice = false) {
  return transact(["outbox", "meta"], "readwrite", async (tx) => {
    if (newDevice) await setMeta(tx, "device_id", crypto.randomUUID());
    await renumberFrom(tx, await req(tx.objectStore("outbox").getAll()), lastSeq + 1);
  });
}

/** A duplicate carries the stored result; what happened then is `original_status`. */
function effectiveStatus(result) {
  return result.status === "duplicate" ? result.original_status || "applied" : result.status;
}

/** What a note needs to name its feed ("Bottle, today at 04:30") after the feed is gone. */
function feedLabel(local, result, mutation) {
  const source = local || result.record || mutation.data || {};
  return source.kind ? { kind: source.kind, started_at: source.started_at || null } : null;
}

/**
 * The other phone stopped this running feed before this phone's timer tap
 * (switch, pause, resume) reached the server: the server refuses the tap
 * (its segments now run past the feed's end), and the parent needs a
 * sentence and a way on, not the server's field messages.
 */
function stoppedElsewhere(mutation, result) {
  const record = result.record;
  const tried = mutation.data || {};
  return Boolean(
    record &&
      !record.deleted &&
      record.kind === "breast" &&
      record.ended_at &&
      Array.isArray(tried.segments) &&
      !("ended_at" in tried && tried.ended_at),
  );
}

/**
 * The attention note for one answer, or null. `ownDelete`: this phone has
 * deleted the feed itself (in this batch or still queued), so a tombstone in
 * the answer is its own doing and nothing to report.
 */
function attentionFor(mutation, result, status, { ownDelete, feed }) {
  const base = {
    feed_id: mutation.id,
    seq: mutation.seq,
    op: mutation.op,
    at: new Date().toISOString(),
    feed,
  };
  if (status === "rejected") {
    // `record` is the feed as the server still has it (null if it never had it): "use the server's version".
    const reason = stoppedElsewhere(mutation, result) ? "stopped-elsewhere" : null;
    return {
      ...base,
      type: "rejected",
      reason,
      errors: result.errors || {},
      tried: mutation.data || null,
      record: result.record || null,
    };
  }
  // Only an edit of this phone that met a delete made elsewhere is news.
  if (result.record?.deleted) {
    return mutation.op === "upsert" && status === "conflict" && !ownDelete
      ? { ...base, type: "deleted" }
      : null;
  }
  const overwritten = result.overwritten;
  if (status === "conflict" && overwritten && Object.keys(overwritten).length) {
    return { ...base, type: "conflict", overwritten };
  }
  return null;
}

async function applyResults(batch, results) {
  const bySeq = new Map(batch.map((mutation) => [mutation.seq, mutation]));
  const deletedHere = new Set(
    batch.filter((mutation) => mutation.op === "delete").map((mutation) => mutation.id),
  );
  await transact(["feeds", "babies", "outbox", "attention", "meta"], "readwrite", async (tx) => {
    // A change sent before the parent left or deleted its baby (its answer was
    // lost) can come back after the baby was forgotten here: nothing of that
    // baby is stored again, and a refusal of it has nothing left to fix.
    const babies = new Set(await req(tx.objectStore("babies").getAllKeys()));
    for (const result of results) {
      const mutation = bySeq.get(result.seq);
      if (!mutation) continue;
      await req(tx.objectStore("outbox").delete(result.seq));
      const status = effectiveStatus(result);
      const local = await req(tx.objectStore("feeds").get(mutation.id));
      const forgotten = result.record?.baby ? !babies.has(result.record.baby) : !local;
      if (forgotten) continue;
      const ownDelete =
        deletedHere.has(mutation.id) ||
        (await mutationsFor(tx, mutation.id)).some((queued) => queued.op === "delete");
      const feed = feedLabel(local, result, mutation);
      if (result.record && status !== "rejected") {
        await applyRecord(tx, result.record, { ownResult: true });
      }
      if (status === "applied") await settleRejections(tx, mutation.id);
      const note = attentionFor(mutation, result, status, { ownDelete, feed });
      if (note) await req(tx.objectStore("attention").add(note));
    }
  });
}

/**
 * Push one batch. Resolves to {sent, more}; throws OfflineError / ApiError
 * for the caller (sync.js) to report.
 */
export async function pushOnce() {
  const { device, batch, more } = await takeBatch();
  if (!batch.length) return { sent: 0, more: false };
  let answer;
  try {
    answer = await post(API.push, { device_id: device, mutations: batch.map(wireMutation) });
  } catch (error) {
    if (
      error instanceof ApiError &&
      error.status === 409 &&
      Number.isInteger(error.body?.last_seq)
    ) {
      await renumber(error.body.last_seq);
      return { sent: 0, more: true, renumbered: true };
    }
    if (error instanceof ApiError && error.status === 403 && error.body?.device_id) {
      await renumber(0, true);
      return { sent: 0, more: true, renumbered: true };
    }
    throw error;
  }
  await applyResults(batch, answer.results || []);
  return { sent: batch.length, more };
}
