"""The signed-in API under /api/v1/: auth, babies, sharing, feeds, summaries, export, sync.

Also the OpenAPI schema (``schema/``) and its Swagger UI (``docs/``), served
from local static files (drf-spectacular-sidecar) with no inline script.
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from tracker.accounts.urls import urlpatterns as account_urls
from tracker.api.babies import BabyViewSet
from tracker.api.export import ExportView
from tracker.api.feeds import FeedViewSet
from tracker.api.sharing import AcceptInviteView, SharingViewSet
from tracker.api.summaries import SummaryView
from tracker.api.sync import SyncPullView, SyncPushView

SIGNED_IN = [IsAuthenticated]  # drf-spectacular serves to everyone by default

router = SimpleRouter()
router.register("babies", BabyViewSet, basename="baby")
router.register("feeds", FeedViewSet, basename="feed")

# The paths and names the router gave them when they were actions of the babies' viewset.
BABY = r"^babies/(?P<pk>[^/.]+)"
sharing = [
    re_path(
        rf"{BABY}/invites/$", SharingViewSet.as_view({"post": "invites"}), name="baby-invites"
    ),
    re_path(
        rf"{BABY}/caregivers/$",
        SharingViewSet.as_view({"get": "caregivers"}),
        name="baby-caregivers",
    ),
    # At most 18 digits: a larger number cannot be a user id, and would overflow
    # the database's integer instead of answering 404.
    re_path(
        rf"{BABY}/caregivers/(?P<user_id>\d{{1,18}})/$",
        SharingViewSet.as_view({"delete": "remove_caregiver"}),
        name="baby-remove-caregiver",
    ),
    path("invites/accept/", AcceptInviteView.as_view(), name="invite-accept"),
]

urlpatterns = [
    *account_urls,
    path("babies/<uuid:pk>/summary/", SummaryView.as_view(), name="baby-summary"),
    *sharing,
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
    # Offline sync (tracker/api/sync.py; docs/sync.md).
    path("sync/push/", SyncPushView.as_view(), name="sync-push"),
    path("sync/pull/", SyncPullView.as_view(), name="sync-pull"),
]
