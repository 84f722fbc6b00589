"""/sitemap.xml: the guide's index, its topics and every published article."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Topic


class GuideSitemap(Sitemap):
    def items(self):
        return ["articles:index"]

    def location(self, item: str) -> str:
        return reverse(item)


class TopicSitemap(Sitemap):
    def items(self):
        published = Article.objects.published().values("topic_id")
        return Topic.objects.filter(id__in=published)


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published().order_by("topic__ordering", "ordering", "slug")

    def lastmod(self, article: Article):
        return article.last_changed_at


SITEMAPS = {"guide": GuideSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}
