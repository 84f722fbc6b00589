"""factory_boy factories for the guidance library."""

import factory
from django.utils import timezone

from articles.models import Article, Reference, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Topic {n}")
    description = "What this topic is about."


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"article-{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "A calm summary."
    body = "Some **guidance** in Markdown."
    topic = factory.SubFactory(TopicFactory)
    status = Article.Status.PUBLISHED
    reviewed_at = factory.LazyFunction(timezone.now)
    reviewed_by_name = "A. Reviewer"
    reviewed_by_credential = "IBCLC"

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reference

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n)
    authors = "Jan Riordan and Karen Wambach"
    title = "Breastfeeding and Human Lactation"
    edition = "4th edition"
    publisher = "Jones and Bartlett"
    year = 2010
