"""The service worker's own duties: Background Sync asks the pages to sync, the
API is never cached, and pages get the offline fallback only when offline."""

from tests.e2e.conftest import wait_for_guide_saved, wait_for_service_worker

LISTEN_FOR_SYNC = """() => {
  window.__syncMessages = [];
  navigator.serviceWorker.addEventListener("message", (event) => {
    window.__syncMessages.push(event.data);
  });
}"""

CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
  }
  return urls;
}"""


def test_background_sync_asks_open_pages_to_sync(page, live_url):
    page.goto(live_url + "/search/")
    wait_for_service_worker(page)
    page.evaluate(LISTEN_FOR_SYNC)
    cdp = page.context.new_cdp_session(page)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    page.wait_for_timeout(300)
    registration_id = registrations[0]["registrationId"]
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": live_url,
            "registrationId": registration_id,
            "tag": "outbox",
            "lastChance": False,
        },
    )
    page.wait_for_timeout(500)
    messages = page.evaluate("() => window.__syncMessages")
    assert {"type": "sync-requested", "tag": "outbox"} in messages


def test_worker_never_stores_api_responses(page, live_url, guidance):
    page.goto(live_url + "/")
    wait_for_service_worker(page)
    wait_for_guide_saved(page)
    cached = page.evaluate(CACHED_URLS)
    assert "/guide/let-down/" in cached
    assert not [url for url in cached if url.startswith("/api/")]


def test_api_is_not_answered_from_cache_offline(page, live_url, guidance):
    page.goto(live_url + "/")
    wait_for_service_worker(page)
    wait_for_guide_saved(page)
    page.context.set_offline(True)
    failed = page.evaluate("() => fetch('/api/v1/articles/').then(() => false, () => true)")
    assert failed


def test_a_revised_guide_page_is_shown_at_once_and_kept_for_offline(page, live_url, guidance):
    """Online, a saved guide page is still asked of the server first (a correction
    shows at the first visit); offline the phone shows the copy it kept."""
    from articles.models import Article

    page.goto(live_url + "/")
    wait_for_service_worker(page)
    wait_for_guide_saved(page)
    article = Article.objects.get(slug="let-down")
    article.title = "The let-down, revised"
    article.save()
    page.goto(live_url + "/guide/let-down/")
    assert "revised" in page.locator("h1").inner_text()
    page.context.set_offline(True)
    page.reload()
    assert "revised" in page.locator("h1").inner_text()
