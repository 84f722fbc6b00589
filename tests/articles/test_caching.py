"""ETag, Last-Modified, 304 and Cache-Control on pages, feed, sitemap and API."""

import pytest

from tests.articles.factories import ArticleFactory

PUBLIC_URLS = [
    "/guide/",
    "/guide/topic/the-let-down/",
    "/guide/let-down/",
    "/guide/feed/",
    "/sitemap.xml",
    "/api/v1/articles/",
    "/api/v1/articles/let-down/",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_response_carries_validators_and_asks_to_revalidate(client, article, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_conditional_get_with_matching_etag_answers_304(client, article, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_conditional_get_with_if_modified_since_answers_304(client, article):
    last_modified = client.get("/guide/let-down/")["Last-Modified"]
    response = client.get("/guide/let-down/", headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_304_runs_no_more_than_the_validator_queries(
    client, article, django_assert_max_num_queries
):
    etag = client.get("/guide/")["ETag"]
    with django_assert_max_num_queries(2):
        assert client.get("/guide/", headers={"if-none-match": etag}).status_code == 304


def test_editing_an_article_changes_the_etag(client, article):
    etag = client.get("/guide/let-down/")["ETag"]
    article.title = "The let-down, explained"
    article.save()
    response = client.get("/guide/let-down/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "The let-down, explained" in response.content.decode()


def test_editing_a_related_article_changes_the_page_etag(client, article):
    other = ArticleFactory(title="Signs", topic=article.topic)
    article.related.set([other])
    etag = client.get("/guide/let-down/")["ETag"]
    other.title = "Signs your baby is getting milk"
    other.save()
    assert client.get("/guide/let-down/", headers={"if-none-match": etag}).status_code == 200


def test_deleting_an_older_article_changes_the_etag(client, article):
    older = ArticleFactory(topic=article.topic)
    article.save()  # make `article` the latest change, so only the count can move
    etag = client.get("/api/v1/articles/")["ETag"]
    older.delete()
    assert client.get("/api/v1/articles/", headers={"if-none-match": etag}).status_code == 200


def test_stale_etag_gets_the_full_page(client, article):
    response = client.get("/guide/let-down/", headers={"if-none-match": '"stale"'})
    assert response.status_code == 200


def test_missing_article_is_a_plain_404_without_validators(client, article):
    response = client.get("/guide/nope/")
    assert response.status_code == 404
    assert not response.has_header("ETag")


def test_api_etag_differs_per_query_string(client, article):
    plain = client.get("/api/v1/articles/")["ETag"]
    since = client.get("/api/v1/articles/?updated_since=2026-01-01T00:00:00Z")["ETag"]
    assert plain != since
