"""FeedSerializer.parse and .render: the entry points sync shares with the REST API."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from rest_framework.exceptions import ValidationError

from tests.factories import FeedFactory
from tracker.letdowns import Letdown
from tracker.segments import Segment
from tracker.serializers import FeedSerializer

pytestmark = pytest.mark.django_db


def test_parse_keeps_only_the_fields_sent():
    values = FeedSerializer.parse({"notes": "both sides"}, partial=True)
    assert values == {"notes": "both sides"}


def test_parse_refuses_read_only_and_unknown_fields_with_their_codes():
    data = {"notes": "ok", "version": 9, "deleted": True, "notez": "typo", "left_seconds": 3}
    with pytest.raises(ValidationError) as refused:
        FeedSerializer.parse(data, partial=True)
    assert refused.value.get_codes() == {
        "version": ["read_only"],
        "deleted": ["read_only"],
        "notez": ["unknown_field"],
        "left_seconds": ["read_only"],
    }


def test_parse_refuses_the_id_in_the_data():
    with pytest.raises(ValidationError) as refused:
        FeedSerializer.parse({"id": "0b7f2f8e-3f55-4a8c-9a54-0d5d8f6f3a11"}, partial=True)
    assert refused.value.get_codes() == {"id": ["read_only"]}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"notes": 5}, "notes"),
        ({"notes": True}, "notes"),
        ({"letdown_count": "3"}, "letdown_count"),
        ({"letdown_count": 3.0}, "letdown_count"),
        ({"letdown_count": True}, "letdown_count"),
        ({"kind": 1}, "kind"),
        ({"milk_type": False}, "milk_type"),
        ({"baby": 12345}, "baby"),
        ({"started_at": 1767225600}, "started_at"),
        ({"amount_ml": True}, "amount_ml"),
        ({"signs": [1]}, "signs"),
    ],
)
def test_parse_takes_each_value_only_as_its_own_json_type(data, field):
    with pytest.raises(ValidationError) as refused:
        FeedSerializer.parse(data, partial=True)
    assert list(refused.value.detail) == [field]
    assert "wrong_type" in str(refused.value.get_codes())


def test_millilitres_take_a_number_or_a_numeric_string():
    assert FeedSerializer.parse({"amount_ml": 60}, partial=True) == {"amount_ml": 60}
    assert FeedSerializer.parse({"amount_ml": "60.5"}, partial=True) == {
        "amount_ml": Decimal("60.5")
    }


def test_parse_turns_times_into_utc():
    values = FeedSerializer.parse({"started_at": "2026-03-01T08:00:00+01:00"}, partial=True)
    assert values["started_at"].tzinfo is UTC
    assert values["started_at"].hour == 7


def test_parse_gives_segments_and_letdowns_as_values_in_utc():
    """Parsed once here; the write carries these values to the stored form."""
    segment = {"side": "left", "started_at": "2026-03-01T08:00:00+01:00", "ended_at": None}
    letdown = {"at": "2026-03-01T08:05:00+01:00", "ml": "4.5"}
    values = FeedSerializer.parse({"segments": [segment], "letdowns": [letdown]}, partial=True)
    (parsed,) = values["segments"]
    assert parsed == Segment("left", datetime(2026, 3, 1, 7, tzinfo=UTC), None)
    assert parsed.started_at.tzinfo is UTC
    assert values["letdowns"] == [Letdown(datetime(2026, 3, 1, 7, 5, tzinfo=UTC), Decimal("4.5"))]


def test_parse_reads_decimals_exactly():
    assert FeedSerializer.parse({"left_ml": 12.3}, partial=True)["left_ml"] == Decimal("12.30")


def test_parse_needs_the_core_fields_when_not_partial():
    with pytest.raises(ValidationError) as error:
        FeedSerializer.parse({}, partial=False)
    assert {"baby", "kind", "started_at"} <= set(error.value.detail)


def test_parse_refuses_what_is_not_an_object():
    with pytest.raises(ValidationError):
        FeedSerializer.parse(["kind", "bottle"], partial=True)


def test_parse_names_the_segment_at_fault():
    segment = {"side": "middle", "started_at": "2026-03-01T08:00:00Z"}
    with pytest.raises(ValidationError) as error:
        FeedSerializer.parse({"segments": [segment]}, partial=True)
    assert "side" in error.value.detail["segments"][0]


def test_render_gives_plain_json_types():
    feed = FeedFactory(kind="pump", left_ml="40.5", right_ml=None)
    rendered = FeedSerializer.render(feed)
    assert (rendered["left_ml"], rendered["right_ml"]) == (40.5, None)
    assert isinstance(rendered["started_at"], str)


def test_render_shows_times_with_an_offset():
    feed = FeedFactory()
    assert FeedSerializer.render(feed)["started_at"].endswith("Z")
