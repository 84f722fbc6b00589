"""Phones that ran the app before the shared IndexedDB module (idb.js) keep
their data: both databases are made here exactly as the earlier code made
them (version 1, its own upgrade function, copied verbatim below), with a
feed waiting in the outbox and an article saved for offline search. The new
app then opens them, sends the feed, and finds the article."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_tracker_helpers import family, local_counts, read_db, sign_in, wait_until
from tracker.models import Feed

pytestmark = pytest.mark.django_db(transaction=True)

# tracker/db.js and guide-store.js as released before idb.js (DB_VERSION = 1).
OLD_DATABASES = """async ({ user, baby }) => {
  const done = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tracker = indexedDB.open("letdown", 1);
  tracker.onupgradeneeded = () => {
    const db = tracker.result;
    const feeds = db.createObjectStore("feeds", { keyPath: "id" });
    feeds.createIndex("by_started", "started_at");
    db.createObjectStore("babies", { keyPath: "id" });
    const outbox = db.createObjectStore("outbox", { keyPath: "seq" });
    outbox.createIndex("by_feed", "id");
    db.createObjectStore("attention", { keyPath: "key", autoIncrement: true });
    db.createObjectStore("meta");
  };
  const guide = indexedDB.open("letdown-guide", 1);
  guide.onupgradeneeded = () => {
    const db = guide.result;
    if (!db.objectStoreNames.contains("articles"))
      db.createObjectStore("articles", { keyPath: "slug" });
    if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta");
  };
  const [tdb, gdb] = await Promise.all([done(tracker), done(guide)]);

  const started = new Date(Date.now() - 3600 * 1000).toISOString();
  const feed = {
    id: crypto.randomUUID(), baby: baby.id, kind: "bottle", started_at: started,
    ended_at: null, segments: [], letdown_count: 0, letdowns: [], signs: [],
    left_ml: null, right_ml: null, amount_ml: 90, milk_type: "formula",
    notes: "logged before the update", version: null,
  };
  const { version: _version, id: _id, ...data } = feed;
  const tx = tdb.transaction(["feeds", "babies", "outbox", "meta"], "readwrite");
  tx.objectStore("feeds").put(feed);
  tx.objectStore("babies").put(baby);
  tx.objectStore("outbox").put({
    seq: 1, op: "upsert", entity: "feed", id: feed.id, base_version: null, data, sent: false,
  });
  const meta = tx.objectStore("meta");
  meta.put(user, "user");
  meta.put(crypto.randomUUID(), "device_id");
  meta.put(2, "next_seq");
  meta.put(baby.id, "baby_id");
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = reject; });

  const gtx = gdb.transaction(["articles", "meta"], "readwrite");
  gtx.objectStore("articles").put({
    slug: "kept-offline", title: "Kept offline", summary: "Saved by the old app.",
    topic: "", updated_at: "2026-01-01T00:00:00Z", url: "/guide/kept-offline/",
    text: "A saved article about the zebrafinch latch.",
  });
  // Refreshed just now, up to a far watermark: the next start asks for nothing new.
  const refreshed = { refreshedAt: new Date().toISOString(), fullAt: Date.now() };
  gtx.objectStore("meta").put({ watermark: "2999-01-01T00:00:00Z", ...refreshed }, "refresh");
  await new Promise((resolve, reject) => { gtx.oncomplete = resolve; gtx.onerror = reject; });
  tdb.close();
  gdb.close();
  return feed.id;
}"""

VERSIONS = """async () => Object.fromEntries(
  (await indexedDB.databases()).map((db) => [db.name, db.version]))"""


def test_a_phone_with_the_old_databases_keeps_its_outbox_and_its_saved_guide(page, live_url):
    owner, baby = family()
    page.goto(f"{live_url}/offline-check-does-not-exist/")  # the origin, without the app's code
    feed_id = page.evaluate(
        OLD_DATABASES,
        {
            "user": {"id": owner.pk, "username": owner.username},
            "baby": {"id": str(baby.pk), "name": baby.name, "role": "owner", "birth_date": None},
        },
    )
    assert page.evaluate(VERSIONS) == {"letdown": 1, "letdown-guide": 1}

    # The new app opens them first signed out (the session is gone), then signs in.
    sign_in(page, live_url, owner)

    wait_until(page, lambda: Feed.objects.filter(pk=feed_id).exists())
    feed = read_db(page, lambda: Feed.objects.get(pk=feed_id))
    assert (feed.baby_id, feed.amount_ml, feed.notes) == (baby.pk, 90, "logged before the update")
    assert local_counts(page) == {"feeds": 1, "babies": 1, "outbox": 0, "attention": 0}
    page.goto(f"{live_url}/#/feed/{feed_id}")
    expect(page.get_by_label("Notes (optional)")).to_have_value("logged before the update")

    page.goto(f"{live_url}/search/?q=zebrafinch")
    expect(page.locator("#search-results a").first).to_have_attribute(
        "href", "/guide/kept-offline/"
    )
    assert page.evaluate(VERSIONS) == {"letdown": 1, "letdown-guide": 1}
