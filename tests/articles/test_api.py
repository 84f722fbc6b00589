"""The public articles API: /api/v1/articles/ and /api/v1/articles/<slug>/."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Topic
from tests.articles.factories import ArticleFactory, TopicFactory

LIST_FIELDS = {
    "slug", "title", "summary", "topic", "url", "published_at", "modified_at", "updated_at",
    "reviewed_at",
}  # fmt: skip


def test_list_is_public_and_carries_the_contract_fields(api_client, article):
    response = api_client.get("/api/v1/articles/")
    assert response.status_code == 200
    [item] = response.json()
    assert set(item) == LIST_FIELDS
    assert item["slug"] == "let-down"
    assert item["url"] == "/guide/let-down/"
    assert item["topic"] == {"slug": "the-let-down", "name": "The let-down"}


def test_list_timestamps_carry_an_offset(api_client, article):
    [item] = api_client.get("/api/v1/articles/").json()
    assert item["updated_at"].endswith(("Z", "+00:00"))


def test_detail_adds_sanitised_body_and_references(api_client, article):
    data = api_client.get("/api/v1/articles/let-down/").json()
    assert data["body_html"] == "<p>Some <strong>guidance</strong> in Markdown.</p>"
    assert [r["title"] for r in data["references"]] == [
        "Breastfeeding and Human Lactation",
        "The Breastfeeding Answer Book",
    ]
    assert data["references"][0] == {
        "authors": "Jan Riordan and Karen Wambach",
        "title": "Breastfeeding and Human Lactation",
        "edition": "4th edition",
        "publisher": "Jones and Bartlett",
        "year": 2010,
        "url": "",
        "citation": "Jan Riordan and Karen Wambach. Breastfeeding and Human Lactation, "
        "4th edition. Jones and Bartlett, 2010.",
    }


def test_detail_body_html_has_no_script(api_client, db):
    ArticleFactory(slug="x", body="<script>alert(1)</script><img src=x onerror=alert(1)>")
    body = api_client.get("/api/v1/articles/x/").json()["body_html"]
    assert "script" not in body
    assert "onerror" not in body


def test_list_is_readable_with_a_session_but_no_csrf(client, user, article):
    client.force_login(user)
    assert client.get("/api/v1/articles/").status_code == 200


def test_updated_since_returns_only_newer_articles(api_client, topic):
    old = ArticleFactory(slug="old", topic=topic)
    three_days_ago = timezone.now() - timedelta(days=3)
    Article.objects.filter(pk=old.pk).update(updated_at=three_days_ago)
    Topic.objects.filter(pk=topic.pk).update(updated_at=three_days_ago)
    ArticleFactory(slug="new", topic=topic)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    response = api_client.get("/api/v1/articles/", {"updated_since": since})
    assert [item["slug"] for item in response.json()] == ["new"]


def test_updated_since_includes_articles_whose_topic_was_renamed(api_client, article):
    past = timezone.now() - timedelta(days=3)
    Article.objects.filter(pk=article.pk).update(updated_at=past)
    since = timezone.now() - timedelta(seconds=1)
    article.topic.name = "Let-down basics"
    article.topic.save()
    response = api_client.get("/api/v1/articles/", {"updated_since": since.isoformat()})
    assert [item["topic"]["name"] for item in response.json()] == ["Let-down basics"]


def test_updated_since_includes_an_article_saved_at_that_instant(api_client, article):
    response = api_client.get(
        "/api/v1/articles/", {"updated_since": article.updated_at.isoformat()}
    )
    assert [item["slug"] for item in response.json()] == ["let-down"]


def test_updated_since_tolerates_an_unencoded_plus_offset(api_client, article):
    since = (article.updated_at - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    response = api_client.get(f"/api/v1/articles/?updated_since={since}")
    assert response.status_code == 200
    assert len(response.json()) == 1


def test_invalid_updated_since_is_a_400_naming_the_field(api_client, article):
    response = api_client.get("/api/v1/articles/", {"updated_since": "last tuesday"})
    assert response.status_code == 400
    assert "updated_since" in response.json()


def test_updated_since_without_offset_is_a_400(api_client, article):
    response = api_client.get("/api/v1/articles/", {"updated_since": "2026-01-01T00:00:00"})
    assert response.status_code == 400
    assert "updated_since" in response.json()


def test_unknown_slug_answers_404(api_client, db):
    assert api_client.get("/api/v1/articles/nope/").status_code == 404


def test_writes_are_not_allowed(api_client, article):
    assert api_client.post("/api/v1/articles/", {"slug": "x"}).status_code == 405
    assert api_client.delete("/api/v1/articles/let-down/").status_code == 405
    assert Article.objects.count() == 1


def test_list_query_count_does_not_grow_with_library(
    api_client, django_assert_max_num_queries, db
):
    for _ in range(3):
        ArticleFactory.create_batch(5, topic=TopicFactory())
    with django_assert_max_num_queries(3):
        response = api_client.get("/api/v1/articles/")
    assert len(response.json()) == 15


def test_detail_query_budget(api_client, article, django_assert_max_num_queries):
    article.related.set(ArticleFactory.create_batch(3, topic=article.topic))
    with django_assert_max_num_queries(5):
        response = api_client.get("/api/v1/articles/let-down/")
    assert len(response.json()["related"]) == 3
