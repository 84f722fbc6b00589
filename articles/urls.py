"""Guidance pages (/guide/...), the public articles API (/api/v1/articles/...), /sitemap.xml.

Every public route is wrapped in `revalidated` (ETag, Last-Modified, 304,
Cache-Control: no-cache); see articles/caching.py.
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from articles import api, views
from articles.caching import revalidated
from articles.feeds import GuidanceFeed
from articles.sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("guide/", views.guide_index, name="index"),
    path("guide/feed/", revalidated(GuidanceFeed()), name="feed"),
    path("guide/topic/<slug:slug>/", views.topic_detail, name="topic"),
    path("guide/<slug:slug>/", views.article_detail, name="article"),
    path("api/v1/articles/", revalidated(api.ArticleList.as_view()), name="api-list"),
    path(
        "api/v1/articles/<slug:slug>/",
        revalidated(api.ArticleDetail.as_view()),
        name="api-detail",
    ),
    path(
        "sitemap.xml",
        revalidated(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]
