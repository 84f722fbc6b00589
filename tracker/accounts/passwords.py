"""
Changing a forgotten or known password.

Contract:
- ``POST auth/password-reset/`` {"email"} -> 202 whatever the address (an
  account has it or not, the answer and its words are the same); each active
  account with that address gets an email whose link opens
  ``/accounts/reset/<uid>/<token>/`` to set a new password. Throttled per IP
  and per address (``reset_ip``, ``reset_email``).
- ``POST auth/password/`` {"old_password", "new_password"} (signed in) -> 204.
  A wrong old password is a 400 on ``old_password`` (code ``wrong``); Django's
  validators apply to the new one. Throttled per user (``password_change``).
  The device that changed it stays signed in; every other device is revoked.
- The server's pages (``/accounts/password_reset/`` and the emailed link) do
  the same in the site's own style; setting a new password there revokes
  every device, and ``/accounts/password_change/`` opens the app's screen.
"""

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.fields import get_error_detail
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from letdown_project.signin import ThrottledFormMixin
from letdown_project.throttling import (
    RESET_THROTTLES,
    AuthIPThrottle,
    PasswordChangeThrottle,
    ResetEmailThrottle,
    ResetIPThrottle,
)
from tracker.accounts.credentials import Device, current_device_id, revoke_other_devices

RESET_SENT = (
    "If an account has this address, an email with a link to set a new password is on its way."
)
EMAIL_TEMPLATES = {
    "email_template_name": "frontend/password_reset_email.txt",
    "subject_template_name": "frontend/password_reset_subject.txt",
}


class ResetRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class PasswordChangeSerializer(serializers.Serializer):
    old_password = serializers.CharField(max_length=4096, trim_whitespace=False)
    new_password = serializers.CharField(max_length=4096, trim_whitespace=False)


def send_reset_email(request, email: str) -> None:
    """Django's reset email, to every active account with this address (none: nothing)."""
    form = PasswordResetForm(data={"email": email})
    if form.is_valid():
        form.save(request=request, use_https=request.is_secure(), **EMAIL_TEMPLATES)


class PasswordResetRequestView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [AuthIPThrottle, ResetIPThrottle, ResetEmailThrottle]

    @extend_schema(
        request=ResetRequestSerializer,
        responses={202: inline_serializer("ResetSent", {"detail": serializers.CharField()})},
    )
    def post(self, request):
        serializer = ResetRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        send_reset_email(request._request, serializer.validated_data["email"])
        return Response({"detail": RESET_SENT}, status=status.HTTP_202_ACCEPTED)


class PasswordChangeView(APIView):
    throttle_classes = [*api_settings.DEFAULT_THROTTLE_CLASSES, PasswordChangeThrottle]

    @extend_schema(request=PasswordChangeSerializer, responses={204: None})
    def post(self, request):
        serializer = PasswordChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, user = serializer.validated_data, request.user
        if not user.check_password(data["old_password"]):
            raise ValidationError(
                {"old_password": [ErrorDetail("The current password is wrong.", "wrong")]}
            )
        try:
            validate_password(data["new_password"], user=user)
        except DjangoValidationError as error:
            raise ValidationError({"new_password": get_error_detail(error)}) from error
        user.set_password(data["new_password"])
        user.save(update_fields=["password"])
        keep = Device.objects.filter(pk=current_device_id(request), user=user).first()
        revoke_other_devices(user, keep=keep)
        if not isinstance(request.auth, Device):
            # This browser stays signed in (Django would end the session on a new hash).
            update_session_auth_hash(request._request, user)
            if keep is not None:
                Device.objects.filter(pk=keep.pk).update(
                    session_key=request._request.session.session_key
                )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ResetPageView(ThrottledFormMixin, auth_views.PasswordResetView):
    """The "Forgot password?" page: same answer for any address, throttled like the API."""

    throttles = RESET_THROTTLES
    template_name = "frontend/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")
    throttled_words = "Too many reset requests."
    email_template_name = EMAIL_TEMPLATES["email_template_name"]
    subject_template_name = EMAIL_TEMPLATES["subject_template_name"]

    def unbound_form(self, request):
        return self.get_form_class()(initial={"email": request.POST.get("email")})


@method_decorator(never_cache, name="dispatch")
class ResetConfirmPageView(auth_views.PasswordResetConfirmView):
    template_name = "frontend/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        revoke_other_devices(form.user)
        return response
