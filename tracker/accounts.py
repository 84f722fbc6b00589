"""
Accounts: register, API tokens, browser sessions, and deleting an account.

Contract:
- ``POST auth/register/`` {"username", "password", "email"?} -> 201
  {"token", "id", "username"}. Django's password validators apply; a username
  taken in any letter case is refused (``Sam`` and ``sam`` are one person to
  a reader). When the request passes Django's CSRF check (the PWA sends the
  csrftoken cookie's value as X-CSRFToken), the browser session is signed in
  too. A request that fails the check (a script, or a forged cross-site form)
  still gets its token, but no session: a forged form must not be able to
  sign a victim's browser into the attacker's account (login CSRF).
- ``POST auth/token/`` {"username", "password"} -> {"token"}.
- ``POST auth/session/`` signs the browser in; CSRF is always enforced.
  ``GET`` -> 200 {"authenticated": true, "id", "username"}, or 200
  {"authenticated": false} when signed out: "not signed in" is an answer, not
  an error (a 403 here was logged as a failed request on every signed-out
  first open). ``DELETE`` signs out (204).
- ``DELETE account/`` {"password"} deletes the account, the babies it owns
  (with their feeds), its access to babies it cares for, its API tokens and
  its browser sessions on every device -> 204.
Sign-in attempts are rate limited by path (letdown_project.throttling).
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
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError
from rest_framework.fields import get_error_detail
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.models import Baby

WRONG_CREDENTIALS = "The username or password is wrong."
USERNAME_TAKEN = "This username is taken."


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class RegisterSerializer(CredentialsSerializer):
    username = serializers.CharField(max_length=150, validators=[UnicodeUsernameValidator()])
    email = serializers.EmailField(required=False, allow_blank=True)

    def validate_username(self, value: str) -> str:
        if get_user_model().objects.filter(username__iexact=value).exists():
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


def _checked_user(request):
    serializer = CredentialsSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = authenticate(request._request, **serializer.validated_data)
    if user is None:
        raise ValidationError({"non_field_errors": [ErrorDetail(WRONG_CREDENTIALS, "wrong")]})
    return user


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
                token = Token.objects.create(user=user)
        except IntegrityError as error:  # Two sign-ups racing for one name.
            raise ValidationError({"username": [ErrorDetail(USERNAME_TAKEN, "taken")]}) from error
        if passes_csrf(request):
            login(request._request, user, backend="django.contrib.auth.backends.ModelBackend")
        body = {"token": token.key, "id": user.pk, "username": user.username}
        return Response(body, status=status.HTTP_201_CREATED)


class TokenView(AuthView):
    # No session: a script's token request must not need (or set) cookies.
    authentication_classes: list = []

    @extend_schema(request=CredentialsSerializer, responses=TokenSerializer)
    def post(self, request):
        token, _ = Token.objects.get_or_create(user=_checked_user(request))
        return Response({"token": token.key})


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
        user = _checked_user(request)
        login(request._request, user)
        return Response({"id": user.pk, "username": user.username})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        logout(request._request)
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
        Token.objects.filter(user=user).delete()
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
