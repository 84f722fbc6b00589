"""Fixtures for the guidance tests: a small published library with one draft."""

import pytest

from tests.articles.factories import ArticleFactory, ReferenceFactory, TopicFactory


@pytest.fixture
def topic(db):
    return TopicFactory(slug="the-let-down", name="The let-down")


@pytest.fixture
def article(topic):
    article = ArticleFactory(slug="let-down", title="The let-down", topic=topic)
    ReferenceFactory(article=article, position=0)
    ReferenceFactory(
        article=article,
        position=1,
        authors="Nancy Mohrbacher and Julie Stock",
        title="The Breastfeeding Answer Book",
        edition="3rd revised edition",
        publisher="La Leche League International",
        year=2003,
    )
    return article


@pytest.fixture
def draft(topic):
    return ArticleFactory(
        slug="secret-draft", title="Unfinished draft title", topic=topic, draft=True
    )
