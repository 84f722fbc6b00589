"""Feed and Baby rules (Feed.clean, Baby.clean) and the derived totals."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import BabyFactory, FeedFactory, UserFactory, add_caregiver
from tracker.models import Baby, Feed, Invite

pytestmark = pytest.mark.django_db

T0 = timezone.now().replace(microsecond=0) - timedelta(days=1)


def _seg(side, start_min, end_min):
    end = None if end_min is None else (T0 + timedelta(minutes=end_min)).isoformat()
    return {
        "side": side,
        "started_at": (T0 + timedelta(minutes=start_min)).isoformat(),
        "ended_at": end,
    }


def _errors(**fields) -> dict:
    feed = Feed(baby=BabyFactory(), kind="breast", started_at=T0, **fields)
    with pytest.raises(ValidationError) as error:
        feed.full_clean(exclude=["baby"])
    return error.value.message_dict


def test_totals_are_derived_from_segments_and_span():
    feed = FeedFactory(
        started_at=T0,
        ended_at=T0 + timedelta(minutes=25),
        segments=[_seg("left", 0, 10), _seg("right", 12, 25)],
    )
    assert (feed.left_seconds, feed.right_seconds, feed.duration_seconds) == (600, 780, 1500)
    assert (feed.first_side, feed.last_side) == ("left", "right")


def test_a_running_feed_has_an_open_last_segment():
    feed = FeedFactory(
        started_at=T0, ended_at=None, segments=[_seg("left", 0, 5), _seg("right", 5, None)]
    )
    assert feed.ended_at is None
    assert (feed.left_seconds, feed.right_seconds, feed.last_side) == (300, 0, "right")


def test_end_before_start_names_ended_at():
    assert "ended_at" in _errors(ended_at=T0 - timedelta(minutes=1))


def test_a_feed_lasts_at_most_12_hours():
    assert "ended_at" in _errors(ended_at=T0 + timedelta(hours=12, seconds=1))


def test_start_more_than_10_minutes_ahead_is_refused():
    feed = Feed(
        baby=BabyFactory(), kind="breast", started_at=timezone.now() + timedelta(minutes=11)
    )
    with pytest.raises(ValidationError) as error:
        feed.full_clean(exclude=["baby"])
    assert "started_at" in error.value.message_dict


def test_a_start_before_the_year_2000_is_refused():
    feed = Feed(baby=BabyFactory(), kind="bottle", started_at=T0.replace(year=1999))
    with pytest.raises(ValidationError) as error:
        feed.full_clean(exclude=["baby"])
    assert "started_at" in error.value.message_dict


def test_overlapping_segments_are_refused():
    segments = [_seg("left", 0, 10), _seg("right", 9, 20)]
    assert "segments" in _errors(ended_at=T0 + timedelta(minutes=20), segments=segments)


def test_segment_outside_the_feed_is_refused():
    segments = [_seg("left", 0, 30)]
    assert "segments" in _errors(ended_at=T0 + timedelta(minutes=20), segments=segments)


def test_only_the_last_segment_of_a_running_feed_may_be_open():
    segments = [_seg("left", 0, None), _seg("right", 5, 10)]
    assert "segments" in _errors(segments=segments)


def test_segment_with_unknown_side_is_refused():
    assert "segments" in _errors(
        segments=[{"side": "middle", "started_at": T0.isoformat(), "ended_at": None}]
    )


def test_bottle_fields_on_a_breast_feed_are_refused():
    errors = _errors(amount_ml=Decimal(60), milk_type="formula")
    assert {"amount_ml", "milk_type"} <= set(errors)


def test_pump_volumes_on_a_bottle_feed_are_refused():
    feed = Feed(baby=BabyFactory(), kind="bottle", started_at=T0, left_ml=Decimal(20))
    with pytest.raises(ValidationError) as error:
        feed.full_clean(exclude=["baby"])
    assert "left_ml" in error.value.message_dict


def test_volume_over_1000_ml_is_refused():
    feed = Feed(baby=BabyFactory(), kind="pump", started_at=T0, left_ml=Decimal("1000.5"))
    with pytest.raises(ValidationError) as error:
        feed.full_clean(exclude=["baby"])
    assert "left_ml" in error.value.message_dict


def test_unknown_and_repeated_signs_are_refused():
    assert "signs" in _errors(signs=["tingling", "sparkles"])
    assert "signs" in _errors(signs=["gulping", "gulping"])


def test_more_than_20_letdowns_is_refused():
    assert "letdown_count" in _errors(letdown_count=21)


def test_notes_longer_than_2000_characters_are_refused():
    assert "notes" in _errors(notes="x" * 2001)


def test_birth_date_in_the_future_is_refused():
    baby = Baby(name="Robin", birth_date=timezone.now().date() + timedelta(days=3))
    with pytest.raises(ValidationError) as error:
        baby.full_clean()
    assert "birth_date" in error.value.message_dict


def test_invite_codes_are_normalised_from_what_people_type():
    assert Invite.normalise_code(" abcd efgh ") == "ABCD-EFGH"
    assert Invite.normalise_code("abcd-efgh") == "ABCD-EFGH"


def test_fresh_invite_is_usable_for_48_hours(user):
    invite = Invite.objects.create(baby=BabyFactory(owner=user), created_by=user)
    assert invite.is_usable
    assert timedelta(hours=47) < invite.expires_at - timezone.now() <= timedelta(hours=48)


def test_with_role_annotates_the_users_role_for_each_baby():
    parent, partner = UserFactory(), UserFactory()
    mine, theirs = BabyFactory(owner=parent), BabyFactory(owner=partner)
    add_caregiver(theirs, parent)
    add_caregiver(mine, partner)
    roles = {baby.pk: baby.role for baby in Baby.objects.with_role(parent)}
    assert roles == {mine.pk: "owner", theirs.pk: "caregiver"}


def test_with_role_leaves_out_babies_the_user_cannot_see():
    BabyFactory()
    assert not Baby.objects.with_role(UserFactory()).exists()
