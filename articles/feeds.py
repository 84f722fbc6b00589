"""
The Atom feed of published guidance: /guide/feed/.

Contract: published articles only, most recently updated first; each entry
links to the article page, carries its summary, its publication and update
times, and its topic as the category. Readers follow the guide with any feed
reader: no email service or third-party widget is involved.
"""

from django.contrib.syndication.views import Feed
from django.db.models.functions import Coalesce
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article

FEED_SIZE = 50


class GuidanceFeed(Feed):
    feed_type = Atom1Feed
    title = "Letdown guidance"
    subtitle = "Calm, referenced articles on breastfeeding and the milk let-down."
    link = reverse_lazy("articles:index")
    author_name = "Letdown"

    def items(self):
        # By when the words changed (what a reader calls "updated"), not by
        # `updated_at`, which also moves when `load_guidance` rewrites a row.
        changed = Coalesce("modified_at", "published_at")
        return (
            Article.objects.published()
            .select_related("topic")
            .order_by(changed.desc(), "-updated_at")[:FEED_SIZE]
        )

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.last_changed_at

    def item_categories(self, item: Article):
        return [item.topic.name]
