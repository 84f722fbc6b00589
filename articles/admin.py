"""
The editors' admin for the guidance library.

Editors list articles by status and topic, search them, edit references
inline (in citation order), and see the body exactly as readers will: the
rendered, sanitised HTML below the editor after each save, and a full-page
preview (drafts included) at /admin/articles/article/<id>/preview/.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article, Reference, ShippedContent, Topic
from articles.views import article_context

# What readers read: changing one of these moves the article's "Updated"
# date. Review dates, ordering or status do not (the page shows review dates
# on their own line).
CONTENT_FIELDS = frozenset({"title", "summary", "body", "topic"})


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "ordering", "updated_at"]
    list_editable = ["ordering"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["position", "authors", "title", "edition", "publisher", "year", "url"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "status", "updated_at", "reviewed_at", "next_review_at"]
    list_filter = ["status", "topic"]
    list_select_related = ["topic"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated_at"
    filter_horizontal = ["related"]
    inlines = [ReferenceInline]
    readonly_fields = ["rendered_preview", "modified_at", "updated_at"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "ordering", "status", "summary", "body"]}),
        ("Rendered body (as readers see it, after saving)", {"fields": ["rendered_preview"]}),
        (
            "Review",
            {
                "fields": [
                    "published_at",
                    "reviewed_at",
                    "next_review_at",
                    "reviewed_by_name",
                    "reviewed_by_credential",
                    "modified_at",
                    "updated_at",
                ]
            },
        ),
        ("Related articles", {"fields": ["related"]}),
    ]

    @admin.display(description="Preview")
    def rendered_preview(self, article: Article) -> str:
        if not article.pk:
            return "Save the article (as a draft) to see it rendered."
        preview_url = reverse("admin:articles_article_preview", args=[article.pk])
        # body_html is sanitised on save (articles/rendering.py): safe to show as is.
        return format_html(
            '<p><a href="{}">Open the full-page preview</a></p><div>{}</div>',
            preview_url,
            mark_safe(article.body_html),  # noqa: S308
        )

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/", preview, name="articles_article_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk: int):
        article = get_object_or_404(
            Article.objects.select_related("topic").prefetch_related("references", "related"),
            pk=pk,
        )
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        context = {**article_context(request, article), "is_preview": True}
        response = render(request, "articles/article.html", context)
        response["Cache-Control"] = "private, no-store"
        return response

    def save_model(self, request, obj, form, change):
        if change and CONTENT_FIELDS.intersection(form.changed_data):
            obj.modified_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A reference added, changed or removed is a change readers see too.
        if change and any(formset.has_changed() for formset in formsets):
            article = form.instance
            if not CONTENT_FIELDS.intersection(form.changed_data):
                article.modified_at = timezone.now()
                article.save(update_fields=["modified_at", "updated_at"])

    @admin.action(description="Publish the selected articles")
    def publish(self, request, queryset):
        for article in queryset.filter(status=Article.Status.DRAFT):
            article.status = Article.Status.PUBLISHED
            article.published_at = article.published_at or timezone.now()
            article.save()
        messages.success(request, "Published.")

    @admin.action(description="Move the selected articles back to draft")
    def unpublish(self, request, queryset):
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            article.save()
        messages.success(request, "Moved to draft.")


@admin.register(ShippedContent)
class ShippedContentAdmin(admin.ModelAdmin):
    """Read-only: what `load_guidance` last shipped, for troubleshooting."""

    list_display = ["kind", "slug", "loaded_at"]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
