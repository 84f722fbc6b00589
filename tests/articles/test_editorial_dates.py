"""What an article's page says about its dates, and how editors and the loader set them.

"Updated" (and JSON-LD `dateModified`) is when the words last changed: the
shipped file's own date, or an editor's last content edit. It is never the
moment `load_guidance` copied the content into the database.
"""

from contextlib import contextmanager
from datetime import UTC, datetime
from unittest import mock

import pytest

from articles.loading import Outcome, load_library
from articles.models import Article
from tests.articles.factories import ArticleFactory, TopicFactory
from tests.articles.test_pages import json_ld
from tests.factories import UserFactory

LOAD_DAY = datetime(2031, 3, 9, 12, 0, 46, 883596, tzinfo=UTC)


@contextmanager
def clock_at(instant: datetime):
    """Django's clock (timezone.now, which auto_now and the admin read) stopped at `instant`."""
    with mock.patch("django.utils.timezone.now", return_value=instant):
        yield


@pytest.fixture
def editor_client(client, db):
    # Signed in on the test's clock, so the session is still fresh at LOAD_DAY.
    with clock_at(LOAD_DAY):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def change_form(article: Article, **changes) -> dict:
    """The admin change form for `article` as a browser would post it, with `changes`."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "topic": article.topic_id,
        "ordering": article.ordering,
        "status": article.status,
        "summary": article.summary,
        "body": article.body,
        "published_at_0": f"{article.published_at:%Y-%m-%d}" if article.published_at else "",
        "published_at_1": f"{article.published_at:%H:%M:%S}" if article.published_at else "",
        "reviewed_at_0": "",
        "reviewed_at_1": "",
        "next_review_at_0": "",
        "next_review_at_1": "",
        "reviewed_by_name": "",
        "reviewed_by_credential": "",
        "references-TOTAL_FORMS": 0,
        "references-INITIAL_FORMS": 0,
    }
    refs = list(article.references.all())
    data["references-TOTAL_FORMS"] = data["references-INITIAL_FORMS"] = len(refs)
    for i, ref in enumerate(refs):
        for name in ("position", "authors", "title", "edition", "publisher", "url"):
            data[f"references-{i}-{name}"] = getattr(ref, name)
        data[f"references-{i}-year"] = ref.year or ""
        data[f"references-{i}-id"] = ref.pk
        data[f"references-{i}-article"] = article.pk
    return {**data, **changes}


def test_publishing_from_the_change_form_with_no_date_sets_it(editor_client, db):
    draft = ArticleFactory(draft=True, reviewed_at=None, reviewed_by_name="")
    with clock_at(LOAD_DAY):
        response = editor_client.post(
            f"/admin/articles/article/{draft.pk}/change/", change_form(draft, status="published")
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert draft.published_at == LOAD_DAY


def test_loading_the_library_dates_articles_by_their_files_not_the_load(client, db):
    with clock_at(LOAD_DAY):
        load_library()
    article = Article.objects.get(slug="let-down")
    assert article.updated_at == LOAD_DAY  # the load itself
    assert article.modified_at is not None
    assert article.modified_at < LOAD_DAY
    page = client.get("/guide/let-down/").content.decode()
    shown = article.modified_at.strftime("%Y-%m-%d")
    assert f'Updated <time datetime="{shown}">' in page
    assert "9 March 2031" not in page
    assert json_ld(page)["dateModified"] == article.modified_at.isoformat()
    assert f'Next review due <time datetime="{article.next_review_at:%Y-%m-%d}">' in page


def test_a_file_without_modified_at_is_dated_by_its_publication(tmp_path, db):
    from articles.content_files import read_library

    (tmp_path / "topics.toml").write_text('[[topics]]\nslug = "t"\nname = "T"\n')
    (tmp_path / "a.md").write_text(
        '+++\ntitle = "A"\nsummary = "S"\ntopic = "t"\nstatus = "published"\n'
        "published_at = 2026-01-02T03:04:05Z\n+++\nBody.\n"
    )
    assert read_library(tmp_path).articles["a"]["modified_at"] == "2026-01-02T03:04:05+00:00"


def test_an_editors_content_edit_moves_updated_but_a_review_does_not(editor_client, db):
    article = ArticleFactory(
        reviewed_at=None,
        reviewed_by_name="",
        published_at=datetime(2026, 1, 5, tzinfo=UTC),
        modified_at=datetime(2026, 2, 1, tzinfo=UTC),
    )
    url = f"/admin/articles/article/{article.pk}/change/"
    with clock_at(LOAD_DAY):
        response = editor_client.post(url, change_form(article, ordering=7))
        assert response.status_code == 302, response.content.decode()[:3000]
        article.refresh_from_db()
        assert article.modified_at == datetime(2026, 2, 1, tzinfo=UTC)
        response = editor_client.post(url, change_form(article, body="New words."))
        assert response.status_code == 302
    article.refresh_from_db()
    assert article.modified_at == LOAD_DAY
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert 'Updated <time datetime="2031-03-09">9 March 2031</time>' in page


def test_adding_a_reference_in_the_admin_moves_updated(editor_client, db):
    article = ArticleFactory(reviewed_at=None, reviewed_by_name="", modified_at=None)
    form = change_form(article)
    form.update(
        {
            "references-TOTAL_FORMS": 1,
            "references-0-position": 0,
            "references-0-authors": "A. Author",
            "references-0-title": "A book",
            "references-0-edition": "",
            "references-0-publisher": "",
            "references-0-year": 2024,
            "references-0-url": "",
        }
    )
    with clock_at(LOAD_DAY):
        response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.references.count() == 1
    assert article.modified_at == LOAD_DAY


def test_time_elements_carry_valid_dates_without_fractions(client, db):
    """The Nu checker allows at most three digits of fraction; a day is all we show."""
    with clock_at(LOAD_DAY):
        ArticleFactory(slug="dated", topic=TopicFactory(), modified_at=LOAD_DAY)
    page = client.get("/guide/dated/").content.decode()
    assert '<time datetime="2031-03-09">' in page
    assert ".883596" not in page.split("<script", 1)[0]
    assert json_ld(page)["dateModified"] == "2031-03-09T12:00:46+00:00"


def test_a_database_from_before_modified_at_takes_the_files_dates_once(db):
    load_library()
    Article.objects.update(modified_at=None)  # as the migration found older rows
    report = load_library()
    assert report.count(Outcome.KEPT_EDITED) == 0  # not mistaken for editors' edits
    article = Article.objects.get(slug="let-down-while-pumping")
    assert article.modified_at == datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    moved = Article.objects.get(slug="let-down").updated_at
    load_library()
    assert Article.objects.get(slug="let-down").updated_at == moved
