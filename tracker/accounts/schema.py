"""OpenAPI: the device session authentication is Django's session cookie, as DRF's is."""

from drf_spectacular.authentication import SessionScheme


class DeviceSessionScheme(SessionScheme):
    target_class = "tracker.accounts.credentials.DeviceSessionAuthentication"
