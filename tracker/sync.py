"""
Offline sync: apply a device's outbox (push), hand out what changed (pull).

The HTTP shape is the API contract's Sync section and docs/sync.md; the why is
docs/decisions/0005-sync.md. ``tracker.api.sync`` translates HTTP to these calls.

``push(user=, device_id=, mutations=) -> PushOutcome``
- One transaction. The device row is created on first use and locked, so two
  pushes from one device are serialised. A device id first used by another
  account raises ``DeviceRefused`` before anything of that device is read.
- A mutation whose ``seq`` is at most the device's ``last_seq`` is a duplicate:
  status ``duplicate``, ``original_status``, ``errors`` and ``codes`` from its
  receipt, and the feed as it stands now (a tombstone if deleted since; none
  if the user no longer sees it): a replay never hands a phone a version older
  than one it may have pulled. Nothing changes. The first new ``seq`` must be
  ``last_seq + 1``, else ``SeqGap`` and nothing at all is applied.
- Receipts keep no feed data (seq, status, feed id, errors, codes): a feed
  deleted or a baby unshared since leaves nothing behind in them.
- Each new mutation goes through ``tracker.writes.FeedWriter`` (its own
  savepoint): ``applied``; ``conflict`` (a field another device changed since
  ``base_version`` took this value, ``overwritten`` has the previous ones; or
  the feed was deleted: not applied); ``rejected`` (``errors`` and ``codes``
  per field; the device's seq is still consumed, the baby's write sequence is
  not). A receipt stores every result; ``last_seq`` moves on. An edit's fields
  last written by this same device are never a conflict for it
  (``Feed.field_writers``).
- Nothing in one mutation fails the push: an unexpected error in it is logged
  and makes it ``rejected`` (``server_error``), undone by its savepoint along
  with any sequence number it took; only a lost database connection fails the
  push (``_Push._guarded``).
- The babies a push writes to are locked up front in id order, so two pushes
  touching the same babies cannot deadlock (``tracker.writes.BatchWrites``:
  their sequence numbers are then handed out in memory and stored once).
- Two phases (``_Push``): ``check()`` decides each mutation's ``Result`` in
  order; a new feed is checked on its own (a rejected one costs the others
  nothing) and kept in memory until the push ends or a later mutation of the
  same push touches it, then ``flush()`` numbers and saves the lot with one
  INSERT. If that INSERT fails (a create of the same id by another push
  committed meanwhile), its numbers are handed back and the batch is redone
  one feed at a time, each as the upsert it is. The results become the
  contract's dicts (``Result.wire()``) once the push is done.

``pull(user=, cursor=, limit=) -> PullPage`` is in ``tracker.sync_pull``.
"""

import logging
from copy import copy
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError as ModelValidationError
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import TextChoices
from django.utils import timezone
from rest_framework.exceptions import ValidationError as InputValidationError

from letdown_project.api_errors import as_drf_error, error_body
from tracker.models import Feed, SyncDevice, SyncReceipt
from tracker.rules import MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS  # noqa: F401 (sync_api reads both here)
from tracker.serializers import FeedSerializer
from tracker.writes import BatchWrites, FeedDeleted, FeedNotFound, FeedWriter

MAX_MUTATIONS = MAX_PUSH_MUTATIONS  # the rulebook's; kept under this name for sync_api
NOT_SHARED = "No feed with this id is shared with you."
FAILED = "The server could not apply this change; it was not saved."
# The errors of a mutation the client cannot fix by itself.
_NOT_SHARED = {"errors": {"id": [NOT_SHARED]}, "codes": {"id": ["not_shared"]}}
_FAILED = {
    "errors": {"non_field_errors": [FAILED]},
    "codes": {"non_field_errors": ["server_error"]},
}

logger = logging.getLogger(__name__)


class Op(TextChoices):
    UPSERT = "upsert"
    DELETE = "delete"


class Status(TextChoices):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


class SeqGap(Exception):
    """The push does not continue the device's sequence; nothing was applied."""

    def __init__(self, last_seq: int):
        super().__init__(f"expected seq {last_seq + 1}")
        self.last_seq = last_seq


class DeviceRefused(Exception):
    """The device id belongs to another account."""


@dataclass(frozen=True)
class Mutation:
    seq: int
    op: Op
    feed_id: UUID
    base_version: int | None = None
    data: dict[str, Any] | None = None


@dataclass
class PushOutcome:
    last_seq: int
    results: list[dict[str, Any]]


@dataclass
class Result:
    """What became of one mutation; ``wire()`` is the contract's result.

    ``feed`` is the instance its write produced: the write path never changes
    an instance after it returned it (each write reads the row afresh), so it
    is rendered as it stood after this mutation.
    """

    seq: int
    status: Status
    feed: Feed | None = None
    errors: dict[str, Any] | None = None
    codes: dict[str, Any] | None = None
    overwritten: dict[str, Any] | None = None  # already rendered

    def wire(self) -> dict[str, Any]:
        answer = {
            "seq": self.seq,
            "status": self.status.value,
            "version": self.feed.version if self.feed else None,
            "record": render_feed(self.feed) if self.feed else None,
            "errors": self.errors,
            "codes": self.codes,
        }
        if self.overwritten is not None:
            answer["overwritten"] = self.overwritten
        return answer


@dataclass
class _Known:
    """What the push knows of a feed it touches: kept current as it writes."""

    baby_id: UUID
    deleted: bool


@dataclass
class _PendingCreate:
    """A checked new feed waiting for the push's one INSERT."""

    mutation: Mutation
    values: dict[str, Any]
    feed: Feed
    result: Result


def render_feed(feed: Feed) -> dict[str, Any]:
    """A live feed as the contract's record, or a tombstone for a deleted one."""
    if feed.is_deleted:
        return {
            "id": str(feed.pk),
            "deleted": True,
            "version": feed.version,
            "baby": str(feed.baby_id),
        }
    # JSON-safe (decimals as numbers): results are stored in receipts as they are sent.
    return {**FeedSerializer.render(feed), "deleted": False}


def push(*, user, device_id: UUID, mutations: list[Mutation]) -> PushOutcome:
    with transaction.atomic():
        device = _locked_device(user, device_id)
        fresh = [m for m in mutations if m.seq > device.last_seq]
        if fresh and fresh[0].seq != device.last_seq + 1:
            raise SeqGap(device.last_seq)
        replayed = [m.seq for m in mutations if m.seq <= device.last_seq]
        results = _stored_results(user, device, replayed)
        if fresh:
            applied = [result.wire() for result in _Push(user, fresh, device.pk).run()]
            SyncReceipt.objects.bulk_create(
                SyncReceipt(device=device, seq=m.seq, result=_receipt(m, result))
                for m, result in zip(fresh, applied, strict=True)
            )
            device.last_seq = fresh[-1].seq
            device.last_push_at = timezone.now()
            device.save(update_fields=["last_seq", "last_push_at"])
            results += applied
        return PushOutcome(last_seq=device.last_seq, results=results)


def _locked_device(user, device_id: UUID) -> SyncDevice:
    device = SyncDevice.objects.select_for_update().filter(pk=device_id).first()
    if device is None:
        try:
            with transaction.atomic():
                device = SyncDevice.objects.create(id=device_id, user=user)
        except IntegrityError:
            # Another first push of this device won the insert; wait for it.
            device = SyncDevice.objects.select_for_update().get(pk=device_id)
    if device.user_id != user.pk:
        raise DeviceRefused(str(device_id))
    return device


def _receipt(m: Mutation, result: dict[str, Any]) -> dict[str, Any]:
    """What is kept of a result: no feed data, which may be deleted or unshared later.

    A replay renders the feed as it stands then (``_duplicate``).
    """
    return {
        "seq": result["seq"],
        "status": result["status"],
        "feed": str(m.feed_id),
        "errors": _storable(result["errors"]),
        "codes": _storable(result.get("codes")),
    }


def _storable(value: Any) -> Any:
    """Errors may echo what the client sent (an unknown field's name, a bad
    choice): PostgreSQL's JSONB takes neither NUL nor lone surrogates, so
    those are stored escaped, as text."""
    if isinstance(value, dict):
        return {_storable(key): _storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_storable(item) for item in value]
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
    return value


def _stored_results(user, device: SyncDevice, seqs: list[int]) -> list[dict[str, Any]]:
    if not seqs:
        return []
    stored = dict(
        SyncReceipt.objects.filter(device=device, seq__in=seqs).values_list("seq", "result")
    )
    # The feeds as they stand now, and only those the user may still see: a
    # replay never hands back a version older than the server's, nor a feed
    # of a baby that left (or whose owner deleted the account).
    feed_ids = {r["feed"] for r in stored.values() if r.get("feed")}
    current = {
        str(feed.pk): feed for feed in Feed.objects.visible_to(user).filter(pk__in=feed_ids)
    }
    return [_duplicate(seq, stored.get(seq), current) for seq in seqs]


def _duplicate(seq: int, stored: dict | None, current: dict[str, Feed]) -> dict[str, Any]:
    stored = stored or {}  # processed, but its receipt was cleaned up since
    feed = current.get(stored.get("feed"))
    return {
        "seq": seq,
        "status": Status.DUPLICATE.value,
        "original_status": stored.get("status"),
        "version": feed.version if feed else None,
        "record": render_feed(feed) if feed else None,
        "errors": stored.get("errors"),
        "codes": stored.get("codes"),
    }


class _Push:
    """The new mutations of one push, applied in order inside its transaction.

    Two phases: ``check()`` decides each mutation's ``Result`` in order (edits
    and deletes are written at once; a new feed is checked and kept pending),
    and ``flush()`` inserts the pending new feeds with one INSERT, before a
    later mutation touches one of them and at the end.
    """

    def __init__(self, user, mutations: list[Mutation], device_id: UUID):
        self.user = user
        self.device_id = device_id
        self.mutations = mutations
        self.known: dict[UUID, _Known] = {
            pk: _Known(baby_id, deleted_at is not None)
            for pk, baby_id, deleted_at in Feed.objects.filter(
                pk__in={m.feed_id for m in mutations}
            ).values_list("pk", "baby_id", "deleted_at")
        }
        self.seqs = BatchWrites(user, self._wanted_babies())
        self.writer = FeedWriter(self.seqs)
        self.pending: dict[UUID, _PendingCreate] = {}

    def _wanted_babies(self) -> set[UUID]:
        """Every baby this push may write to (``BatchWrites`` locks the visible ones)."""
        wanted = {k.baby_id for k in self.known.values()}
        for m in self.mutations:
            baby = m.data.get("baby") if isinstance(m.data, dict) else None
            if m.feed_id not in self.known and isinstance(baby, str):
                try:
                    wanted.add(UUID(baby))
                except ValueError:
                    continue  # the parser names the field when it gets there
        return wanted

    def run(self) -> list[Result]:
        results = []
        for m in self.mutations:
            if m.feed_id in self.pending:
                # This mutation reads or changes a feed still waiting: save them first.
                self.flush()
            results.append(self.check(m))
        self.flush()
        self.seqs.close()
        return results

    def check(self, m: Mutation) -> Result:
        """The mutation's result; a new feed's stays as checked unless ``flush`` must redo it."""
        known = self.known.get(m.feed_id)
        deferred = m.op == Op.UPSERT and known is None and m.base_version is None
        return self._guarded(m, lambda: self._apply(m), savepoint=not deferred)

    def _guarded(self, m: Mutation, apply, *, savepoint: bool = True) -> Result:
        """Apply one mutation so that nothing in it can fail the push.

        A bug or a value the checks missed (say, one the database refuses)
        makes this mutation ``rejected`` and is logged; its savepoint undoes
        whatever it wrote (and the sequence numbers it took) and the rest of
        the push applies. A create that is only checked now (inserted with the
        others by ``flush``) writes nothing here and needs no savepoint, which
        keeps a push of new feeds at a constant number of queries. A lost
        connection is not the mutation's fault: it fails the push, which the
        phone retries.
        """
        known = self.known.get(m.feed_id)
        try:
            if not savepoint:
                return apply()
            with self.seqs.savepoint():
                return apply()
        except (OperationalError, InterfaceError):
            raise
        except Exception:
            # Ids and seq only: the data is health data and stays out of logs.
            logger.exception("sync: mutation %s of device %s failed", m.seq, self.device_id)
            self._forget(m.feed_id, known)
            return _rejected(m, _FAILED)

    def _forget(self, feed_id: UUID, known: _Known | None) -> None:
        """Undo what the push learnt from a mutation that failed."""
        self.pending.pop(feed_id, None)
        if known is None:
            self.known.pop(feed_id, None)
        else:
            self.known[feed_id] = known

    def _apply(self, m: Mutation) -> Result:
        known = self.known.get(m.feed_id)
        if known is not None and not self.seqs.holds(known.baby_id):
            return _rejected(m, _NOT_SHARED)
        if m.op == Op.DELETE:
            return self._delete(m, known)
        if known is None and m.base_version is not None:
            # An edit of a feed the server never had (or no longer shares).
            return _rejected(m, _NOT_SHARED)
        if known is not None and known.deleted:
            return self._deleted_conflict(m, Feed.objects.get(pk=m.feed_id))
        try:
            values = FeedSerializer.parse(m.data or {}, partial=known is not None)
        except InputValidationError as error:
            return self._rejected_keeping(m, error_body(error))
        return self._written(m, values, later=known is None)

    def _delete(self, m: Mutation, known: _Known | None) -> Result:
        if known is None:
            return _rejected(m, _NOT_SHARED)
        try:
            feed = self.writer.delete(feed_id=m.feed_id)
        except FeedNotFound:
            return _rejected(m, _NOT_SHARED)
        known.deleted = True
        return Result(m.seq, Status.APPLIED, feed)

    def _written(self, m: Mutation, values: dict[str, Any], *, later: bool = False) -> Result:
        """Write now (or, ``later``, check a new feed now and insert it at ``flush``)."""
        try:
            if later:
                return self._pending(m, values)
            write = self._write(m, values)
        except InputValidationError as error:
            return self._rejected_keeping(m, error_body(error))
        except ModelValidationError as error:
            return self._rejected_keeping(m, error_body(as_drf_error(error)))
        except FeedNotFound:
            return _rejected(m, _NOT_SHARED)
        except FeedDeleted as gone:
            return self._deleted_conflict(m, gone.feed)
        self.known[m.feed_id] = _Known(write.feed.baby_id, deleted=False)
        if not write.conflict:
            return Result(m.seq, Status.APPLIED, write.feed)
        overwritten = _render_values(write.feed, write.overwritten)
        return Result(m.seq, Status.CONFLICT, write.feed, overwritten=overwritten)

    def _pending(self, m: Mutation, values: dict[str, Any]) -> Result:
        """Check the new feed now (errors are this mutation's alone); ``flush`` inserts it."""
        feed = self.writer.check_new(feed_id=m.feed_id, values=values)
        result = Result(m.seq, Status.APPLIED, feed)
        self.pending[m.feed_id] = _PendingCreate(m, values, feed, result)
        self.known[m.feed_id] = _Known(feed.baby_id, deleted=False)
        return result

    def flush(self) -> None:
        """Insert the pending new feeds with one INSERT.

        If it fails (another push created one of these ids since this push
        looked, or one feed holds a value the database refuses), the numbers
        it took are handed back and each feed is redone as the upsert it is,
        through the ordinary path, in its own savepoint; its result is replaced.
        """
        waiting, self.pending = list(self.pending.values()), {}
        if not waiting:
            return
        try:
            with self.seqs.savepoint():
                self.writer.insert([p.feed for p in waiting])
        except (OperationalError, InterfaceError):
            raise
        except DatabaseError:
            for p in waiting:
                del self.known[p.mutation.feed_id]
                redone = self._guarded(p.mutation, lambda p=p: self._written(p.mutation, p.values))
                _replace(p.result, redone)

    def _write(self, m: Mutation, values: dict[str, Any]):
        def write():
            return self.writer.write(
                feed_id=m.feed_id,
                values=values,
                base_version=m.base_version,
                device=self.device_id,
            )

        if m.feed_id in self.known:
            return write()  # an edit: no insert that could lose a race
        try:
            with transaction.atomic():
                return write()
        except IntegrityError:
            # A concurrent create of the same id committed first: now it is an edit.
            return write()

    def _deleted_conflict(self, m: Mutation, feed: Feed) -> Result:
        self.known[m.feed_id] = _Known(feed.baby_id, deleted=True)
        return Result(m.seq, Status.CONFLICT, feed)

    def _rejected_keeping(self, m: Mutation, errors: dict[str, Any]) -> Result:
        """Rejected; the record is the feed as it still stands, so the client can revert."""
        result = _rejected(m, errors)
        if m.feed_id in self.known:
            result.feed = Feed.objects.get(pk=m.feed_id)
        return result


def _replace(result: Result, redone: Result) -> None:
    """The redone mutation's result, in the place its pending result was handed out."""
    for name in ("status", "feed", "errors", "codes", "overwritten"):
        setattr(result, name, getattr(redone, name))


def _rejected(m: Mutation, body: dict[str, Any]) -> Result:
    """``body`` is ``{"errors", "codes"}`` (``api_errors.error_body``)."""
    return Result(m.seq, Status.REJECTED, errors=body["errors"], codes=body["codes"])


def _render_values(feed: Feed, values: dict[str, Any]) -> dict[str, Any]:
    """Previous values rendered exactly as the record renders them."""
    before = copy(feed)
    for name, value in values.items():
        setattr(before, name, value)
    rendered = FeedSerializer.render(before)
    return {name: rendered[name] for name in values}
