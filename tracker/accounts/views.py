"""
Accounts: register, API tokens, browser sessions, and deleting an account.

Contract:
- ``POST auth/register/`` {"username", "password", "email"?, "device_name"?}
  -> 201 {"token", "id", "username"}. Django's password validators apply; the
  username is stored in its canonical form (NFKC, trimmed), and one taken in
  any letter case or width is refused (``Sam``, ``sam`` and a full-width
  ``Sam`` are one person to a reader): 400 on ``username``, code ``taken``.
  When the request passes Django's CSRF check (the PWA sends the csrftoken
  cookie's value as X-CSRFToken), the browser session is signed in too. A
  request that fails the check (a script, or a forged cross-site form) still
  gets its token, but no session: a forged form must not be able to sign a
  victim's browser into the attacker's account (login CSRF).
- ``POST auth/token/`` {"username", "password", "device_name"?} -> {"token"}:
  a new device each time (tracker/accounts/credentials.py).
- ``POST auth/session/`` signs the browser in; CSRF is always enforced.
  ``GET`` -> 200 {"authenticated": true, "id", "username"}, or 200
  {"authenticated": false} when signed out: "not signed in" is an answer, not
  an error (a 403 here was logged as a failed request on every signed-out
  first open). ``DELETE`` signs out (204) and revokes the
  calling device: the token it sent, or the browser's session device.
- ``DELETE account/`` {"password"} deletes the account, the babies it owns
  (with their feeds), its access to babies it cares for, its API tokens and
  its browser sessions on every device -> 204.
Sign-in attempts are rate limited by path (letdown_project.throttling); a
successful one marks the browser as a known device for that username.
Devices are in ``devices``, password change and reset in ``passwords``.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, authenticate, get_user_model, login, logout
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError
from rest_framework.fields import get_error_detail
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from letdown_project.throttling import canonical_username, remember_device
from tracker.accounts.credentials import MAX_NAME, Device, device_name, issue_token, revoke
from tracker.accounts.usernames import username_taken
from tracker.models import Baby

WRONG_CREDENTIALS = "The username or password is wrong."
USERNAME_TAKEN = "This username is taken."


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class DeviceCredentialsSerializer(CredentialsSerializer):
    device_name = serializers.CharField(max_length=MAX_NAME, required=False, allow_blank=True)


class RegisterSerializer(DeviceCredentialsSerializer):
    username = serializers.CharField(max_length=150)
    email = serializers.EmailField(required=False, allow_blank=True)

    def validate_username(self, value: str) -> str:
        value = canonical_username(value)
        UnicodeUsernameValidator()(value)
        if username_taken(value):
            raise ValidationError(ErrorDetail(USERNAME_TAKEN, "taken"))
        return value

    def validate(self, attrs):
        candidate = get_user_model()(username=attrs["username"], email=attrs.get("email", ""))
        try:
            validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as error:
            # Django's validators' own codes: password_too_short, password_too_common...
            raise ValidationError({"password": get_error_detail(error)}) from error
        return attrs


class PasswordSerializer(serializers.Serializer):
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


UserSerializer = inline_serializer(
    "SignedInUser", {"id": serializers.IntegerField(), "username": serializers.CharField()}
)
SessionSerializer = inline_serializer(
    "Session",
    {
        "authenticated": serializers.BooleanField(),
        "id": serializers.IntegerField(required=False),
        "username": serializers.CharField(required=False),
    },
)
TokenSerializer = inline_serializer("Token", {"token": serializers.CharField()})
RegisteredSerializer = inline_serializer(
    "Registered",
    {
        "token": serializers.CharField(),
        "id": serializers.IntegerField(),
        "username": serializers.CharField(),
    },
)


def passes_csrf(request) -> bool:
    try:
        SessionAuthentication().enforce_csrf(request)
    except PermissionDenied:
        return False
    return True


def _checked_user(request, serializer_class=CredentialsSerializer):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    user = authenticate(request._request, username=data["username"], password=data["password"])
    if user is None:
        raise ValidationError({"non_field_errors": [ErrorDetail(WRONG_CREDENTIALS, "wrong")]})
    return user, data


def _signed_in(response, user):
    remember_device(response, user.get_username())
    return response


class AuthView(APIView):
    permission_classes = [AllowAny]


class RegisterView(AuthView):
    @extend_schema(request=RegisterSerializer, responses={201: RegisteredSerializer})
    def post(self, request):
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            with transaction.atomic():
                user = get_user_model().objects.create_user(
                    username=data["username"],
                    email=data.get("email", ""),
                    password=data["password"],
                )
                device, secret = issue_token(user, device_name(request, data.get("device_name")))
        except IntegrityError as error:  # Two sign-ups racing for one name.
            raise ValidationError({"username": [ErrorDetail(USERNAME_TAKEN, "taken")]}) from error
        if passes_csrf(request):
            request._request.letdown_device = device  # the session joins this device
            login(request._request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        body = {"token": secret, "id": user.pk, "username": user.username}
        return _signed_in(Response(body, status=status.HTTP_201_CREATED), user)


class TokenView(AuthView):
    # No session: a script's token request must not need (or set) cookies.
    authentication_classes: list = []

    @extend_schema(request=DeviceCredentialsSerializer, responses=TokenSerializer)
    def post(self, request):
        user, data = _checked_user(request, DeviceCredentialsSerializer)
        _, secret = issue_token(user, device_name(request, data.get("device_name")))
        return _signed_in(Response({"token": secret}), user)


class SessionView(AuthView):
    @extend_schema(responses={200: SessionSerializer})
    def get(self, request):
        if not request.user.is_authenticated:
            return Response({"authenticated": False})
        user = request.user
        return Response({"authenticated": True, "id": user.pk, "username": user.username})

    @extend_schema(request=CredentialsSerializer, responses=UserSerializer)
    def post(self, request):
        # DRF checks CSRF only for an already signed-in session; signing in
        # needs it as much (login CSRF), so it is checked here for everyone.
        SessionAuthentication().enforce_csrf(request)
        user, _ = _checked_user(request)
        login(request._request, user)
        return _signed_in(Response({"id": user.pk, "username": user.username}), user)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        if isinstance(request.auth, Device):
            revoke(Device.objects.filter(pk=request.auth.pk))
        logout(request._request)  # its browser device goes with it (devices.py)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccountView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=PasswordSerializer, responses={204: None})
    def delete(self, request):
        serializer = PasswordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request.user
        if not user.check_password(serializer.validated_data["password"]):
            raise ValidationError({"password": [ErrorDetail("The password is wrong.", "wrong")]})
        delete_account(user)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


def delete_account(user) -> None:
    """The user, their babies (with feeds, invites, caregivers) and their access to others'."""
    with transaction.atomic():
        Baby.objects.owned_by(user).delete()
        _delete_sessions(user)
        # Devices (token and browser) go with the user (cascade); DRF's older tokens too.
        # Cascades to their caregiver links, sync devices and receipts; feeds
        # they wrote for babies they only cared for stay, with the author unset.
        user.delete()


def _delete_sessions(user) -> None:
    """Every stored session signed in as ``user``, on any browser.

    Sessions are not indexed by user, so the table is read through once:
    deleting an account is rare, and a session left behind would keep the
    user's id (and whatever else a session holds) after they asked to be gone.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return  # signed-cookie or cache-only sessions: nothing stored in a table
    user_id = str(user.pk)
    for session in store.get_model_class().objects.iterator():
        if session.get_decoded().get(SESSION_KEY) == user_id:
            store(session.session_key).delete()
