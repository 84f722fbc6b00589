"""
The API's 400 bodies: messages for people, codes for programs.

Contract (docs/api-contract.md, Additions → Error codes): every 400 keeps
DRF's ``{"field": ["message"]}`` and adds ``"codes"`` with the same keys,
nesting and order, one stable snake_case code per message (``{"mutations":
{"0": {"seq": [...]}}}`` has ``codes.mutations.0.seq``). A message may be
reworded or translated; its code never changes.

Two functions, the only places that shape such errors:
- ``as_drf_error(django_error)``: a model rule's ``ValidationError`` (with its
  ``code``) as DRF's, ``__all__`` renamed ``non_field_errors``.
- ``exception_handler``: DRF's, plus the codes, and a Django ``ValidationError``
  that escaped a view becomes the same 400 instead of a 500.
"""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def as_drf_error(error: DjangoValidationError) -> exceptions.ValidationError:
    """A model rule's error, keyed by field, each message with its code."""
    detail = get_error_detail(error)
    if isinstance(detail, dict):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name): messages
            for name, messages in detail.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: detail}
    return exceptions.ValidationError(detail)


def error_body(error: exceptions.ValidationError) -> dict[str, Any]:
    """``{"field": ["message"], "codes": {"field": ["code"]}}`` for a DRF validation error.

    Also what a sync ``rejected`` result carries (``errors`` and ``codes``).
    """
    detail, codes = error.detail, error.get_codes()
    if not isinstance(detail, dict):
        detail = {api_settings.NON_FIELD_ERRORS_KEY: detail}
        codes = {api_settings.NON_FIELD_ERRORS_KEY: codes}
    return {"errors": plain(detail), "codes": plain(codes)}


def plain(detail: Any) -> Any:
    """DRF's error details (``ErrorDetail``, ``ReturnDict``) as plain JSON values."""
    if isinstance(detail, dict):
        return {str(key): plain(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [plain(item) for item in detail]
    return str(detail)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = as_drf_error(exc)
    response = drf_exception_handler(exc, context)
    if response is None or response.status_code != 400:
        return response
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(exc)
        response.data = {**body["errors"], "codes": body["codes"]}
    elif isinstance(exc, exceptions.APIException) and isinstance(response.data, dict):
        # e.g. a body that is not JSON: {"detail": "...", "codes": {"detail": "parse_error"}}
        response.data = {**response.data, "codes": {"detail": str(exc.get_codes())}}
    return response
