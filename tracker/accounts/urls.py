"""The accounts' API routes, mounted under /api/v1/ by tracker/api/urls.py."""

from django.urls import path

from tracker.accounts import devices, passwords
from tracker.accounts import views as accounts

urlpatterns = [
    path("auth/register/", accounts.RegisterView.as_view(), name="auth-register"),
    path("auth/token/", accounts.TokenView.as_view(), name="auth-token"),
    path("auth/session/", accounts.SessionView.as_view(), name="auth-session"),
    path("auth/devices/", devices.DeviceListView.as_view(), name="auth-devices"),
    path("auth/devices/<uuid:pk>/", devices.DeviceView.as_view(), name="auth-device"),
    path("auth/password/", passwords.PasswordChangeView.as_view(), name="auth-password"),
    path(
        "auth/password-reset/",
        passwords.PasswordResetRequestView.as_view(),
        name="auth-password-reset",
    ),
    path("account/", accounts.AccountView.as_view(), name="account"),
]
