// The outbox's seq arithmetic (seqs.js), run by Node's test runner: seqs
// stay consecutive after a 409 and after a forgotten baby's entries leave,
// and entries a push already sent keep theirs (the server may have them).
import assert from "node:assert/strict";
import { test } from "node:test";

import { renumbered, withoutUnsent } from "../../frontend/static/frontend/js/tracker/seqs.js";

const entry = (seq, id, sent = false) => ({ seq, id, op: "upsert", sent, data: { notes: id } });
const seqs = (entries) => entries.map((m) => [m.seq, m.id]);

test("renumbered gives consecutive seqs from the first and the next seq after them", () => {
  const { entries, next } = renumbered([entry(4, "a"), entry(9, "b"), entry(10, "c")], 7);
  assert.deepEqual(seqs(entries), [
    [7, "a"],
    [8, "b"],
    [9, "c"],
  ]);
  assert.equal(next, 10);
});

test("renumbered keeps everything but the seq and leaves its input alone", () => {
  const input = [entry(3, "a", true)];
  const { entries } = renumbered(input, 1);
  assert.deepEqual(entries[0], { ...input[0], seq: 1 });
  assert.equal(input[0].seq, 3);
});

test("renumbered of nothing continues at the first seq", () => {
  assert.deepEqual(renumbered([], 5), { entries: [], next: 5 });
});

test("dropping unsent entries keeps sent seqs and closes the gaps after them", () => {
  const all = [
    entry(1, "sent", true),
    entry(2, "mia"),
    entry(3, "ada"),
    entry(4, "mia2"),
    entry(5, "ada2"),
  ];
  const plan = withoutUnsent(all, new Set([2, 4]));
  assert.deepEqual(seqs(plan.entries), [
    [2, "ada"],
    [3, "ada2"],
  ]);
  assert.equal(plan.next, 4);
  // Every unsent entry is rewritten; the sent one is never touched.
  assert.deepEqual(
    plan.remove.map((m) => m.seq),
    [2, 3, 4, 5],
  );
});

test("without sent entries the outbox starts where it started", () => {
  const plan = withoutUnsent([entry(6, "mia"), entry(7, "ada")], new Set([6]));
  assert.deepEqual(seqs(plan.entries), [[6, "ada"]]);
  assert.equal(plan.next, 7);
});

test("dropping every entry leaves the next seq at the first dropped one", () => {
  const plan = withoutUnsent([entry(1, "sent", true), entry(2, "mia")], new Set([2]));
  assert.deepEqual(plan.entries, []);
  assert.equal(plan.next, 2);
});

test("a sent entry is never dropped, and nothing to drop means no change", () => {
  const all = [entry(1, "sent", true), entry(2, "ada")];
  assert.equal(withoutUnsent(all, new Set([1])), null);
  assert.equal(withoutUnsent(all, new Set([9])), null);
  assert.equal(withoutUnsent([], new Set([1])), null);
});
