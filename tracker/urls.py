"""The signed-in API under /api/v1/: auth, babies, feeds, summaries, export, sync.

Also the OpenAPI schema (``schema/``) and its Swagger UI (``docs/``), served
from local static files (drf-spectacular-sidecar) with no inline script.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from tracker.accounts.urls import urlpatterns as account_urls
from tracker.api_babies import AcceptInviteView, BabyViewSet
from tracker.api_feeds import FeedViewSet
from tracker.export import ExportView
from tracker.summaries import SummaryView
from tracker.sync_api import SyncPullView, SyncPushView

SIGNED_IN = [IsAuthenticated]  # drf-spectacular serves to everyone by default

router = SimpleRouter()
router.register("babies", BabyViewSet, basename="baby")
router.register("feeds", FeedViewSet, basename="feed")

urlpatterns = [
    *account_urls,
    path("babies/<uuid:pk>/summary/", SummaryView.as_view(), name="baby-summary"),
    path("invites/accept/", AcceptInviteView.as_view(), name="invite-accept"),
    path("export/", ExportView.as_view(), name="export"),
    # Signed-in users only, like everything under /api/v1/ but auth and articles.
    path("schema/", SpectacularAPIView.as_view(permission_classes=SIGNED_IN), name="schema"),
    path(
        "docs/",
        # Our template: Swagger UI without its inline <style>, which the CSP refuses.
        SpectacularSwaggerSplitView.as_view(
            url_name="schema", permission_classes=SIGNED_IN, template_name="frontend/api_docs.html"
        ),
        name="api-docs",
    ),
    *router.urls,
]

# Offline sync (tracker/sync_api.py; docs/sync.md).
urlpatterns += [
    path("sync/push/", SyncPushView.as_view(), name="sync-push"),
    path("sync/pull/", SyncPullView.as_view(), name="sync-pull"),
]
