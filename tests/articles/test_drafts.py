"""Drafts are invisible to the public everywhere: pages, API, feed, sitemap."""


def test_draft_page_answers_404(client, draft):
    assert client.get("/guide/secret-draft/").status_code == 404


def test_draft_is_not_on_the_index_or_topic_page(client, article, draft):
    for url in ("/guide/", "/guide/topic/the-let-down/"):
        page = client.get(url).content.decode()
        assert "secret-draft" not in page
        assert draft.title not in page


def test_draft_is_not_in_the_api_list(client, article, draft):
    slugs = [item["slug"] for item in client.get("/api/v1/articles/").json()]
    assert slugs == ["let-down"]


def test_draft_api_detail_answers_404(client, draft):
    assert client.get("/api/v1/articles/secret-draft/").status_code == 404


def test_draft_is_not_in_the_feed(client, article, draft):
    feed = client.get("/guide/feed/").content.decode()
    assert "secret-draft" not in feed
    assert draft.title not in feed


def test_draft_is_not_in_the_sitemap(client, article, draft):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/guide/let-down/" in sitemap
    assert "secret-draft" not in sitemap


def test_unpublishing_removes_an_article_everywhere(client, article):
    article.status = article.Status.DRAFT
    article.save()
    assert client.get("/guide/let-down/").status_code == 404
    assert client.get("/api/v1/articles/").json() == []
    assert "/guide/let-down/" not in client.get("/sitemap.xml").content.decode()
