"""
The rulebook: every rule of a baby, a feed and an invite, stated once.

Contract: the limits, the enums (Django ``TextChoices``), which fields belong
to which kind of feed, the fields a client writes, and each violation as
``Violation(field, code, message)``: ``code`` is the stable word of
docs/api-contract.md ("Error codes"), ``message`` a template whose
``{placeholders}`` are filled by ``Violation.error(**params)``.

``Feed.clean``, ``Baby.clean``, ``tracker.segments`` and ``tracker.letdowns``
raise these; the phone reads the same book from
``frontend/static/frontend/js/tracker/rulebook.js``, rendered from this module
by ``manage.py write_rulebook`` (``tracker.rulebook_js``) and checked by a test,
so a limit or a message changed here reaches both. Nothing here reads settings.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

# Limits.
MAX_FEED_DURATION = timedelta(hours=12)
MAX_CLOCK_AHEAD = timedelta(minutes=10)
# Nobody logs a feed from before this; an earlier date is a typo or a broken
# clock, and year-1 dates overflow time-zone arithmetic in summaries.
EARLIEST_FEED = datetime(2000, 1, 1, tzinfo=UTC)
# Nobody alive now was born before this; year 1 is a typo.
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
# "Not in the future" for every parent on earth: today where it is latest (UTC+14).
LATEST_ZONE_AHEAD = timedelta(hours=14)
MIN_ML = Decimal(0)
MAX_ML = Decimal(1000)
ML_DECIMAL_PLACES = 2
ML_MAX_DIGITS = 6
MAX_SEGMENTS = 100
MAX_LETDOWNS = 20
MAX_NOTES_LENGTH = 2000
MAX_NAME_LENGTH = 100
INVITE_LIFETIME = timedelta(hours=48)
# Invite codes are read aloud and typed on a phone: no 0/O or 1/I/L.
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITE_CODE_LENGTH = 8
# One sync push (POST /api/v1/sync/push/): the server's limits; the phone
# fills its batches below them (push.js).
MAX_PUSH_MUTATIONS = 100
MAX_PUSH_BYTES = 256 * 1024
# A summary or a shared report covers at most a year of days (a leap year too).
MAX_RANGE_DAYS = 366
# A report link (reports/) works for at most 30 days: long enough for a follow-up visit.
MAX_REPORT_LINK_HOURS = 720


class Role(models.TextChoices):
    OWNER = "owner"
    CAREGIVER = "caregiver"


class Side(models.TextChoices):
    LEFT = "left"
    RIGHT = "right"


class FeedKind(models.TextChoices):
    BREAST = "breast"
    PUMP = "pump"
    BOTTLE = "bottle"


class MilkType(models.TextChoices):
    BREAST_MILK = "breast_milk", "breast milk"
    FORMULA = "formula"
    MIXED = "mixed"


class Sign(models.TextChoices):
    """Signs of a let-down or of milk transfer, as the guidance names them."""

    TINGLING = "tingling"
    LEAKING = "leaking"
    RELAXATION = "relaxation"
    SWALLOWING = "swallowing"
    SUCKLING_CHANGE = "suckling_change", "suckling change"
    MILK_AT_MOUTH = "milk_at_mouth", "milk at mouth"
    GULPING = "gulping"


# Fields that only one kind of feed has; on any other kind they are empty.
KIND_FIELDS = {
    "left_ml": FeedKind.PUMP,
    "right_ml": FeedKind.PUMP,
    "amount_ml": FeedKind.BOTTLE,
    "milk_type": FeedKind.BOTTLE,
}
# Kinds with sides (segments); a bottle has none.
KINDS_WITH_SIDES = (FeedKind.BREAST, FeedKind.PUMP)
ML_FIELDS = ("left_ml", "right_ml", "amount_ml")

# Fields a client writes; the rest are derived or kept by the server.
WRITABLE_FEED_FIELDS = (
    "baby",
    "kind",
    "started_at",
    "ended_at",
    "segments",
    "letdown_count",
    "letdowns",
    "signs",
    "left_ml",
    "right_ml",
    "amount_ml",
    "milk_type",
    "notes",
)


@dataclass(frozen=True)
class Violation:
    """One way a value breaks a rule: where, its stable code, and the words for it."""

    field: str
    code: str
    message: str

    def text(self, **params) -> str:
        return self.message.format(**params)

    def error(self, **params) -> ValidationError:
        return ValidationError(self.text(**params), code=self.code)


_HOURS = int(MAX_FEED_DURATION.total_seconds() // 3600)
_YEAR = EARLIEST_FEED.year
_IN_FUTURE = "is in the future; check the phone's clock."

# Keyed by a name for the rule; ``field`` "segments"/"letdowns" rules name
# their item by number ({n}); a time's ``{where}`` is e.g. "Segment 1 started_at".
VIOLATIONS = {
    v_name: Violation(*v)
    for v_name, v in {
        # A feed's times.
        "feed_too_early": (
            "started_at",
            "too_early",
            f"A feed cannot start before the year {_YEAR}; check the date.",
        ),
        "start_in_future": ("started_at", "in_future", f"The start {_IN_FUTURE}"),
        "ends_before_start": (
            "ended_at",
            "ends_before_start",
            "The end must not be before the start.",
        ),
        "feed_too_long": ("ended_at", "too_long", f"A feed lasts at most {_HOURS} hours."),
        "end_in_future": ("ended_at", "in_future", f"The end {_IN_FUTURE}"),
        # Fields of another kind.
        "not_for_kind": ("", "not_for_kind", "Only a {kind} feed has {what}."),
        "bottle_sides": ("segments", "not_for_kind", "A bottle feed has no sides."),
        # Signs.
        "signs_not_a_list": ("signs", "not_a_list", "Expected a list."),
        "unknown_sign": ("signs", "invalid_choice", "Unknown sign(s): {signs}."),
        "duplicate_sign": ("signs", "duplicate", "Each sign may appear once."),
        # The shape of a stored list (segments, let-downs): {noun}, {plural}.
        "list_not_a_list": ("", "not_a_list", "Expected a list of {plural}."),
        "list_too_long": ("", "", "At most {limit} {plural} per feed."),
        "item_not_an_object": ("", "", "{noun} {n}: expected an object."),
        "item_unknown_field": ("", "unknown_field", "{noun} {n}: unknown field(s) {fields}."),
        "time_invalid": ("", "invalid", "{where}: expected an ISO 8601 date-time."),
        "time_naive": ("", "naive", "{where}: the date-time needs a UTC offset."),
        "time_overflow": ("", "overflow", "{where}: the date-time is out of range."),
        # Segments.
        "segment_side": (
            "segments",
            "invalid_choice",
            "Segment {n}: side must be " + " or ".join(f"'{s}'" for s in Side.values) + ".",
        ),
        "segment_backwards": (
            "segments",
            "ends_before_start",
            "Segment {n}: the end must not be before the start.",
        ),
        "segment_too_early": (
            "segments",
            "too_early",
            f"Segment {{n}} starts before the year {_YEAR}; check it.",
        ),
        "segment_in_future": ("segments", "in_future", f"Segment {{n}} {_IN_FUTURE}"),
        "segment_too_long": (
            "segments",
            "too_long",
            f"Segment {{n}} lasts more than {_HOURS} hours.",
        ),
        "segment_before_feed": ("segments", "before_feed", "Segment {n} starts before the feed."),
        "segment_not_ended": (
            "segments",
            "not_ended",
            "Segment {n} has no end; only a running one may.",
        ),
        "segment_after_feed": ("segments", "after_feed", "Segment {n} ends after the feed."),
        "segments_overlap": (
            "segments",
            "overlap",
            "Segments {n} and {next} overlap or are out of order.",
        ),
        # Let-downs.
        "letdown_ml_type": (
            "letdowns",
            "wrong_type",
            "{where}: expected a number of millilitres or null.",
        ),
        "letdown_count_mismatch": (
            "letdown_count",
            "count_mismatch",
            "With let-down times the count is their number ({count}).",
        ),
        "letdown_ml_not_for_kind": (
            "letdowns",
            "not_for_kind",
            "Let-down {n}: only a pump feed has millilitres.",
        ),
        "letdown_ml_range": (
            "letdowns",
            "out_of_range",
            f"Let-down {{n}}: ml must be between {MIN_ML} and {MAX_ML}.",
        ),
        "letdown_ml_precision": (
            "letdowns",
            "too_precise",
            f"Let-down {{n}}: at most {ML_DECIMAL_PLACES} decimal places of ml.",
        ),
        "letdown_before_feed": (
            "letdowns",
            "before_feed",
            "Let-down {n} is before the feed started.",
        ),
        "letdown_after_feed": ("letdowns", "after_feed", "Let-down {n} is after the feed ended."),
        "letdown_in_future": ("letdowns", "in_future", f"Let-down {{n}} {_IN_FUTURE}"),
        "letdowns_out_of_order": (
            "letdowns",
            "out_of_order",
            "Let-downs {n} and {next} are out of order.",
        ),
        # A feed's plain fields (Django's field validators give the server's words).
        "ml_below": ("", "min_value", "Ensure this value is greater than or equal to {limit}."),
        "ml_above": ("", "max_value", "Ensure this value is less than or equal to {limit}."),
        "ml_decimals": (
            "",
            "max_decimal_places",
            "Ensure that there are no more than {limit} decimal places.",
        ),
        "ml_digits": (
            "",
            "max_digits",
            "Ensure that there are no more than {limit} digits in total.",
        ),
        "ml_whole_digits": (
            "",
            "max_whole_digits",
            "Ensure that there are no more than {limit} digits before the decimal point.",
        ),
        "count_below": (
            "letdown_count",
            "min_value",
            "Ensure this value is greater than or equal to {limit}.",
        ),
        "count_above": (
            "letdown_count",
            "max_value",
            "Ensure this value is less than or equal to {limit}.",
        ),
        "notes_too_long": (
            "notes",
            "max_length",
            "Ensure this value has at most {limit} characters (it has {length}).",
        ),
        "invalid_choice": ("", "invalid_choice", "Value {value} is not a valid choice."),
        # A baby.
        "name_blank": ("name", "blank", "A name is needed."),
        "birth_in_future": ("birth_date", "in_future", "The birth date cannot be in the future."),
        "birth_too_early": (
            "birth_date",
            "too_early",
            f"The birth date must be in {EARLIEST_BIRTH_DATE.year} or later; check the year.",
        ),
    }.items()
}
# The list rules' codes, per list: the API contract's codes (max_length is DRF's).
LIST_CODES = {
    "segments": {"too_long": "max_length", "not_an_object": "invalid"},
    "letdowns": {"too_long": "too_many", "not_an_object": "wrong_type"},
}


def violation(
    name: str | Violation, field: str | None = None, code: str | None = None
) -> Violation:
    """The rule ``name``, with its field (or code) filled in where the rule serves several."""
    rule = name if isinstance(name, Violation) else VIOLATIONS[name]
    return Violation(field or rule.field, code or rule.code, rule.message)
