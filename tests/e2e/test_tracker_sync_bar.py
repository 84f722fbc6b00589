"""The sync bar never says "Synced" for an entry that is still only on this phone.

A save resolves once the bar counts the new entry: the screen that follows
(and a parent glancing at it) sees "1 waiting to sync", not a stale "Synced".
"""

import pytest
from django.templatetags.static import static

from tests.e2e.test_tracker_helpers import family, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_saved_entry_is_counted_by_the_sync_bar_when_the_save_resolves(page, live_url):
    owner, _ = family()
    sign_in(page, live_url, owner)
    # The push never answers, so nothing but the save itself can change the count.
    page.route("**/api/v1/sync/**", lambda route: None)
    shown = page.evaluate(
        """async ([storeUrl, feedUrl]) => {
            const { currentBaby, saveFeed } = await import(storeUrl);
            const { newFeed } = await import(feedUrl);
            const feed = newFeed((await currentBaby()).id, "bottle");
            feed.ended_at = feed.started_at;
            feed.amount_ml = "60";
            await saveFeed(feed);
            const bar = document.getElementById("sync-bar");
            return { pending: bar.dataset.pending, state: bar.dataset.state };
        }""",
        # The very modules the app runs: its imports are rewritten to the hashed names.
        [static(f"frontend/js/tracker/{name}.js") for name in ("store", "feed")],
    )
    assert shown == {"pending": "1", "state": "pending"}
