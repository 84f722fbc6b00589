"""The Atom feed (/guide/feed/) and the sitemap (/sitemap.xml)."""

from datetime import UTC, datetime
from xml.etree import ElementTree

from tests.articles.factories import ArticleFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(content: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(content)  # noqa: S314 - our own server's response


def test_feed_is_atom_with_one_entry_per_published_article(client, article):
    ArticleFactory(slug="second", title="Second", topic=article.topic)
    response = client.get("/guide/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = parse(response.content)
    titles = sorted(e.find(f"{ATOM}title").text for e in root.iter(f"{ATOM}entry"))
    assert titles == ["Second", "The let-down"]


def test_feed_entry_links_to_the_article_page_with_summary_and_dates(client, article):
    root = parse(client.get("/guide/feed/").content)
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/guide/let-down/"
    assert entry.find(f"{ATOM}summary").text == article.summary
    assert entry.find(f"{ATOM}published") is not None
    assert entry.find(f"{ATOM}updated") is not None
    assert entry.find(f"{ATOM}category").get("term") == "The let-down"


def test_feed_lists_the_most_recently_changed_content_first(client, article):
    ArticleFactory(
        slug="older",
        title="Older",
        topic=article.topic,
        modified_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    article.modified_at = datetime(2026, 6, 1, tzinfo=UTC)
    article.save()
    root = parse(client.get("/guide/feed/").content)
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "The let-down"
    assert entry.find(f"{ATOM}updated").text.startswith("2026-06-01")


def test_saving_without_a_content_change_moves_no_feed_or_sitemap_date(client, article):
    article.modified_at = datetime(2026, 6, 1, tzinfo=UTC)
    article.save()
    ArticleFactory(
        slug="newer",
        title="Newer",
        topic=article.topic,
        modified_at=datetime(2026, 7, 1, tzinfo=UTC),
    )
    article.save()  # e.g. load_guidance rewriting the row: updated_at moves, the words did not
    root = parse(client.get("/guide/feed/").content)
    assert root.find(f"{ATOM}entry").find(f"{ATOM}title").text == "Newer"
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<lastmod>2026-06-01</lastmod>" in sitemap


def test_sitemap_lists_guide_topics_and_articles(client, article):
    root = parse(client.get("/sitemap.xml").content)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = {url.find(f"{ns}loc").text for url in root.iter(f"{ns}url")}
    assert locations == {
        "http://testserver/guide/",
        "http://testserver/guide/topic/the-let-down/",
        "http://testserver/guide/let-down/",
    }
