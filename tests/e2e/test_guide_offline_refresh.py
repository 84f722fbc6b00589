"""Keeping saved guidance current: later online starts ask only for what changed
(`?updated_since=`), and edited articles reach the phone."""

from tests.e2e.conftest import wait_for_guide_saved, wait_for_service_worker

SAVED_SLUGS = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open("letdown-guide");
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const request = open.result.transaction("articles").objectStore("articles").getAllKeys();
    request.onsuccess = () => resolve(request.result);
  };
})"""


def _online_start(page, live_url):
    page.goto(live_url + "/search/")
    wait_for_service_worker(page)
    return wait_for_guide_saved(page)


def test_second_online_start_asks_only_for_changes(page, live_url, guidance):
    _online_start(page, live_url)
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/api/v1/articles/?" in r.url else None)
    page.reload()
    wait_for_guide_saved(page)
    assert asked
    assert all("updated_since=" in url for url in asked)


def test_edited_article_is_found_by_offline_search_after_next_start(page, live_url, guidance):
    from articles.models import Article

    _online_start(page, live_url)
    article = Article.objects.get(slug="let-down")
    article.body += "\n\nA note about kangaroo care and skin to skin."
    article.save()
    page.reload()
    wait_for_guide_saved(page)
    page.context.set_offline(True)
    page.goto(live_url + "/search/?q=kangaroo")
    page.locator("#search-results a").first.wait_for()
    assert page.locator("#search-results a").first.get_attribute("href") == "/guide/let-down/"


def test_first_start_saves_each_article_for_search(page, live_url, guidance):
    from articles.models import Article

    _online_start(page, live_url)
    saved = page.evaluate(SAVED_SLUGS)
    assert sorted(saved) == sorted(Article.objects.published().values_list("slug", flat=True))


def test_search_says_when_no_guidance_is_published(page, live_url):
    assert _online_start(page, live_url) == 0
    status = page.locator("#search-status")
    status.filter(has_text="No guidance has been published yet").wait_for()


def test_a_newly_published_article_is_on_the_guide_list_at_the_first_visit(
    page, live_url, guidance
):
    from articles.models import Article

    page.goto(live_url + "/guide/")
    wait_for_service_worker(page)
    wait_for_guide_saved(page)  # /guide/ is now saved on the phone
    Article.objects.filter(slug="let-down-while-pumping").update(status="draft")
    Article.objects.create(
        slug="evening-feeds-for-partners",
        title="Evening feeds: what a partner can do",
        summary="Some evenings a baby feeds again and again.",
        body="Many babies feed often for a few hours.",
        topic=Article.objects.get(slug="let-down").topic,
        status="published",
    )
    page.goto(live_url + "/guide/")
    titles = page.locator(".guide-list-title")
    assert "Evening feeds: what a partner can do" in titles.all_inner_texts()
    assert "The let-down while pumping" not in titles.all_inner_texts()

    page.context.set_offline(True)  # and the fresh list is what the phone keeps
    page.goto(live_url + "/guide/")
    assert (
        "Evening feeds: what a partner can do"
        in page.locator(".guide-list-title").all_inner_texts()
    )
