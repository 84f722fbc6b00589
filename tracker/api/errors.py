"""
The API's one exception handler: every error a view lets through, as the
contract's body (docs/api-contract.md, Error codes; docs/sync.md).

Views raise and do not convert. Here:
- a model rule's ``django.core.exceptions.ValidationError``: 400 with
  ``codes``, as DRF's own validation errors (``api_errors.as_drf_error``);
- ``FeedNotFound``, ``FeedDeleted`` (the write path) and a caregiver link
  that does not exist: 404, as for any id the user cannot see;
- ``InvalidCursor`` (a pull cursor of another account, or stale): 400
  naming ``cursor``;
- ``SeqGap``: 409 ``{"last_seq", "detail"}``; ``DeviceRefused``: 403
  ``{"device_id": [...]}`` (sync push).
Every 400 gets its ``codes`` (``letdown_project.api_errors.error_body``).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from letdown_project.api_errors import as_drf_error, error_body
from tracker.models import Caregiver
from tracker.sync import DeviceRefused, SeqGap
from tracker.sync_pull import InvalidCursor
from tracker.writes import FeedDeleted, FeedNotFound

INVALID_CURSOR = "This cursor is not valid here; pull again without one."
DEVICE_REFUSED = "This device id is in use by another account; make a new one."
NOT_FOUND = (FeedNotFound, FeedDeleted, Caregiver.DoesNotExist)


def _seq_gap(gap: SeqGap) -> Response:
    detail = f"Expected seq {gap.last_seq + 1} next; nothing was applied."
    return Response({"last_seq": gap.last_seq, "detail": detail}, status.HTTP_409_CONFLICT)


def _device_refused(_: DeviceRefused) -> Response:
    return Response({"device_id": [DEVICE_REFUSED]}, status.HTTP_403_FORBIDDEN)


# Answers whose body is not DRF's {"detail"} shape.
OWN_BODIES = {SeqGap: _seq_gap, DeviceRefused: _device_refused}


def as_api_exception(exc: Exception) -> Exception:
    """The DRF exception a domain error stands for (``exc`` itself when none)."""
    if isinstance(exc, DjangoValidationError):
        return as_drf_error(exc)
    if isinstance(exc, NOT_FOUND):
        return exceptions.NotFound()
    if isinstance(exc, InvalidCursor):
        detail = {"cursor": [exceptions.ErrorDetail(INVALID_CURSOR, "invalid_cursor")]}
        return exceptions.ValidationError(detail)
    return exc


def exception_handler(exc, context):
    for kind, answer in OWN_BODIES.items():
        if isinstance(exc, kind):
            set_rollback()
            return answer(exc)
    exc = as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None or response.status_code != status.HTTP_400_BAD_REQUEST:
        return response
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(exc)
        response.data = {**body["errors"], "codes": body["codes"]}
    elif isinstance(exc, exceptions.APIException) and isinstance(response.data, dict):
        # e.g. a body that is not JSON: {"detail": "...", "codes": {"detail": "parse_error"}}
        response.data = {**response.data, "codes": {"detail": str(exc.get_codes())}}
    return response
