"""Root URLs: each app owns its own urls module; this file only mounts them."""

from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from letdown_project.health import healthz
from letdown_project.signin import ThrottledLoginView, admin_login

# JSON under /api/, the site's pages elsewhere (letdown_project/errors.py).
handler404 = "letdown_project.errors.page_not_found"
handler500 = "letdown_project.errors.server_error"

urlpatterns = [
    # Ahead of the admin's URLs: its login form, rate-limited like every sign-in.
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    # Ahead of Django's auth URLs: the same login page, rate-limited.
    path("accounts/login/", ThrottledLoginView.as_view(), name="login"),
    # The site's own page: "registration/logged_out.html" is the admin's (its app comes first).
    path(
        "accounts/logout/",
        LogoutView.as_view(template_name="frontend/logged_out.html"),
        name="logout",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", healthz, name="healthz"),
    path("", include("articles.urls")),
    path("api/v1/", include("tracker.api.urls")),
    path("", include("frontend.urls")),
]
