"""
Every write to a feed: create, edit, delete. Used by the REST API and by sync.

Contract of ``write_feed`` and ``delete_feed``:
- One transaction. The baby's write lock is taken first (``Baby.take_write_seq``),
  so writes to one baby's feeds are serialised and stamped in commit order.
  A batch of writes (a sync push) passes a ``WriteLock`` instead: it locks all
  its babies once and hands out their sequence numbers without a query each.
- The feed's ``version`` grows by one on every write (an edit that changes
  nothing is no write: same version, no sequence number); ``field_versions`` records
  the version at which each field was last written, which is what lets sync
  merge field by field (a field changed by someone else since the writer's
  ``base_version`` is a conflict; other fields merge silently). ``field_writers``
  names the sync device that last wrote each field: "someone else" is any
  writer but the device writing now.
- A delete scrubs the row down to a tombstone (``Feed.scrub``).
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


class WriteLock:
    """The write locks of some babies, held until the caller's transaction ends.

    For a batch of writes: one ``SELECT ... FOR UPDATE`` of every baby (in id
    order, so two batches cannot deadlock) and, at ``release()``, one UPDATE of
    each baby written to, instead of an UPDATE and a SELECT per write. While
    the rows are locked no one else can take these babies' sequence numbers, so
    handing them out in memory keeps the guarantee of ``Baby.take_write_seq``:
    commit order equals sequence order. Only babies the user may see are
    locked; a write to any other baby takes the ordinary path (and is refused
    there). Must be created and released inside one ``transaction.atomic()``.
    """

    def __init__(self, user, baby_ids):
        self._next = dict(
            Baby.objects.visible_to(user)
            .filter(pk__in=baby_ids)
            .order_by("pk")
            .select_for_update(of=("self",))
            .values_list("pk", "write_seq")
        )
        self._taken: set[UUID] = set()

    def holds(self, baby_id) -> bool:
        return baby_id in self._next

    def take(self, baby_id) -> int:
        self._next[baby_id] += 1
        self._taken.add(baby_id)
        return self._next[baby_id]

    def release(self) -> None:
        """Store the sequence numbers handed out; call once, after the last write."""
        for baby_id in sorted(self._taken):
            Baby.objects.filter(pk=baby_id).update(write_seq=self._next[baby_id])
        self._taken.clear()


def _held(lock: WriteLock | None, baby_id) -> bool:
    return lock is not None and lock.holds(baby_id)


def _take_seq(lock: WriteLock | None, baby_id) -> int:
    return lock.take(baby_id) if _held(lock, baby_id) else Baby.take_write_seq(baby_id)


def _locked(stale: Feed, lock: WriteLock | None) -> tuple[int, Feed]:
    """The baby's next sequence number, and the feed as it stands under the baby's lock."""
    seq = _take_seq(lock, stale.baby_id)
    if _held(lock, stale.baby_id):
        return seq, stale  # read after the WriteLock was taken: already final
    # Re-read under the baby's lock: the version we compare against is final.
    return seq, Feed.objects.select_for_update().get(pk=stale.pk)


def _writable_baby_id(user, baby: Baby | UUID | str | None, lock: WriteLock | None) -> UUID:
    baby_id = baby.pk if isinstance(baby, Baby) else baby
    if _held(lock, baby_id):
        return baby_id
    found = Baby.objects.visible_to(user).filter(pk=baby_id).first() if baby_id else None
    if found is None:
        # Same message for "missing" and "someone else's": existence is not revealed.
        raise ValidationError(
            {"baby": ValidationError("No baby with this id is shared with you.", "not_shared")}
        )
    return found.pk


def _visible(user, feed: Feed, lock: WriteLock | None) -> bool:
    if _held(lock, feed.baby_id):
        return True  # the lock holds only babies the user may see
    return Feed.objects.visible_to(user).filter(pk=feed.pk).exists()


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
    lock: WriteLock | None = None,
    device: UUID | str | None = None,
) -> FeedWrite:
    """Create the feed ``feed_id`` or change the given fields of it.

    ``values`` holds already type-checked values (a serializer's output) for
    some of ``WRITABLE_FEED_FIELDS``. ``create_only`` makes an existing id an
    error (REST POST) instead of an edit (sync upsert). ``device`` is the sync
    device writing (None for REST): a field it wrote last is not a conflict
    for its own later edits. An edit that changes nothing is no write at all:
    no new version, no sequence number, so no device downloads the feed again.
    """
    with transaction.atomic():
        existing = Feed.objects.filter(pk=feed_id).first() if feed_id else None
        if existing is None:
            feed = new_feed(user=user, feed_id=feed_id, values=values, lock=lock)
            feed.save(force_insert=True)
            return FeedWrite(feed=feed, created=True)
        if not _visible(user, existing, lock):
            raise FeedNotFound(str(feed_id))
        if create_only:
            raise ValidationError(
                {"id": ValidationError("A feed with this id already exists.", "id_taken")}
            )
        return _update(user, existing, _checked(values), base_version, lock, device)


def new_feed(
    *, user, feed_id: UUID | str | None, values: Mapping[str, Any], lock: WriteLock | None = None
) -> Feed:
    """A new feed, checked and stamped with its sequence number, not yet saved.

    The caller inserts it in the same transaction: a batch inserts many at
    once (``Feed.objects.bulk_create``, which skips ``save()``: the totals are
    derived here).
    """
    values = _with_letdown_count(_checked(values), None)
    baby_id = _writable_baby_id(user, values.get("baby"), lock)
    feed = Feed(baby_id=baby_id, created_by=user, updated_by=user)
    if feed_id:
        feed.pk = feed_id
    for name, value in values.items():
        if name != "baby":
            setattr(feed, name, value)
    feed.full_clean(exclude=_SET_BY_SERVER, validate_unique=False, validate_constraints=False)
    feed.derive_totals()
    feed.version = 1
    feed.field_versions = dict.fromkeys(WRITABLE_FEED_FIELDS, 1)
    # Written at version 1, which no base_version is below: no writer to remember.
    feed.field_writers = {}
    # Taken last, so a rejected feed leaves no gap in the baby's sequence.
    feed.change_seq = _take_seq(lock, baby_id)
    return feed


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(WRITABLE_FEED_FIELDS)
    if unknown:
        refused = ValidationError("This field cannot be written.", "read_only")
        raise ValidationError(dict.fromkeys(unknown, refused))
    return {name: _normalise(name, value) for name, value in values.items()}


def _with_letdown_count(values: dict[str, Any], feed: Feed | None) -> dict[str, Any]:
    """Keep ``letdown_count`` and ``letdowns`` agreeing (API contract, "Let-downs on a feed").

    Sent let-downs set the count, unless the list is empty and a count comes
    with it (let-downs logged afterwards, times unknown). A count sent alone
    by a client that knows no times replaces the times it would contradict.
    """
    if "letdowns" in values:
        times_unknown = not values["letdowns"] and "letdown_count" in values
        return values if times_unknown else {**values, "letdown_count": len(values["letdowns"])}
    stored = feed.letdowns if feed is not None else []
    if stored and values.get("letdown_count", len(stored)) != len(stored):
        return {**values, "letdowns": []}
    return values


def _update(
    user,
    stale: Feed,
    values: dict[str, Any],
    base_version: int | None,
    lock: WriteLock | None,
    device: UUID | str | None,
) -> FeedWrite:
    if "baby" in values and str(values["baby"]) != str(stale.baby_id):
        raise ValidationError(
            {"baby": ValidationError("A feed cannot be moved to another baby.", "cannot_move")}
        )
    seq, feed = _locked(stale, lock)
    if feed.is_deleted:
        raise FeedDeleted(feed)
    values = _with_letdown_count(values, feed)
    changed = {n: v for n, v in values.items() if n != "baby" and _current(feed, n) != v}
    if not changed:
        # The sequence number taken stays unused: a gap, which pulls skip.
        return FeedWrite(feed=feed, created=False)
    writer = str(device) if device else None
    overwritten = {}
    if base_version is not None and base_version < feed.version:
        overwritten = {
            n: _current(feed, n)
            for n in changed
            if feed.field_versions.get(n, feed.version) > base_version
            and (writer is None or feed.field_writers.get(n) != writer)
        }
    for name, value in changed.items():
        setattr(feed, name, value)
    feed.full_clean(exclude=_SET_BY_SERVER, validate_unique=False, validate_constraints=False)
    feed.version += 1
    feed.field_versions = {**feed.field_versions, **dict.fromkeys(changed, feed.version)}
    writers = {n: w for n, w in feed.field_writers.items() if n not in changed}
    feed.field_writers = {**writers, **dict.fromkeys(changed, writer)} if writer else writers
    feed.change_seq = seq
    feed.updated_by = user
    feed.save()
    return FeedWrite(feed=feed, created=False, overwritten=overwritten)


def delete_feed(*, user, feed_id: UUID | str, lock: WriteLock | None = None) -> Feed:
    """Leave a tombstone (``Feed.scrub``): gone from lists; sync tells every device."""
    with transaction.atomic():
        # Without a lock, one query answers both "exists" and "may see".
        feeds = Feed.objects if lock is not None else Feed.objects.visible_to(user)
        stale = feeds.filter(pk=feed_id).first()
        if stale is None or (lock is not None and not _visible(user, stale, lock)):
            raise FeedNotFound(str(feed_id))
        seq, feed = _locked(stale, lock)
        if feed.is_deleted:
            return feed
        feed.deleted_at = timezone.now()
        feed.scrub()
        feed.version += 1
        feed.change_seq = seq
        feed.updated_by = user
        feed.save()
        return feed
