/**
 * Keeping the outbox's seqs without gaps (docs/sync.md: the server takes a
 * device's seqs in order, one after another): after a 409 or a new device
 * id (push.js), and once a forgotten baby's entries leave (forget.js).
 */

import { req, setMeta } from "./db.js";

/**
 * `mutations` (outbox entries, in order) with consecutive seqs from `first`,
 * and the device's next seq after them: seqs must stay without gaps after a
 * 409, or once some entries were dropped.
 */
export function renumbered(mutations, first) {
  return {
    entries: mutations.map((mutation, index) => ({ ...mutation, seq: first + index })),
    next: first + mutations.length,
  };
}

/**
 * The outbox `all` (in seq order) once the unsent entries `drop` (seqs) are
 * gone, or null when none of them is queued. Sent entries (a push whose
 * answer was lost; always the oldest) keep their seqs, since the server may
 * have them; the unsent rest follows them without a gap.
 */
export function withoutUnsent(all, drop) {
  const gone = all.filter((mutation) => !mutation.sent && drop.has(mutation.seq));
  if (!gone.length) return null;
  const sent = all.filter((mutation) => mutation.sent);
  const first = sent.length ? sent[sent.length - 1].seq + 1 : all[0].seq;
  const rest = all.filter((mutation) => !mutation.sent && !drop.has(mutation.seq));
  return { remove: all.filter((mutation) => !mutation.sent), ...renumbered(rest, first) };
}

/** Write `plan` ({remove, entries, next}) to the outbox, inside a readwrite tx on outbox and meta. */
async function rewrite(tx, { remove, entries, next }) {
  const outbox = tx.objectStore("outbox");
  for (const mutation of remove) await req(outbox.delete(mutation.seq));
  for (const mutation of entries) await req(outbox.put(mutation));
  await setMeta(tx, "next_seq", next);
}

/** Renumber `mutations` from `first` in place (see `renumbered`); inside a readwrite tx on outbox and meta. */
export function renumberFrom(tx, mutations, first) {
  return rewrite(tx, { remove: mutations, ...renumbered(mutations, first) });
}

/** Drop the unsent outbox entries `drop` (seqs), keeping seqs gapless (see `withoutUnsent`). */
export async function dropUnsent(tx, drop) {
  const plan = withoutUnsent(await req(tx.objectStore("outbox").getAll()), drop);
  if (plan) await rewrite(tx, plan);
}
