"""Rules of the guidance models (articles/models.py)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from articles.models import Article
from tests.articles.factories import ArticleFactory, ReferenceFactory


def test_publishing_without_a_date_stamps_published_at(db):
    article = ArticleFactory(published_at=None)
    assert article.published_at is not None


def test_draft_keeps_published_at_empty(db):
    article = ArticleFactory(draft=True)
    assert article.published_at is None


def test_reserved_slug_feed_is_rejected(db):
    article = ArticleFactory.build(slug="feed", topic=ArticleFactory().topic)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "slug" in error.value.message_dict


def test_review_date_needs_a_reviewer(db):
    article = ArticleFactory(reviewed_by_name="")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "reviewed_by_name" in error.value.message_dict


def test_next_review_before_last_review_is_rejected_by_clean(db):
    article = ArticleFactory()
    article.next_review_at = article.reviewed_at - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "next_review_at" in error.value.message_dict


def test_next_review_before_last_review_is_refused_by_the_database(db):
    article = ArticleFactory()
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(
            next_review_at=article.reviewed_at - timedelta(days=1)
        )


def test_published_article_without_date_is_refused_by_the_database(db):
    article = ArticleFactory()
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(published_at=None)


def test_reviewed_by_joins_name_and_credential(db):
    article = ArticleFactory(reviewed_by_name="A. Smith", reviewed_by_credential="IBCLC")
    assert article.reviewed_by == "A. Smith, IBCLC"


def test_reference_citation_reads_as_one_line(db):
    reference = ReferenceFactory()
    assert reference.citation == (
        "Jan Riordan and Karen Wambach. Breastfeeding and Human Lactation, 4th edition. "
        "Jones and Bartlett, 2010."
    )


def test_published_queryset_excludes_drafts(db):
    public = ArticleFactory()
    ArticleFactory(draft=True)
    assert list(Article.objects.published()) == [public]
