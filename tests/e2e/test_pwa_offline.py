"""Offline: the guidance saved after one online visit can be read and searched
with no connection; an unsaved page answers with a kind message; the app shell opens.

`context.set_offline(True)` cuts the service worker's network as well.
"""

from tests.e2e.conftest import save_screenshot, wait_for_guide_saved, wait_for_service_worker


def _visit_online_once(page, live_url, path="/"):
    page.goto(live_url + path)
    wait_for_service_worker(page)
    return wait_for_guide_saved(page)


def test_first_online_visit_saves_every_published_article(page, live_url, guidance):
    from articles.models import Article

    saved = _visit_online_once(page, live_url)
    assert saved == Article.objects.published().count()


def test_article_is_readable_offline_after_one_online_visit(page, live_url, guidance):
    _visit_online_once(page, live_url)
    page.context.set_offline(True)
    page.goto(live_url + "/guide/let-down/")
    assert "let-down" in page.locator("h1").inner_text().lower()
    save_screenshot(page, "guide-article-offline")


def test_guide_index_and_topic_pages_are_readable_offline(page, live_url, guidance):
    from articles.models import Topic

    _visit_online_once(page, live_url)
    topic = Topic.objects.filter(articles__status="published").first()
    page.context.set_offline(True)
    page.goto(live_url + "/guide/")
    assert page.locator("a[href='/guide/let-down/']").count() >= 1
    page.goto(live_url + topic.get_absolute_url())
    assert topic.name in page.locator("h1").inner_text()


def test_offline_article_keeps_its_styles(page, live_url, guidance):
    _visit_online_once(page, live_url)
    page.context.set_offline(True)
    page.goto(live_url + "/guide/signs-baby-is-getting-milk/")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(247, 241, 234)"


def test_search_finds_articles_by_body_text_offline(page, live_url, guidance):
    _visit_online_once(page, live_url)
    page.context.set_offline(True)
    page.goto(live_url + "/search/")
    page.fill("#search-query", "swallowing")
    results = page.locator("#search-results a")
    results.first.wait_for()
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "/guide/signs-baby-is-getting-milk/" in hrefs
    save_screenshot(page, "search-offline")


def test_search_result_opens_the_saved_article_offline(page, live_url, guidance):
    _visit_online_once(page, live_url)
    page.context.set_offline(True)
    page.goto(live_url + "/search/?q=oxytocin")
    page.locator("#search-results a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(live_url + "/guide/")
    assert page.locator("main h1").count() == 1


def test_search_says_kindly_when_nothing_matches(page, live_url, guidance):
    _visit_online_once(page, live_url)
    page.context.set_offline(True)
    page.goto(live_url + "/search/?q=zebracrossing")
    status = page.locator("#search-status")
    status.filter(has_text="Nothing found").wait_for()
    assert page.locator("#search-results li").count() == 0


def test_unsaved_article_shows_a_kind_message_not_a_browser_error(page, live_url):
    page.goto(live_url + "/search/")
    wait_for_service_worker(page)
    page.context.set_offline(True)
    response = page.goto(live_url + "/guide/an-article-published-later/")
    assert response.status == 200
    assert "saved on this phone yet" in page.locator("h1").inner_text()
    assert page.locator("#offline-guide-note").is_visible()
    save_screenshot(page, "offline-not-saved")


def test_unsaved_page_lists_the_guidance_that_is_saved(page, live_url, guidance):
    _visit_online_once(page, live_url)
    page.context.set_offline(True)
    page.goto(live_url + "/guide/an-article-published-later/")
    page.locator("#saved-guidance").wait_for()
    assert page.locator("#saved-list a[href='/guide/let-down/']").count() == 1


def test_app_shell_opens_offline(page, live_url):
    page.goto(live_url + "/search/")
    wait_for_service_worker(page)
    page.context.set_offline(True)
    response = page.goto(live_url + "/")
    assert response.status == 200
    assert page.title()
    assert page.locator("main#main").count() == 1


def test_sign_in_page_offline_shows_the_kind_page(page, live_url):
    page.goto(live_url + "/search/")
    wait_for_service_worker(page)
    page.context.set_offline(True)
    page.goto(live_url + "/accounts/login/")
    assert "saved on this phone yet" in page.locator("h1").inner_text()


def test_search_ranks_a_title_match_first(page, live_url, guidance):
    _visit_online_once(page, live_url)
    page.context.set_offline(True)
    page.goto(live_url + "/search/?q=oxytocin")
    first = page.locator("#search-results a").first
    first.wait_for()
    assert first.get_attribute("href") == "/guide/prolactin-and-oxytocin/"
    assert page.locator("#search-results a").count() >= 2
