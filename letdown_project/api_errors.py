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
- ``error_body(drf_error)``: its messages and codes, side by side.
The API's exception handler (``tracker/api/errors.py``) answers with them;
sync's ``rejected`` results carry them.
"""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings


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
