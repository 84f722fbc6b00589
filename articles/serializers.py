"""
JSON shapes of the public articles API (see docs api-contract.md, Articles).

List items: `slug`, `title`, `summary`, `topic` ({slug, name}), `updated_at`,
`reviewed_at`, plus `url` (the page path the service worker caches) and
`published_at` and `modified_at` (when the content last changed; `updated_at`
moves on every save and is the offline watermark). Detail adds `body_html`
(sanitised on save), `references`,
`reviewed_by`, `next_review_at` and `related` (slugs of published articles).
"""

from rest_framework import serializers

from articles.models import Article, Reference, Topic


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name"]


class ReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reference
        fields = ["authors", "title", "edition", "publisher", "year", "url", "citation"]


class ArticleListSerializer(serializers.ModelSerializer):
    topic = TopicSerializer(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Article
        fields = ["slug", "title", "summary", "topic", "url", "published_at", "modified_at",
                  "updated_at", "reviewed_at"]  # fmt: skip


class ArticleDetailSerializer(ArticleListSerializer):
    references = ReferenceSerializer(many=True, read_only=True)
    related = serializers.SerializerMethodField()

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "next_review_at", "reviewed_by",
                  "body_html", "references", "related"]  # fmt: skip

    def get_related(self, article: Article) -> list[str]:
        return [a.slug for a in article.related.all() if a.is_published]
