"""
The public articles API: GET /api/v1/articles/ and /api/v1/articles/<slug>/.

Contract: public (no authentication, so no CSRF and no session needed);
published articles only; `?updated_since=<ISO 8601 datetime with offset>`
lists the articles changed (or whose topic changed) at or after that
instant (at-or-after so that a
client passing its newest `updated_at` can never miss an article saved in
the same instant; receiving one twice is harmless). The list is not
paginated: the library is small and a client wants all of it offline. ETag,
Last-Modified and 304 come from `articles.caching.revalidated`.
"""

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny

from articles.models import Article
from articles.serializers import ArticleDetailSerializer, ArticleListSerializer


def parse_updated_since(raw: str):
    # A "+01:00" offset arrives as " 01:00" when a client forgets to encode "+".
    value = raw.strip().replace(" ", "+")
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValidationError({"updated_since": ["Use an ISO 8601 date and time."]})
    if parsed.tzinfo is None:
        raise ValidationError({"updated_since": ["Give a UTC offset, e.g. 2026-01-31T08:00:00Z."]})
    return parsed


class PublicArticleView:
    authentication_classes: list = []
    permission_classes = [AllowAny]
    lookup_field = "slug"

    def get_queryset(self):
        return Article.objects.published().select_related("topic")


class ArticleList(PublicArticleView, generics.ListAPIView):
    serializer_class = ArticleListSerializer
    pagination_class = None

    def get_queryset(self):
        queryset = super().get_queryset()
        raw = self.request.query_params.get("updated_since")
        if raw is not None:
            since = parse_updated_since(raw)
            # A renamed topic changes every list item that carries its name.
            queryset = queryset.filter(Q(updated_at__gte=since) | Q(topic__updated_at__gte=since))
        return queryset


class ArticleDetail(PublicArticleView, generics.RetrieveAPIView):
    serializer_class = ArticleDetailSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("references", "related")
