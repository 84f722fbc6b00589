"""Root URLs: each app owns its own urls module; this file only mounts them."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import LogoutView
from django.urls import include, path
from django.views.generic import RedirectView

from letdown_project.health import healthz
from letdown_project.signin import ThrottledLoginView, admin_login
from reports import urls as report_urls
from tracker.accounts.passwords import ResetConfirmPageView, ResetPageView

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
    # Password reset in the site's own style (the admin's registration/ templates
    # would win by name); changing a known password is the app's screen.
    path("accounts/password_reset/", ResetPageView.as_view(), name="password_reset"),
    path(
        "accounts/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="frontend/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        ResetConfirmPageView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="frontend/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "accounts/password_change/", RedirectView.as_view(url="/#/account"), name="password_change"
    ),
    path(
        "accounts/password_change/done/",
        RedirectView.as_view(url="/#/account"),
        name="password_change_done",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", healthz, name="healthz"),
    path("", include("articles.urls")),
    path("api/v1/", include("tracker.api.urls")),
    path("api/v1/", include(report_urls.api_urlpatterns)),
    path("", include("reports.urls")),
    path("", include("frontend.urls")),
]
