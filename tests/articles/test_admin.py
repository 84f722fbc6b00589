"""The editors' admin: list filters and search, inline references, rendered preview."""

import pytest

from articles.models import Article
from tests.articles.factories import TopicFactory
from tests.factories import UserFactory


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_changelist_filters_by_status(editor_client, article, draft):
    page = editor_client.get("/admin/articles/article/?status__exact=draft").content.decode()
    assert f"/admin/articles/article/{draft.pk}/change/" in page
    assert f"/admin/articles/article/{article.pk}/change/" not in page


def test_changelist_searches_the_body(editor_client, article, draft):
    draft.body = "All about colostrum."
    draft.save()
    page = editor_client.get("/admin/articles/article/?q=colostrum").content.decode()
    assert f"/admin/articles/article/{draft.pk}/change/" in page
    assert f"/admin/articles/article/{article.pk}/change/" not in page


def test_change_form_shows_the_rendered_preview(editor_client, article):
    page = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "<p>Some <strong>guidance</strong> in Markdown.</p>" in page
    assert f"/admin/articles/article/{article.pk}/preview/" in page


def test_full_page_preview_shows_a_draft_to_editors_only(editor_client, draft):
    url = f"/admin/articles/article/{draft.pk}/preview/"
    response = editor_client.get(url)
    assert response.status_code == 200
    assert draft.title in response.content.decode()
    assert "noindex" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    editor_client.logout()
    assert editor_client.get(url).status_code == 302  # to the admin login


def test_editor_adds_an_article_with_inline_references(editor_client, db):
    topic = TopicFactory()
    response = editor_client.post(
        "/admin/articles/article/add/",
        {
            "title": "Cluster feeding",
            "slug": "cluster-feeding",
            "topic": topic.pk,
            "ordering": 0,
            "status": "draft",
            "summary": "Babies sometimes feed often for a few hours.",
            "body": "Evenings can be **busy**. <script>x()</script>",
            "reviewed_by_name": "",
            "reviewed_by_credential": "",
            "references-TOTAL_FORMS": 1,
            "references-INITIAL_FORMS": 0,
            "references-0-position": 0,
            "references-0-authors": "Jan Riordan and Karen Wambach",
            "references-0-title": "Breastfeeding and Human Lactation",
            "references-0-edition": "4th edition",
            "references-0-publisher": "Jones and Bartlett",
            "references-0-year": 2010,
            "references-0-url": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="cluster-feeding")
    assert article.body_html == "<p>Evenings can be <strong>busy</strong>. </p>"
    assert article.references.get().title == "Breastfeeding and Human Lactation"


def test_publish_action_makes_a_draft_public(editor_client, client, draft):
    editor_client.post(
        "/admin/articles/article/",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert draft.published_at is not None
    assert client.get("/guide/secret-draft/").status_code == 200
