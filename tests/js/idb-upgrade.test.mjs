// Upgrading the phone's databases step by step (idb.js): every step from the
// phone's version to the app's, in order, on the real schema steps of both
// databases (the IndexedDB side runs in the browser: tests/e2e).
import assert from "node:assert/strict";
import { test } from "node:test";

import { STEPS as GUIDE } from "../../frontend/static/frontend/js/guide-store.js";
import { upgrade, upgradePath } from "../../frontend/static/frontend/js/idb.js";
import { STEPS as TRACKER } from "../../frontend/static/frontend/js/tracker/db.js";

test("the path runs from the old version up to the newest, one step each", () => {
  const steps = [() => {}, () => {}, () => {}];
  assert.deepEqual(upgradePath(steps, 0), [0, 1, 2]);
  assert.deepEqual(upgradePath(steps, 1), [1, 2]);
  assert.deepEqual(upgradePath(steps, 3), []);
});

test("a version the app does not know is refused, not guessed", () => {
  const steps = [() => {}];
  assert.throws(() => upgradePath(steps, 2), RangeError);
  assert.throws(() => upgradePath(steps, -1), RangeError);
  assert.throws(() => upgradePath(steps, 0.5), RangeError);
});

test("upgrade runs the steps in order with the database and its upgrade transaction", () => {
  const ran = [];
  const steps = [0, 1, 2].map((n) => (db, tx) => ran.push([n, db, tx]));
  upgrade(steps, "db", "tx", 1);
  assert.deepEqual(ran, [
    [1, "db", "tx"],
    [2, "db", "tx"],
  ]);
});

/** A stand-in for IDBDatabase that records the stores and indexes a step makes. */
function recorder() {
  const made = {};
  const db = {
    createObjectStore(name, options) {
      made[name] = { options: options ?? null, indexes: {} };
      return { createIndex: (index, keyPath) => (made[name].indexes[index] = keyPath) };
    },
  };
  return { db, made };
}

test("a new phone gets the tracker's stores exactly as the first release made them", () => {
  const { db, made } = recorder();
  upgrade(TRACKER, db, null, 0);
  assert.deepEqual(made, {
    feeds: { options: { keyPath: "id" }, indexes: { by_started: "started_at" } },
    babies: { options: { keyPath: "id" }, indexes: {} },
    outbox: { options: { keyPath: "seq" }, indexes: { by_feed: "id" } },
    attention: { options: { keyPath: "key", autoIncrement: true }, indexes: {} },
    meta: { options: null, indexes: {} },
  });
});

test("a new phone gets the guide's stores; a phone on the newest version is left alone", () => {
  const { db, made } = recorder();
  upgrade(GUIDE, db, null, 0);
  assert.deepEqual(made, {
    articles: { options: { keyPath: "slug" }, indexes: {} },
    meta: { options: null, indexes: {} },
  });
  const current = recorder();
  upgrade(GUIDE, current.db, null, GUIDE.length);
  upgrade(TRACKER, current.db, null, TRACKER.length);
  assert.deepEqual(current.made, {});
});
