"""
Every write to a feed: create, edit, delete. Used by the REST API and by sync.

Contract of ``write_feed`` and ``delete_feed`` (one write, its own transaction)
and of ``FeedWriter`` (the same writes inside the caller's transaction):
- Writes to one baby's feeds are serialised by the baby's write lock, taken
  before the feed is read for comparison, and stamped with the baby's next
  write sequence number in commit order. Where the lock and the numbers come
  from is the caller's choice of ``Sequencer``: ``SingleWrites`` (one write:
  the baby's row is locked when the write reaches it, ``Baby.take_write_seq``
  stamps it) or ``BatchWrites`` (a sync push: every baby locked once, in id
  order, numbers handed out in memory and stored once at ``close()``).
- The number is taken in one place (``FeedWriter._stamp``), after every check:
  a rejected create, edit or delete leaves no gap in the baby's sequence, and
  neither does an edit that changes nothing (no write: same version).
- The feed's ``version`` grows by one on every write; ``field_versions``
  records the version at which each field was last written, which is what
  lets sync merge field by field (a field changed by someone else since the
  writer's ``base_version`` is a conflict; other fields merge silently).
  ``field_writers`` names the sync device that last wrote each field:
  "someone else" is any writer but the device writing now.
- Segments and let-downs are parsed once (``Segment``/``Letdown`` values, as
  the serializer hands them over, or parsed here from the stored form) and
  carried as values through the checks and the totals; they are turned into
  the stored form once, when the row is written.
- A delete scrubs the row down to a tombstone (``Feed.scrub``).
- Rules are ``Feed.clean()``'s; a violation raises ``ValidationError`` keyed by
  field before anything is written, so nothing stored changes.
- A feed the user cannot see raises ``FeedNotFound`` whether it exists or not.
  A deleted feed raises ``FeedDeleted``: deleted feeds never come back.
"""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tracker.letdowns import parse_letdowns, serialise_letdowns
from tracker.models import WRITABLE_FEED_FIELDS, Baby, Feed
from tracker.segments import SegmentError, parse_segments, serialise_segments


class FeedNotFound(Exception):
    """No feed with this id that the user may see (it may belong to someone else)."""


class FeedDeleted(Exception):
    """The feed was deleted; it cannot be edited or brought back."""

    def __init__(self, feed: Feed):
        super().__init__(str(feed.pk))
        self.feed = feed


# Set here, not by the client: checking them again would cost a query each.
# Segments and let-downs hold parsed values during a write (not JSON yet);
# Feed.clean() checks them.
_NOT_FIELD_CHECKED = ["baby", "created_by", "updated_by", "segments", "letdowns"]
# The lists stored as JSON and carried as values: name -> (parse, serialise).
_LISTS: dict[str, tuple[Callable, Callable]] = {
    "segments": (parse_segments, serialise_segments),
    "letdowns": (parse_letdowns, serialise_letdowns),
}
# Columns an edit or delete writes: all but the key and those fixed at creation.
_ROW = [
    f.attname
    for f in Feed._meta.concrete_fields
    if f.name not in ("id", "baby", "created_at", "created_by")
]


@dataclass
class FeedWrite:
    feed: Feed
    created: bool
    # Previous values (stored form) of the fields this write replaced although
    # another device had changed them since the writer's base_version.
    overwritten: dict[str, Any] = field(default_factory=dict)

    @property
    def conflict(self) -> bool:
        return bool(self.overwritten)


class Sequencer(Protocol):
    """Where a write gets its baby's write lock and sequence number."""

    user: Any

    def lock(self, baby_id) -> bool:
        """Hold the baby's write lock; False if the user may not write to that baby."""

    def locked(self, feed: Feed) -> Feed | None:
        """The feed as it stands under its baby's lock; None if the user may not write it."""

    def take(self, baby_id) -> int:
        """The baby's next sequence number; taken only by a write that passed its checks."""

    def savepoint(self):
        """A context in which a failure undoes the writes and the numbers taken."""


class SingleWrites:
    """One write: its baby is locked when the write reaches it (so the version
    compared against is final) and stamped by ``Baby.take_write_seq``."""

    def __init__(self, user):
        self.user = user

    def lock(self, baby_id) -> bool:
        return bool(_lock_babies(self.user, [baby_id]))

    def locked(self, feed: Feed) -> Feed | None:
        if not self.lock(feed.baby_id):
            return None
        # Re-read under the baby's lock: the version we compare against is final.
        return Feed.objects.select_for_update().get(pk=feed.pk)

    def take(self, baby_id) -> int:
        return Baby.take_write_seq(baby_id)

    def savepoint(self):
        return transaction.atomic()  # the numbers live in the database: rolled back with it


class BatchWrites(SingleWrites):
    """The writes of a sync push: one ``SELECT ... FOR UPDATE`` of its babies
    (in id order, so two pushes cannot deadlock) and, at ``close()``, one
    UPDATE of each baby written to, instead of an UPDATE and a SELECT per
    write. While the rows are locked no one else takes these babies' numbers,
    so handing them out in memory keeps commit order equal to sequence order.
    Only babies the user may see are locked; a write to another baby takes the
    single-write path (and is refused there unless shared). Create, use and
    ``close()`` inside one ``transaction.atomic()``.
    """

    def __init__(self, user, baby_ids):
        super().__init__(user)
        self._next = _lock_babies(user, baby_ids)
        self._taken: set[UUID] = set()

    def holds(self, baby_id) -> bool:
        return baby_id in self._next

    def lock(self, baby_id) -> bool:
        return self.holds(baby_id) or super().lock(baby_id)

    def locked(self, feed: Feed) -> Feed | None:
        if self.holds(feed.baby_id):
            return feed  # read after the babies were locked: already final
        return super().locked(feed)

    def take(self, baby_id) -> int:
        if not self.holds(baby_id):
            return super().take(baby_id)
        self._next[baby_id] += 1
        self._taken.add(baby_id)
        return self._next[baby_id]

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        before, taken = dict(self._next), set(self._taken)
        try:
            with transaction.atomic():
                yield
        except BaseException:
            self._next, self._taken = before, taken
            raise

    def close(self) -> None:
        """Store the sequence numbers handed out; call once, after the last write."""
        for baby_id in sorted(self._taken):
            Baby.objects.filter(pk=baby_id).update(write_seq=self._next[baby_id])
        self._taken.clear()


def _lock_babies(user, baby_ids) -> dict[UUID, int]:
    """Lock the babies the user may see among ``baby_ids``: {baby id: write_seq}."""
    return dict(
        Baby.objects.visible_to(user)
        .filter(pk__in=[b for b in baby_ids if b])
        .order_by("pk")
        .select_for_update(of=("self",))
        .values_list("pk", "write_seq")
    )


def write_feed(*, user, **write: Any) -> FeedWrite:
    """One create or edit in its own transaction: ``FeedWriter.write``'s keywords
    (``feed_id``, ``values``, ``base_version``, ``create_only``, ``device``)."""
    with transaction.atomic():
        return FeedWriter(SingleWrites(user)).write(**write)


def delete_feed(*, user, feed_id: UUID | str) -> Feed:
    """One delete in its own transaction (``FeedWriter.delete``)."""
    with transaction.atomic():
        return FeedWriter(SingleWrites(user)).delete(feed_id=feed_id)


class FeedWriter:
    """Creates, edits and deletes feeds inside the caller's transaction."""

    def __init__(self, seqs: Sequencer):
        self.seqs = seqs
        self.user = seqs.user

    def write(
        self,
        *,
        feed_id: UUID | str | None,
        values: Mapping[str, Any],
        base_version: int | None = None,
        create_only: bool = False,
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
        existing = Feed.objects.filter(pk=feed_id).first() if feed_id else None
        if existing is None:
            feed = self.check_new(feed_id=feed_id, values=values)
            self.insert([feed])
            return FeedWrite(feed=feed, created=True)
        feed = self.seqs.locked(existing)
        if feed is None:
            raise FeedNotFound(str(feed_id))
        if create_only:
            raise ValidationError(
                {"id": ValidationError("A feed with this id already exists.", "id_taken")}
            )
        return self._edit(feed, _checked(values), base_version, device)

    def check_new(self, *, feed_id: UUID | str | None, values: Mapping[str, Any]) -> Feed:
        """A new feed, checked, its baby locked; not yet numbered nor saved (``insert``)."""
        values = _with_letdown_count(_checked(values), None)
        baby_id = values.get("baby")
        if not baby_id or not self.seqs.lock(baby_id):
            # Same message for "missing" and "someone else's": existence is not revealed.
            raise ValidationError(
                {"baby": ValidationError("No baby with this id is shared with you.", "not_shared")}
            )
        feed = Feed(baby_id=baby_id, created_by=self.user)
        if feed_id:
            feed.pk = feed_id
        for name, value in values.items():
            if name != "baby":
                setattr(feed, name, value)
        _clean(feed)
        feed.version = 1
        feed.field_versions = dict.fromkeys(WRITABLE_FEED_FIELDS, 1)
        # Written at version 1, which no base_version is below: no writer to remember.
        feed.field_writers = {}
        return feed

    def insert(self, feeds: list[Feed]) -> None:
        """Number and insert checked new feeds, in one INSERT (``bulk_create``
        skips ``save()``: the totals were derived by ``check_new``)."""
        for feed in feeds:
            self._stamp(feed, changed=_LISTS)
        Feed.objects.bulk_create(feeds)

    def _edit(
        self, feed: Feed, values: dict[str, Any], base_version: int | None, device
    ) -> FeedWrite:
        if "baby" in values and str(values["baby"]) != str(feed.baby_id):
            raise ValidationError(
                {"baby": ValidationError("A feed cannot be moved to another baby.", "cannot_move")}
            )
        if feed.is_deleted:
            raise FeedDeleted(feed)
        stored = _as_values(feed)
        values = _with_letdown_count(values, feed)
        changed = {n: v for n, v in values.items() if n != "baby" and _current(feed, n) != v}
        if not changed:
            _restore(feed, stored)
            return FeedWrite(feed=feed, created=False)
        overwritten = _overwritten(feed, changed, base_version, device, stored)
        for name, value in changed.items():
            setattr(feed, name, value)
        _clean(feed)
        feed.version += 1
        feed.field_versions = {**feed.field_versions, **dict.fromkeys(changed, feed.version)}
        writer = str(device) if device else None
        writers = {n: w for n, w in feed.field_writers.items() if n not in changed}
        feed.field_writers = {**writers, **dict.fromkeys(changed, writer)} if writer else writers
        _restore(feed, {n: raw for n, raw in stored.items() if n not in changed})
        self._stamp(feed, changed=changed)
        self._update_row(feed)
        return FeedWrite(feed=feed, created=False, overwritten=overwritten)

    def delete(self, *, feed_id: UUID | str) -> Feed:
        """Leave a tombstone (``Feed.scrub``): gone from lists; sync tells every device."""
        stale = Feed.objects.filter(pk=feed_id).first()
        feed = self.seqs.locked(stale) if stale is not None else None
        if feed is None:
            raise FeedNotFound(str(feed_id))
        if feed.is_deleted:
            return feed
        feed.deleted_at = timezone.now()
        feed.scrub()
        feed.version += 1
        self._stamp(feed, changed={})
        self._update_row(feed)
        return feed

    def _stamp(self, feed: Feed, *, changed) -> None:
        """The one place a write takes its sequence number: after every check."""
        for name in changed:
            if name in _LISTS:
                setattr(feed, name, _LISTS[name][1](getattr(feed, name)))
        feed.change_seq = self.seqs.take(feed.baby_id)
        feed.updated_by = self.user

    def _update_row(self, feed: Feed) -> None:
        # Not save(): it would derive the totals again, re-parsing the segments.
        feed.updated_at = timezone.now()
        Feed.objects.filter(pk=feed.pk).update(**{name: getattr(feed, name) for name in _ROW})


def _clean(feed: Feed) -> None:
    feed.full_clean(exclude=_NOT_FIELD_CHECKED, validate_unique=False, validate_constraints=False)
    feed.derive_totals()


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(WRITABLE_FEED_FIELDS)
    if unknown:
        refused = ValidationError("This field cannot be written.", "read_only")
        raise ValidationError(dict.fromkeys(unknown, refused))
    return {name: _normalise(name, value) for name, value in values.items()}


def _normalise(name: str, value: Any) -> Any:
    # Python compares two datetimes of one tzinfo by wall clock, ignoring the
    # DST fold: in UTC an end before the start is always seen as such.
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    if name in _LISTS:
        return _parsed(name, value)
    if name == "baby" and value is not None:
        return _baby_id(value)
    return value


def _baby_id(value: Any) -> Any:
    if isinstance(value, Baby):
        return value.pk
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        return value  # no such baby: refused as not shared


def _parsed(name: str, raw: Any) -> Any:
    """The list as values (values stay as they are: no second parse).

    A list that does not parse is kept as it came: ``Feed.clean()`` names the
    field and its code.
    """
    try:
        return _LISTS[name][0](raw)
    except SegmentError:
        return raw


def _as_values(feed: Feed) -> dict[str, Any]:
    """Parse the stored lists once for this write; returns their stored form."""
    stored = {name: getattr(feed, name) for name in _LISTS}
    for name, raw in stored.items():
        setattr(feed, name, _parsed(name, raw))
    return stored


def _restore(feed: Feed, stored: dict[str, Any]) -> None:
    """Put back the stored form of lists this write leaves as they were."""
    for name, raw in stored.items():
        setattr(feed, name, raw)


def _current(feed: Feed, name: str) -> Any:
    return feed.baby_id if name == "baby" else getattr(feed, name)


def _overwritten(
    feed: Feed, changed: dict[str, Any], base_version, device, stored: dict[str, Any]
) -> dict[str, Any]:
    """The fields someone else changed since ``base_version``, as they were (stored form)."""
    if base_version is None or base_version >= feed.version:
        return {}
    writer = str(device) if device else None
    return {
        n: stored[n] if n in stored else _current(feed, n)
        for n in changed
        if feed.field_versions.get(n, feed.version) > base_version
        and (writer is None or feed.field_writers.get(n) != writer)
    }


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
