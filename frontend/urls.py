"""The PWA platform's URLs: app shell, manifest, service worker, offline and search pages."""

from django.urls import path

from frontend import views

app_name = "frontend"

urlpatterns = [
    path("", views.home, name="home"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    # At the root, so the worker's scope is the whole site.
    path("sw.js", views.service_worker, name="service-worker"),
    path("offline/", views.offline, name="offline"),
    path("search/", views.search, name="search"),
]
