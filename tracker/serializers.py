"""
Serializers of the tracker API: they translate JSON to values and back.

They type-check input (is it a date-time with an offset, a decimal with at
most two places, one of the known signs) and hold no business rules: the rules
are ``Feed.clean()`` and ``Baby.clean()``, reached through ``tracker.writes``
and ``tracker.sharing``, and their ``django.core.exceptions.ValidationError``
is turned into DRF's ``{"field": ["message"]}`` by ``as_drf_error``.

For sync (``tracker.sync``) the feed serializer offers two entry points:

- ``FeedSerializer.parse(data, partial=True)`` -> ``dict`` of type-checked
  values for ``write_feed(values=...)``, holding only the fields present in
  ``data``. Segments and let-downs come as ``Segment`` and ``Letdown``
  values, which the write carries through without parsing them again.
  Raises ``rest_framework.exceptions.ValidationError`` keyed by field, with
  codes; nothing is saved.

Input is strict: an unknown key is an error (``unknown_field``), and so is a
key the server keeps (``read_only``: ``version``, ``deleted``, the derived
totals; ``id`` on an edit); a string is a JSON string and an integer a JSON
integer (``wrong_type``): ``5`` is not the note ``"5"``, nor ``"5"`` the count
5. Millilitres take a number or a numeric string (decimals travel as either).
- ``FeedSerializer(feed).data`` -> the feed as the API contract's table,
  decimals as ``Decimal`` (rendered as JSON numbers). Use
  ``FeedSerializer.render(feed)`` for a JSON-safe dict (floats) to store.
"""

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

from letdown_project.api_errors import as_drf_error
from tracker.letdowns import MAX_LETDOWNS, Letdown
from tracker.models import MAX_ML, Baby, Caregiver, FeedKind, MilkType, Side, Sign
from tracker.rules import MAX_NAME_LENGTH, MAX_NOTES_LENGTH
from tracker.segments import MAX_SEGMENTS, Segment

# What a PUT (a whole feed) leaves behind for the optional fields it omits.
FEED_DEFAULTS: dict[str, Any] = {
    "ended_at": None,
    "segments": [],
    "letdown_count": 0,
    "letdowns": [],
    "signs": [],
    "left_ml": None,
    "right_ml": None,
    "amount_ml": None,
    "milk_type": None,
    "notes": "",
}


UNKNOWN_FIELD = "Unknown field."
READ_ONLY = "This field is set by the server and cannot be written."


class StrictFields:
    """A serializer mixin: unknown and read-only keys are errors, not ignored.

    ``server_keys`` are keys of the records the server sends that are no
    serializer field (a sync record's ``deleted``): sending one back is
    ``read_only``, not ``unknown_field``.
    """

    server_keys: tuple[str, ...] = ()

    def refused_keys(self, data) -> dict[str, list[ErrorDetail]]:
        if not isinstance(data, Mapping):
            return {}
        refused = {}
        for key in data:
            field = self.fields.get(key)
            if field is None and key not in self.server_keys:
                refused[key] = [ErrorDetail(UNKNOWN_FIELD, code="unknown_field")]
            elif field is None or field.read_only:
                refused[key] = [ErrorDetail(READ_ONLY, code="read_only")]
        return refused

    def to_internal_value(self, data):
        refused = self.refused_keys(data)
        try:
            values = super().to_internal_value(data)
        except ValidationError as error:
            if not refused or not isinstance(error.detail, dict):
                raise
            raise ValidationError({**error.detail, **refused}) from error
        if refused:
            raise ValidationError(refused)
        return values


class _StrictType:
    """A field that takes only the JSON type it stands for (no coercion)."""

    accepts: tuple[type, ...] = ()
    type_name = ""

    def to_internal_value(self, data):
        # JSON true/false are ints to Python: only a field for booleans takes them.
        is_bool = isinstance(data, bool) and bool not in self.accepts
        if is_bool or not isinstance(data, self.accepts):
            raise ValidationError([ErrorDetail(f"Expected {self.type_name}.", code="wrong_type")])
        return super().to_internal_value(data)


class StrictCharField(_StrictType, serializers.CharField):
    accepts, type_name = (str,), "a string"


class StrictIntegerField(_StrictType, serializers.IntegerField):
    accepts, type_name = (int,), "a whole number"


class StrictChoiceField(_StrictType, serializers.ChoiceField):
    accepts, type_name = (str,), "one of the listed values, as a string"


class StrictUUIDField(_StrictType, serializers.UUIDField):
    accepts, type_name = (str,), "an id (a UUID string)"


class AwareDateTimeField(_StrictType, serializers.DateTimeField):
    """An ISO 8601 date-time that must carry its UTC offset.

    DRF would read a naive time in the server's zone; a parent's phone knows
    its offset and must send it, or a feed lands hours away from when it was.
    """

    accepts, type_name = (str, datetime), "a date-time string"
    default_error_messages = {
        "naive": "Give the time with its UTC offset, e.g. 2026-01-31T08:00:00+01:00.",
    }

    def to_internal_value(self, value):
        if isinstance(value, str):
            # A "+01:00" offset arrives as " 01:00" when a client forgets to encode "+".
            value = value.strip().replace(" ", "+")
        return super().to_internal_value(value)

    def enforce_timezone(self, value):
        if timezone.is_naive(value):
            self.fail("naive")
        # UTC, whatever TIME_ZONE says: comparing two times of one local zone
        # is wall-clock arithmetic, wrong across a DST fold.
        try:
            return value.astimezone(UTC)
        except OverflowError:  # e.g. 9999-12-31T23:00:00-02:00 is past year 9999 in UTC
            self.fail("overflow")


class MillilitresField(_StrictType, serializers.DecimalField):
    accepts, type_name = (int, float, str, Decimal), "a number of millilitres"

    def __init__(self, **kwargs):
        super().__init__(
            max_digits=6,
            decimal_places=2,
            min_value=Decimal(0),
            max_value=MAX_ML,
            allow_null=True,
            required=False,
            **kwargs,
        )


class BabyIdField(StrictUUIDField):
    """The feed's baby as its id; reading ``baby_id`` costs no query."""

    def get_attribute(self, instance):
        return instance.baby_id


class SegmentSerializer(StrictFields, serializers.Serializer):
    side = StrictChoiceField(choices=Side.choices)
    started_at = AwareDateTimeField()
    ended_at = AwareDateTimeField(allow_null=True, required=False, default=None)


@extend_schema_field(SegmentSerializer)
class SegmentField(serializers.Field):
    """One segment, always checked whole: a partial feed edit still sends whole segments."""

    def to_internal_value(self, data):
        # A root serializer of its own, so the feed's ``partial`` does not let
        # a segment without a side or start slip through. Its errors come keyed
        # by field, as ``is_valid()`` would give them.
        return Segment(**_segment_parser().run_validation(data))

    def to_representation(self, value):
        return value


class LetdownSerializer(StrictFields, serializers.Serializer):
    at = AwareDateTimeField()
    ml = MillilitresField(default=None)


@extend_schema_field(LetdownSerializer)
class LetdownField(serializers.Field):
    """One let-down, always checked whole (as a segment is)."""

    def to_internal_value(self, data):
        return Letdown(**_letdown_parser().run_validation(data))

    def to_representation(self, value):
        return value


class FeedSerializer(StrictFields, serializers.Serializer):
    server_keys = ("deleted",)  # in sync records

    id = StrictUUIDField(required=False)
    baby = BabyIdField()
    kind = StrictChoiceField(choices=FeedKind.choices)
    started_at = AwareDateTimeField()
    ended_at = AwareDateTimeField(allow_null=True, required=False)
    segments = serializers.ListField(child=SegmentField(), max_length=MAX_SEGMENTS, required=False)
    left_seconds = serializers.IntegerField(read_only=True)
    right_seconds = serializers.IntegerField(read_only=True)
    duration_seconds = serializers.IntegerField(read_only=True)
    first_side = serializers.ChoiceField(choices=Side.choices, read_only=True, allow_null=True)
    last_side = serializers.ChoiceField(choices=Side.choices, read_only=True, allow_null=True)
    letdown_count = StrictIntegerField(min_value=0, max_value=MAX_LETDOWNS, required=False)
    # Ordered, inside the feed's span; when sent, letdown_count follows from it
    # (tracker.writes), unless it is empty and a count is sent with it.
    letdowns = serializers.ListField(child=LetdownField(), max_length=MAX_LETDOWNS, required=False)
    signs = serializers.ListField(
        child=StrictChoiceField(choices=Sign.choices),
        max_length=len(Sign.values),
        required=False,
    )
    left_ml = MillilitresField()
    right_ml = MillilitresField()
    amount_ml = MillilitresField()
    milk_type = StrictChoiceField(choices=MilkType.choices, allow_null=True, required=False)
    notes = StrictCharField(
        max_length=MAX_NOTES_LENGTH, allow_blank=True, required=False, trim_whitespace=False
    )
    version = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    @classmethod
    def parse(cls, data: Any, *, partial: bool) -> dict[str, Any]:
        """Type-check ``data`` into values for ``write_feed``; save nothing."""
        if not isinstance(data, dict):
            raise ValidationError(
                {
                    "non_field_errors": [
                        ErrorDetail("Expected an object of feed fields.", "invalid")
                    ]
                }
            )
        if "id" in data:
            # The id is the URL's (REST) or the mutation's (sync), never the data's.
            raise ValidationError({"id": [ErrorDetail(READ_ONLY, code="read_only")]})
        # run_validation() on a shared instance: the same checks and the same
        # field-keyed errors as is_valid(), without building a serializer (a deep
        # copy of every field) per call, which was half the cost of a sync push.
        return dict(_feed_parser(partial).run_validation(data))

    @classmethod
    def render(cls, feed) -> dict[str, Any]:
        """The feed as plain JSON types (decimals as floats), e.g. to store in a JSONField.

        Reuses one serializer: building a serializer copies all its fields, which
        costs ten times the rendering itself when done per feed.
        """
        data = dict(_feed_renderer().to_representation(feed))
        for name in ("left_ml", "right_ml", "amount_ml"):
            if data[name] is not None:
                data[name] = float(data[name])
        return data


@cache
def _feed_renderer() -> FeedSerializer:
    # Rendering is read-only: one instance, its fields bound once, serves all.
    return FeedSerializer()


@cache
def _feed_parser(partial: bool) -> FeedSerializer:
    # Validation keeps no state on the serializer or its fields (run_validation
    # returns the values or raises), so one instance per mode serves every
    # request and thread.
    return FeedSerializer(partial=partial)


@cache
def _segment_parser() -> SegmentSerializer:
    return SegmentSerializer()


@cache
def _letdown_parser() -> LetdownSerializer:
    return LetdownSerializer()


class FeedFilterSerializer(serializers.Serializer):
    """The list's query parameters; a bad one is a 400 naming it."""

    baby = serializers.UUIDField(required=False)
    kind = serializers.ChoiceField(choices=FeedKind.choices, required=False)
    started_after = AwareDateTimeField(required=False)
    started_before = AwareDateTimeField(required=False)


class BabySerializer(StrictFields, serializers.ModelSerializer):
    role = serializers.CharField(read_only=True)
    name = StrictCharField(
        max_length=MAX_NAME_LENGTH, error_messages={"blank": "A name is needed."}
    )

    class Meta:
        model = Baby
        fields = ["id", "name", "birth_date", "role", "created_at"]
        read_only_fields = ["id", "created_at"]
        # (``name``: DRF refuses a blank name before Baby.clean() runs; it says it the same way.)

    def validate(self, attrs):
        # Baby.clean() holds the rules (a real name, no birth date in the future).
        baby = Baby(
            name=attrs.get("name", getattr(self.instance, "name", "")),
            birth_date=attrs.get("birth_date", getattr(self.instance, "birth_date", None)),
        )
        try:
            baby.clean()
        except DjangoValidationError as error:
            raise as_drf_error(error) from error
        return attrs


class CaregiverSerializer(serializers.ModelSerializer):
    user_id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    since = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Caregiver
        fields = ["user_id", "username", "role", "since"]


class InviteSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)


class AcceptInviteSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=32, trim_whitespace=True)
