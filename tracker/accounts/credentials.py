"""
Per-device credentials (no views here: DRF imports this module while
building its own views): every phone, browser and script signs in as its own device.

Contract (docs/api-contract.md, Devices):
- ``issue_token(user, name)`` makes a new device and returns ``(device, secret)``;
  the secret is sent once (``Authorization: Token <secret>``) and only its
  SHA-256 is stored.
- Every session sign-in (API, login form, admin) makes a browser device tied
  to the session (``user_logged_in``); signing out deletes it
  (``user_logged_out``). Revoking a device deletes its session too.
- ``DeviceTokenAuthentication`` / ``DeviceSessionAuthentication`` (DRF) stamp
  ``last_used_at`` at most once a ``TOUCH_EVERY``: one query per token request
  (device and user in one SELECT), none extra for a session, and one UPDATE a
  minute at most. A session whose device was revoked is ended at its next
  touch, even if deleting the session itself was missed.
- DRF authtoken keys from before devices keep working: migration 0006 turned
  them into devices, and a key still found in DRF's table (made by an older
  script) becomes a device on first use.
"""

from datetime import UTC, datetime, timedelta
from hashlib import sha256
from importlib import import_module
from secrets import token_urlsafe

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from tracker.models import Device

TOUCH_EVERY = timedelta(minutes=1)
SESSION_DEVICE = "letdown_device"
SESSION_TOUCHED = "letdown_device_touched"
LEGACY_NAME = "Signed in before devices"
MAX_NAME = Device._meta.get_field("name").max_length


def hash_key(secret: str) -> str:
    return sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def issue_token(user, name: str) -> tuple[Device, str]:
    secret = token_urlsafe(32)
    device = Device.objects.create(user=user, name=name[:MAX_NAME], key_hash=hash_key(secret))
    return device, secret


def name_from_agent(user_agent: str) -> str:
    """A name the owner recognises in the list ("Firefox on Android"), from the User-Agent."""
    systems = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS", "Mac"),
        ("Linux", "Linux"),
    ]
    browsers = [("Firefox/", "Firefox"), ("Edg/", "Edge"), ("Chrome/", "Chrome")]
    browsers.append(("Safari/", "Safari"))
    system = next((name for marker, name in systems if marker in user_agent), None)
    browser = next((name for marker, name in browsers if marker in user_agent), None)
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "Unnamed device"


def device_name(request, given: str | None = None) -> str:
    return (given or "").strip() or name_from_agent(request.META.get("HTTP_USER_AGENT", ""))


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def revoke(devices) -> None:
    """Delete the devices and the browser sessions they hold."""
    store = _session_store()
    for session_key in devices.exclude(session_key=None).values_list("session_key", flat=True):
        store(session_key).delete()
    devices.delete()


def revoke_other_devices(user, keep: Device | None = None) -> None:
    """After a password change or reset: only ``keep`` (the device that changed it) stays."""
    others = Device.objects.filter(user=user)
    if keep is not None:
        others = others.exclude(pk=keep.pk)
    with transaction.atomic():
        revoke(others)
        Token.objects.filter(user=user).delete()


def current_device_id(request):
    """The device this request comes from: its token's, or its session's."""
    if isinstance(request.auth, Device):
        return request.auth.pk
    return request.session.get(SESSION_DEVICE)


@receiver(user_logged_in)
def _device_for_session(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    # A browser that registered already has its token's device: one device, not two.
    device = getattr(request, "letdown_device", None)
    if device is None:
        device = Device.objects.create(user=user, name=device_name(request))
    request.session.save()  # a key for a brand-new session
    Device.objects.filter(pk=device.pk).update(session_key=request.session.session_key)
    request.session[SESSION_DEVICE] = str(device.pk)
    request.session[SESSION_TOUCHED] = timezone.now().timestamp()


@receiver(user_logged_out)
def _end_session_device(sender, request, user, **kwargs):
    device_id = getattr(request, "session", {}).get(SESSION_DEVICE)
    # No pk: the account was just deleted, and its devices with it.
    if device_id and user is not None and user.pk is not None:
        Device.objects.filter(pk=device_id, user=user).delete()


def _adopt_legacy_token(key: str) -> Device | None:
    token = Token.objects.select_related("user").filter(key=key).first()
    if token is None:
        return None
    try:
        with transaction.atomic():
            device = Device.objects.create(
                user=token.user, name=LEGACY_NAME, key_hash=hash_key(key), created_at=token.created
            )
            token.delete()
    except IntegrityError:  # adopted meanwhile by a concurrent request
        return Device.objects.select_related("user").filter(key_hash=hash_key(key)).first()
    return device


def _touch(device_id, last_used_at, now) -> bool:
    """Stamp last use; False when the device is gone (revoked)."""
    if now - last_used_at < TOUCH_EVERY:
        return True
    return bool(Device.objects.filter(pk=device_id).update(last_used_at=now))


class DeviceTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <secret>` of a device that has not been revoked."""

    def authenticate_credentials(self, key):
        device = Device.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if device is None:
            device = _adopt_legacy_token(key)
        if device is None or not device.user.is_active:
            raise AuthenticationFailed("Invalid token.")
        _touch(device.pk, device.last_used_at, timezone.now())
        return device.user, device


class DeviceSessionAuthentication(SessionAuthentication):
    """DRF's session authentication, which also keeps the browser device's last use."""

    def authenticate_header(self, request):
        # DRF answers 401 (not 403) only when the first class names a scheme: a
        # revoked or wrong token must answer 401, a browser without one stays 403.
        if request.META.get("HTTP_AUTHORIZATION"):
            return DeviceTokenAuthentication().authenticate_header(request)
        return None

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        session = request._request.session
        device_id = session.get(SESSION_DEVICE)
        if device_id is None:
            return result  # signed in before devices existed: still a valid session
        now = timezone.now()
        touched = datetime.fromtimestamp(session.get(SESSION_TOUCHED, 0), tz=UTC)
        if not _touch(device_id, touched, now):
            session.flush()
            raise AuthenticationFailed("This device was signed out.")
        if now - touched >= TOUCH_EVERY:
            session[SESSION_TOUCHED] = now.timestamp()
            # The key changes when the password does: revoking must find the session.
            Device.objects.filter(pk=device_id).exclude(session_key=session.session_key).update(
                session_key=session.session_key
            )
        return result
