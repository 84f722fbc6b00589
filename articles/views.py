"""
The guide's server-rendered pages: /guide/, /guide/topic/<slug>/, /guide/<slug>/.

Contract: only published articles are shown or linked (drafts answer 404, as
missing slugs do); every page is cacheable with revalidation (`@revalidated`),
works without JavaScript and links the Atom feed. Each page runs a fixed
number of queries, whatever the size of the library.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from articles.caching import revalidated
from articles.models import Article, Topic
from articles.structured_data import medical_web_page


def _topics_with_articles():
    published = Article.objects.published().only(
        "slug", "title", "summary", "topic_id", "ordering", "updated_at"
    )
    return Topic.objects.prefetch_related(Prefetch("articles", queryset=published))


@revalidated
def guide_index(request):
    topics = [topic for topic in _topics_with_articles() if topic.articles.all()]
    canonical_url = request.build_absolute_uri(request.path)
    return render(
        request, "articles/index.html", {"topics": topics, "canonical_url": canonical_url}
    )


@revalidated
def topic_detail(request, slug: str):
    topic = get_object_or_404(_topics_with_articles(), slug=slug)
    if not topic.articles.all():
        raise Http404("No published guidance in this topic.")
    canonical_url = request.build_absolute_uri(topic.get_absolute_url())
    return render(request, "articles/topic.html", {"topic": topic, "canonical_url": canonical_url})


def article_context(request, article: Article) -> dict:
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    return {
        "article": article,
        "canonical_url": canonical_url,
        # Built with script-safe escaping in structured_data; nothing to escape here.
        "json_ld": mark_safe(medical_web_page(article, canonical_url)),  # noqa: S308
        "related": [a for a in article.related.all() if a.is_published],
    }


@revalidated
def article_detail(request, slug: str):
    article = get_object_or_404(
        Article.objects.published()
        .select_related("topic")
        .prefetch_related("references", Prefetch("related", queryset=Article.objects.published())),
        slug=slug,
    )
    return render(request, "articles/article.html", article_context(request, article))
