"""Root URLs: each app owns its own urls module; this file only mounts them."""

from django.contrib import admin
from django.urls import include, path

from letdown_project.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", healthz, name="healthz"),
    path("", include("articles.urls")),
    path("api/v1/", include("tracker.urls")),
    path("", include("frontend.urls")),
]
