"""
Every write to a feed: create, edit, delete. Used by the REST API and by sync.

Contract of ``write_feed`` and ``delete_feed``:
- One transaction. The baby's write lock is taken first (``Baby.take_write_seq``),
  so writes to one baby's feeds are serialised and stamped in commit order.
- The feed's ``version`` grows by one on every write; ``field_versions`` records
  the version at which each field was last written, which is what lets sync
  merge field by field (a field changed by someone else since the writer's
  ``base_version`` is a conflict; other fields merge silently).
- Rules are ``Feed.clean()``'s; a violation raises ``ValidationError`` keyed by
  field and the transaction rolls back, so nothing stored changes.
- A feed the user cannot see raises ``FeedNotFound`` whether it exists or not.
  A deleted feed raises ``FeedDeleted``: deleted feeds never come back.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tracker.models import WRITABLE_FEED_FIELDS, Baby, Feed
from tracker.segments import Segment, serialise_segments


class FeedNotFound(Exception):
    """No feed with this id that the user may see (it may belong to someone else)."""


class FeedDeleted(Exception):
    """The feed was deleted; it cannot be edited or brought back."""

    def __init__(self, feed: Feed):
        super().__init__(str(feed.pk))
        self.feed = feed


# Set here, not by the client: checking them again would cost a query each.
_SET_BY_SERVER = ["baby", "created_by", "updated_by"]


@dataclass
class FeedWrite:
    feed: Feed
    created: bool
    # Previous values of the fields this write replaced although another
    # device had changed them since the writer's base_version.
    overwritten: dict[str, Any] = field(default_factory=dict)

    @property
    def conflict(self) -> bool:
        return bool(self.overwritten)


def _writable_baby(user, baby: Baby | UUID | str | None) -> Baby:
    baby_id = baby.pk if isinstance(baby, Baby) else baby
    found = Baby.objects.visible_to(user).filter(pk=baby_id).first() if baby_id else None
    if found is None:
        # Same message for "missing" and "someone else's": existence is not revealed.
        raise ValidationError({"baby": ["No baby with this id is shared with you."]})
    return found


def _normalise(name: str, value: Any) -> Any:
    # Python compares two datetimes of one tzinfo by wall clock, ignoring the
    # DST fold: in UTC an end before the start is always seen as such.
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    if name == "segments" and value and isinstance(value[0], Segment):
        return serialise_segments(value)
    if name == "baby" and isinstance(value, Baby):
        return value.pk
    return value


def _current(feed: Feed, name: str) -> Any:
    return feed.baby_id if name == "baby" else getattr(feed, name)


def write_feed(
    *,
    user,
    feed_id: UUID | str | None,
    values: Mapping[str, Any],
    base_version: int | None = None,
    create_only: bool = False,
) -> FeedWrite:
    """Create the feed ``feed_id`` or change the given fields of it.

    ``values`` holds already type-checked values (a serializer's output) for
    some of ``WRITABLE_FEED_FIELDS``. ``create_only`` makes an existing id an
    error (REST POST) instead of an edit (sync upsert).
    """
    unknown = set(values) - set(WRITABLE_FEED_FIELDS)
    if unknown:
        raise ValidationError({name: ["This field cannot be written."] for name in unknown})
    values = {name: _normalise(name, value) for name, value in values.items()}
    with transaction.atomic():
        existing = Feed.objects.filter(pk=feed_id).first() if feed_id else None
        if existing is None:
            return _create(user, feed_id, values)
        if not Feed.objects.visible_to(user).filter(pk=existing.pk).exists():
            raise FeedNotFound(str(feed_id))
        if create_only:
            raise ValidationError({"id": ["A feed with this id already exists."]})
        return _update(user, existing, values, base_version)


def _create(user, feed_id, values: dict[str, Any]) -> FeedWrite:
    baby = _writable_baby(user, values.get("baby"))
    seq = Baby.take_write_seq(baby.pk)
    feed = Feed(baby=baby, created_by=user, updated_by=user)
    if feed_id:
        feed.pk = feed_id
    for name, value in values.items():
        if name != "baby":
            setattr(feed, name, value)
    feed.full_clean(exclude=_SET_BY_SERVER, validate_unique=False, validate_constraints=False)
    feed.version = 1
    feed.field_versions = dict.fromkeys(WRITABLE_FEED_FIELDS, 1)
    feed.change_seq = seq
    feed.save(force_insert=True)
    return FeedWrite(feed=feed, created=True)


def _update(user, stale: Feed, values: dict[str, Any], base_version: int | None) -> FeedWrite:
    if "baby" in values and str(values["baby"]) != str(stale.baby_id):
        raise ValidationError({"baby": ["A feed cannot be moved to another baby."]})
    seq = Baby.take_write_seq(stale.baby_id)
    # Re-read under the baby's lock: the version we compare against is final.
    feed = Feed.objects.select_for_update().get(pk=stale.pk)
    if feed.is_deleted:
        raise FeedDeleted(feed)
    changed = {n: v for n, v in values.items() if n != "baby" and _current(feed, n) != v}
    overwritten = {}
    if base_version is not None and base_version < feed.version:
        overwritten = {
            n: _current(feed, n)
            for n in changed
            if feed.field_versions.get(n, feed.version) > base_version
        }
    for name, value in changed.items():
        setattr(feed, name, value)
    feed.full_clean(exclude=_SET_BY_SERVER, validate_unique=False, validate_constraints=False)
    feed.version += 1
    feed.field_versions = {**feed.field_versions, **dict.fromkeys(changed, feed.version)}
    feed.change_seq = seq
    feed.updated_by = user
    feed.save()
    return FeedWrite(feed=feed, created=False, overwritten=overwritten)


def delete_feed(*, user, feed_id: UUID | str) -> Feed:
    """Leave a tombstone: the feed disappears from lists; sync tells every device."""
    with transaction.atomic():
        stale = Feed.objects.visible_to(user).filter(pk=feed_id).first()
        if stale is None:
            raise FeedNotFound(str(feed_id))
        seq = Baby.take_write_seq(stale.baby_id)
        feed = Feed.objects.select_for_update().get(pk=stale.pk)
        if feed.is_deleted:
            return feed
        feed.deleted_at = timezone.now()
        feed.version += 1
        feed.change_seq = seq
        feed.updated_by = user
        feed.save()
        return feed
