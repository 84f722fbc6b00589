"""tracker.writes: the one path every feed write takes (REST API and sync)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import BabyFactory, FeedFactory, UserFactory, add_caregiver
from tracker.models import Baby, Feed
from tracker.writes import FeedDeleted, FeedNotFound, delete_feed, write_feed

pytestmark = pytest.mark.django_db


def _bottle(baby, **extra):
    start = timezone.now() - timedelta(hours=2)
    return {"baby": baby.pk, "kind": "bottle", "started_at": start, "amount_ml": 60, **extra}


def test_create_stamps_version_one_and_the_babys_next_write_seq(user):
    baby = BabyFactory(owner=user)
    first = write_feed(user=user, feed_id=None, values=_bottle(baby)).feed
    second = write_feed(user=user, feed_id=None, values=_bottle(baby)).feed
    assert (first.version, second.version) == (1, 1)
    assert (first.change_seq, second.change_seq) == (1, 2)
    assert Baby.objects.get(pk=baby.pk).write_seq == 2


def test_client_chosen_id_is_kept(user):
    baby = BabyFactory(owner=user)
    feed_id = "0b7f2f8e-3f55-4a8c-9a54-0d5d8f6f3a11"
    feed = write_feed(user=user, feed_id=feed_id, values=_bottle(baby)).feed
    assert str(feed.pk) == feed_id


def test_edit_bumps_version_and_records_which_fields_changed(user):
    feed = FeedFactory(baby=BabyFactory(owner=user), kind="bottle", amount_ml=60, segments=[])
    result = write_feed(user=user, feed_id=feed.pk, values={"amount_ml": Decimal(90)})
    assert result.feed.version == 2
    assert result.feed.field_versions["amount_ml"] == 2
    assert result.feed.field_versions["notes"] == 1
    assert result.feed.change_seq == feed.change_seq + 1


def test_edit_of_a_field_nobody_else_touched_is_no_conflict(user):
    feed = FeedFactory(baby=BabyFactory(owner=user), kind="bottle", amount_ml=60, segments=[])
    write_feed(user=user, feed_id=feed.pk, values={"amount_ml": Decimal(90)})
    result = write_feed(user=user, feed_id=feed.pk, values={"notes": "sleepy"}, base_version=1)
    assert not result.conflict
    assert result.feed.amount_ml == Decimal(90)
    assert result.feed.notes == "sleepy"


def test_edit_of_a_field_changed_since_base_version_reports_the_overwritten_value(user):
    feed = FeedFactory(baby=BabyFactory(owner=user), kind="bottle", amount_ml=60, segments=[])
    write_feed(user=user, feed_id=feed.pk, values={"amount_ml": Decimal(90)})
    result = write_feed(
        user=user, feed_id=feed.pk, values={"amount_ml": Decimal(100)}, base_version=1
    )
    assert result.overwritten == {"amount_ml": Decimal(90)}
    assert result.feed.amount_ml == Decimal(100)


def test_invalid_edit_changes_nothing(user):
    feed = FeedFactory(baby=BabyFactory(owner=user), kind="bottle", amount_ml=60, segments=[])
    with pytest.raises(ValidationError) as error:
        write_feed(user=user, feed_id=feed.pk, values={"amount_ml": Decimal(5000)})
    assert "amount_ml" in error.value.message_dict
    stored = Feed.objects.get(pk=feed.pk)
    assert (stored.amount_ml, stored.version) == (Decimal(60), 1)
    assert Baby.objects.get(pk=feed.baby_id).write_seq == 1


def test_someone_elses_feed_is_not_found_and_untouched(user):
    feed = FeedFactory(baby=BabyFactory(), kind="bottle", amount_ml=60, segments=[])
    with pytest.raises(FeedNotFound):
        write_feed(user=user, feed_id=feed.pk, values={"notes": "mine now"})
    with pytest.raises(FeedNotFound):
        delete_feed(user=user, feed_id=feed.pk)
    assert Feed.objects.get(pk=feed.pk).notes == ""


def test_creating_for_someone_elses_baby_names_the_baby_field(user):
    with pytest.raises(ValidationError) as error:
        write_feed(user=user, feed_id=None, values=_bottle(BabyFactory()))
    assert list(error.value.message_dict) == ["baby"]


def test_a_caregiver_writes_feeds_of_a_shared_baby():
    baby = BabyFactory()
    partner = UserFactory()
    add_caregiver(baby, partner)
    feed = write_feed(user=partner, feed_id=None, values=_bottle(baby)).feed
    assert feed.created_by == partner


def test_delete_leaves_a_tombstone_that_cannot_be_edited(user):
    feed = FeedFactory(baby=BabyFactory(owner=user))
    tomb = delete_feed(user=user, feed_id=feed.pk)
    assert tomb.is_deleted
    assert tomb.version == feed.version + 1
    with pytest.raises(FeedDeleted):
        write_feed(user=user, feed_id=feed.pk, values={"notes": "back?"})
    assert Feed.objects.live().filter(pk=feed.pk).count() == 0


def test_a_feed_cannot_move_to_another_baby(user):
    feed = FeedFactory(baby=BabyFactory(owner=user))
    other = BabyFactory(owner=user)
    with pytest.raises(ValidationError) as error:
        write_feed(user=user, feed_id=feed.pk, values={"baby": other.pk})
    assert "baby" in error.value.message_dict


def test_create_only_refuses_an_existing_id(user):
    feed = FeedFactory(baby=BabyFactory(owner=user))
    with pytest.raises(ValidationError) as error:
        write_feed(user=user, feed_id=feed.pk, values={"notes": "x"}, create_only=True)
    assert "id" in error.value.message_dict


def test_an_end_before_the_start_across_a_dst_fold_is_refused(user):
    """01:50 (second pass, UTC-5) ends before 01:10 (first pass, UTC-4) on a fall-back night."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("America/New_York")
    start = datetime(2025, 11, 2, 1, 50, tzinfo=zone, fold=1)
    end = datetime(2025, 11, 2, 1, 10, tzinfo=zone, fold=0)
    baby = BabyFactory(owner=user)
    with pytest.raises(ValidationError) as error:
        write_feed(user=user, feed_id=None, values=_bottle(baby, started_at=start, ended_at=end))
    assert "ended_at" in error.value.message_dict
    assert not Feed.objects.filter(baby=baby).exists()


def _rejected(error, write, **kwargs) -> None:
    with pytest.raises(error):
        write(**kwargs)


def test_rejected_creates_edits_and_deletes_take_no_sequence_number(user):
    """Single writes: the baby's sequence counts the writes that happened, no more."""
    baby, stranger = BabyFactory(owner=user), BabyFactory()
    theirs = write_feed(
        user=stranger.caregivers.get().user, feed_id=None, values=_bottle(stranger)
    )
    a = write_feed(user=user, feed_id=None, values=_bottle(baby)).feed  # 1
    _rejected(
        ValidationError, write_feed, user=user, feed_id=None, values=_bottle(baby, amount_ml=5000)
    )
    write_feed(user=user, feed_id=a.pk, values={"notes": "sleepy"})  # 2
    _rejected(ValidationError, write_feed, user=user, feed_id=a.pk, values={"amount_ml": 5000})
    twin = BabyFactory(owner=user)
    _rejected(ValidationError, write_feed, user=user, feed_id=a.pk, values={"baby": twin.pk})
    write_feed(user=user, feed_id=a.pk, values={"notes": "sleepy"})  # no change: no write
    b = write_feed(user=user, feed_id=None, values=_bottle(baby)).feed  # 3
    _rejected(FeedNotFound, delete_feed, user=user, feed_id="0b7f2f8e-3f55-4a8c-9a54-0d5d8f6f3a11")
    _rejected(FeedNotFound, delete_feed, user=user, feed_id=theirs.feed.pk)
    delete_feed(user=user, feed_id=b.pk)  # 4
    delete_feed(user=user, feed_id=b.pk)  # already a tombstone: no write
    _rejected(FeedDeleted, write_feed, user=user, feed_id=b.pk, values={"notes": "back?"})
    c = write_feed(user=user, feed_id=None, values=_bottle(baby)).feed  # 5
    baby.refresh_from_db()
    stranger.refresh_from_db()
    assert (baby.write_seq, stranger.write_seq, twin.write_seq) == (5, 1, 0)
    seqs = dict(Feed.objects.filter(baby=baby).values_list("pk", "change_seq"))
    assert seqs == {a.pk: 2, b.pk: 4, c.pk: 5}
