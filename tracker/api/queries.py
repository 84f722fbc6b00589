"""
Query-string fields the API's query serializers share.

Each takes the raw text and answers the value, or a 400 naming the parameter
with code ``invalid`` and the message the API has always given.
"""

from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

UNKNOWN_ZONE = "Unknown time zone; use a name like Europe/Berlin."
BAD_DATE = "Use a date as YYYY-MM-DD."


def refuse(message: str):
    raise ValidationError([ErrorDetail(message, "invalid")])


@extend_schema_field(OpenApiTypes.STR)
class TimeZoneField(serializers.Field):
    """An IANA zone name (``Europe/London``); empty or absent is UTC."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def get_default(self):
        return ZoneInfo("UTC")

    def to_internal_value(self, data) -> ZoneInfo:
        try:
            return ZoneInfo(str(data) or "UTC")
        except (ZoneInfoNotFoundError, ValueError, OSError):
            refuse(UNKNOWN_ZONE)

    def to_representation(self, value):
        return value.key


@extend_schema_field(OpenApiTypes.DATE)
class IsoDateField(serializers.Field):
    """An ISO 8601 date between ``earliest`` and ``latest``."""

    def __init__(self, *, earliest: date, latest: date, **kwargs):
        super().__init__(required=False, **kwargs)
        self.earliest, self.latest = earliest, latest

    def to_internal_value(self, data) -> date:
        try:
            parsed = date.fromisoformat(str(data))
        except ValueError:
            refuse(BAD_DATE)
        # Far from any feed, and near enough to year 1 or 9999 to overflow in UTC.
        if not self.earliest <= parsed <= self.latest:
            refuse(f"Use a date from {self.earliest} to {self.latest}.")
        return parsed

    def to_representation(self, value):
        return value.isoformat()


@extend_schema_field({"type": "integer", "minimum": 1})
class PageLimitField(serializers.Field):
    """A page size from 1; above ``cap`` it is capped, not refused."""

    def __init__(self, *, default: int, cap: int, **kwargs):
        super().__init__(required=False, default=default, **kwargs)
        self.cap = cap
        self.message = f"A whole number from 1 to {cap}."

    def to_internal_value(self, data) -> int:
        try:
            size = int(data)
        except (TypeError, ValueError):
            size = 0
        if size < 1:
            refuse(self.message)
        return min(size, self.cap)

    def to_representation(self, value):
        return value


class QueryChoiceField(serializers.ChoiceField):
    """One of ``choices``; anything else is ``message``."""

    def __init__(self, *, message: str, **kwargs):
        super().__init__(required=False, **kwargs)
        self.message = message

    def to_internal_value(self, data) -> str:
        if data not in self.choices:
            refuse(self.message)
        return data
