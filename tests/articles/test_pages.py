"""The guide's pages: /guide/, /guide/topic/<slug>/, /guide/<slug>/."""

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders

from tests.articles.factories import ArticleFactory, TopicFactory


def json_ld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_index_lists_topics_and_published_articles(client, article):
    page = client.get("/guide/").content.decode()
    assert "The let-down" in page
    assert 'href="/guide/let-down/"' in page
    assert 'href="/guide/topic/the-let-down/"' in page


def test_article_page_shows_title_summary_body_and_references(client, article):
    page = client.get("/guide/let-down/").content.decode()
    assert "<h1>The let-down</h1>" in page
    assert article.summary in page
    assert "<strong>guidance</strong>" in page
    assert "<cite>Breastfeeding and Human Lactation</cite>" in page
    assert "<cite>The Breastfeeding Answer Book</cite>" in page


def test_article_page_shows_review_and_update_dates(client, article):
    page = client.get("/guide/let-down/").content.decode()
    assert f'Reviewed <time datetime="{article.reviewed_at:%Y-%m-%d}">' in page
    assert "by A. Reviewer, IBCLC" in page
    assert "Updated <time" in page


def test_article_page_has_when_to_get_help_note(client, article):
    page = client.get("/guide/let-down/").content.decode()
    assert "When to get help" in page
    assert "lactation consultant (IBCLC)" in page


def test_article_page_lists_only_published_related_articles(client, article, draft):
    shown = ArticleFactory(title="Signs of milk transfer", topic=article.topic)
    article.related.set([shown, draft])
    page = client.get("/guide/let-down/").content.decode()
    assert "Signs of milk transfer" in page
    assert draft.title not in page


def test_article_json_ld_is_a_medical_web_page_with_review_and_citations(client, article):
    data = json_ld(client.get("/guide/let-down/").content.decode())
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == article.reviewed_at.date().isoformat()
    assert data["reviewedBy"] == {"@type": "Person", "name": "A. Reviewer", "jobTitle": "IBCLC"}
    assert [c["name"] for c in data["citation"]] == [
        "Breastfeeding and Human Lactation",
        "The Breastfeeding Answer Book",
    ]
    assert data["url"] == "http://testserver/guide/let-down/"


def test_json_ld_cannot_be_closed_by_article_text(client, db):
    ArticleFactory(slug="tricky", title="</script><script>alert(1)</script>")
    page = client.get("/guide/tricky/").content.decode()
    assert page.count("<script>alert(1)") == 0
    assert json_ld(page)["name"] == "</script><script>alert(1)</script>"


def test_footer_carries_attribution_with_canonical_link(client, article):
    page = client.get("/guide/let-down/").content.decode()
    footer = page.split('<footer class="site-footer">', 1)[1]
    assert "Guidance from Letdown" in footer
    assert 'href="http://testserver/guide/let-down/"' in footer
    assert '<link rel="canonical" href="http://testserver/guide/let-down/">' in page


def test_every_guide_page_links_the_atom_feed(client, article):
    for url in ("/guide/", "/guide/topic/the-let-down/", "/guide/let-down/"):
        page = client.get(url).content.decode()
        assert 'type="application/atom+xml"' in page, url
        assert 'href="/guide/feed/"' in page, url


def test_pages_load_no_third_party_resources(client, article):
    page = client.get("/guide/let-down/").content.decode()
    sources = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
    assert all(s.startswith("http://testserver/") for s in sources)


def test_pages_have_no_inline_styles_or_handlers(client, article):
    page = client.get("/guide/let-down/").content.decode()
    assert "style=" not in page
    assert not re.search(r"\son[a-z]+=", page)


def test_topic_page_lists_its_articles(client, article):
    page = client.get("/guide/topic/the-let-down/").content.decode()
    assert "<h1>The let-down</h1>" in page
    assert 'href="/guide/let-down/"' in page


def test_unknown_article_answers_404(client, db):
    assert client.get("/guide/no-such-article/").status_code == 404


def test_topic_without_published_articles_answers_404(client, draft):
    TopicFactory(slug="empty")
    assert client.get("/guide/topic/empty/").status_code == 404
    assert client.get("/guide/topic/the-let-down/").status_code == 404


def test_index_query_count_does_not_grow_with_library(client, django_assert_max_num_queries, db):
    for _ in range(3):
        topic = TopicFactory()
        ArticleFactory.create_batch(4, topic=topic)
    with django_assert_max_num_queries(4):
        response = client.get("/guide/")
    assert response.status_code == 200
    assert response.content.decode().count('class="guide-list-title"') == 12


def test_article_page_query_budget(client, article, django_assert_max_num_queries):
    article.related.set(ArticleFactory.create_batch(3, topic=article.topic))
    with django_assert_max_num_queries(5):
        assert client.get("/guide/let-down/").status_code == 200


def test_guide_stylesheet_with_print_rules_is_linked(client, article):
    page = client.get("/guide/let-down/").content.decode()
    assert re.search(r'href="/static/articles/css/guide\.[0-9a-f]+\.css"', page)
    assert "@media print" in Path(finders.find("articles/css/guide.css")).read_text()
