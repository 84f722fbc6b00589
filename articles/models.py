"""
The guidance library: topics, articles and the references each article cites.

Contract:
- An article's Markdown `body` is rendered to sanitised HTML (`body_html`) on
  every save, never per request, so pages and the API serve stored HTML.
- Only `published` articles are public. Every public read goes through
  `Article.objects.published()`, so a draft cannot leak through one view that
  forgot a filter.
- Which content the demo loader wrote is tracked in `ShippedContent`, not on
  the articles: editors own the articles, the loader only remembers what it
  shipped (see articles/loading.py and docs/decisions/0003-articles.md).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from articles.rendering import render_markdown

# /guide/feed/ is the Atom feed; an article with that slug could never be reached.
RESERVED_SLUGS = frozenset({"feed", "topic"})


def validate_article_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError("“%(slug)s” is used by the guide itself.", params={"slug": value})


class Topic(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    ordering = models.PositiveIntegerField(default=0, help_text="Lower comes first.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["ordering", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:topic", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        return self.filter(status=Article.Status.PUBLISHED)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    slug = models.SlugField(unique=True, validators=[validate_article_slug])
    title = models.CharField(max_length=160)
    summary = models.CharField(max_length=400, help_text="One or two sentences, shown in lists.")
    body = models.TextField(help_text="Markdown. Raw HTML is sanitised away on save.")
    body_html = models.TextField(editable=False, blank=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    ordering = models.PositiveIntegerField(default=0, help_text="Lower comes first in a topic.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Left empty, publishing sets it to now."
    )
    # When the words readers see last changed ("Updated" on the page, JSON-LD
    # dateModified). Not `updated_at`: that moves on every save, including
    # `load_guidance` copying shipped content in, and drives caching only.
    modified_at = models.DateTimeField(
        "content last changed",
        null=True,
        blank=True,
        help_text="Set when the title, summary, body or references change in the admin.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    next_review_at = models.DateTimeField(null=True, blank=True)
    reviewed_by_name = models.CharField("reviewed by", max_length=120, blank=True)
    reviewed_by_credential = models.CharField(
        "reviewer's credential", max_length=120, blank=True, help_text="e.g. IBCLC, RM."
    )
    related = models.ManyToManyField("self", symmetrical=False, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["topic__ordering", "ordering", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(next_review_at__isnull=True)
                | Q(reviewed_at__isnull=True)
                | Q(next_review_at__gte=F("reviewed_at")),
                name="article_next_review_after_review",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self._stamp_published_at()
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:article", kwargs={"slug": self.slug})

    def _stamp_published_at(self) -> None:
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def last_changed_at(self):
        """The date readers see as "Updated": the content's, else its publication."""
        return self.modified_at or self.published_at

    def clean(self) -> None:
        # Before the constraints are validated (full_clean runs clean() first):
        # publishing from the admin's form stamps the date, as save() does.
        self._stamp_published_at()
        errors = {}
        if self.reviewed_at and not self.reviewed_by_name.strip():
            errors["reviewed_by_name"] = "Say who reviewed the article."
        if self.reviewed_at and self.next_review_at and self.next_review_at < self.reviewed_at:
            errors["next_review_at"] = "The next review comes after the last one."
        if self.status == self.Status.PUBLISHED and not self.body.strip():
            errors["body"] = "A published article needs a body."
        if errors:
            raise ValidationError(errors)

    @property
    def reviewed_by(self) -> str:
        """Name and credential as one line, e.g. "A. Smith, IBCLC"."""
        return ", ".join(p for p in (self.reviewed_by_name, self.reviewed_by_credential) if p)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Reference(models.Model):
    """One work an article cites, in the order the editor lists them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(default=0)
    authors = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    edition = models.CharField(max_length=60, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2200)]
    )
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.citation

    # A citation reads "Authors. Title, edition. Publisher, year. URL"; every
    # part but authors and title is optional. The page (which sets the title
    # in <cite>) and the plain-text `citation` are both built from these parts.
    @property
    def author_part(self) -> str:
        return _sentence(self.authors)

    @property
    def title_part(self) -> str:
        return _bare(self.title)

    @property
    def after_title_part(self) -> str:
        """What follows the title: ", 4th edition." or "." (nothing after "?" or "!")."""
        edition = _bare(self.edition)
        if edition:
            return f", {edition}."
        return "" if self.title_part.endswith(("?", "!")) else "."

    @property
    def publication_part(self) -> str:
        """ "Jones and Bartlett, 2010.", "Jones and Bartlett.", "2010." or ""."""
        publisher = _bare(self.publisher)
        parts = [p for p in (publisher, self.year and str(self.year)) if p]
        return ", ".join(parts) + "." if parts else ""

    @property
    def citation(self) -> str:
        """The citation as one line of plain text."""
        first = f"{self.title_part}{self.after_title_part}"
        parts = [self.author_part, first, self.publication_part, self.url]
        return " ".join(p for p in parts if p)


def _bare(text: str) -> str:
    """Text without surrounding spaces or a trailing full stop (the citation adds its own)."""
    return (text or "").strip().rstrip(".").strip()


def _sentence(text: str) -> str:
    bare = _bare(text)
    if not bare:
        return ""
    return bare if bare.endswith(("?", "!")) else f"{bare}."


class ShippedContent(models.Model):
    """What the demo loader last wrote for one topic or article (a hash of it).

    Kept apart from the content so that an editor's change, or deletion, is
    visible as "the stored content no longer matches what we shipped".
    """

    class Kind(models.TextChoices):
        TOPIC = "topic", "Topic"
        ARTICLE = "article", "Article"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    slug = models.SlugField()
    content_hash = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="shipped_content_unique"),
        ]
        verbose_name_plural = "shipped content"

    def __str__(self) -> str:
        return f"{self.kind} {self.slug}"
