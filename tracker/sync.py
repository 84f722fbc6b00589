"""
Offline sync: apply a device's outbox (push), hand out what changed (pull).

The HTTP shape is the API contract's Sync section and docs/sync.md; the why is
docs/decisions/0005-sync.md. ``tracker.sync_api`` translates HTTP to these calls.

``push(user=, device_id=, mutations=) -> PushOutcome``
- One transaction. The device row is created on first use and locked, so two
  pushes from one device are serialised. A device id first used by another
  account raises ``DeviceRefused`` before anything of that device is read.
- A mutation whose ``seq`` is at most the device's ``last_seq`` is a duplicate:
  its stored result comes back with status ``duplicate`` (``original_status``
  keeps what happened then) and nothing changes. The first new ``seq`` must be
  ``last_seq + 1``, else ``SeqGap`` and nothing at all is applied.
- Each new mutation goes through ``tracker.writes`` (its own savepoint):
  ``applied``; ``conflict`` (a field another device changed since
  ``base_version`` took this value, ``overwritten`` has the previous ones; or
  the feed was deleted: not applied); ``rejected`` (``errors`` per field, the
  seq is still consumed). A receipt stores every result; ``last_seq`` moves on.
- The babies a push writes to are locked up front in id order, so two pushes
  touching the same babies cannot deadlock (``tracker.writes.WriteLock``: their
  sequence numbers are then handed out without a query per write).
- New feeds are inserted together: each is checked on its own (a rejected one
  costs the others nothing) and kept in memory until the push ends or a later
  mutation of the same push touches it, then one INSERT saves the lot. If that
  INSERT fails (a create of the same id by another push committed meanwhile),
  the batch is redone one feed at a time, each as the upsert it is.

``pull(user=, cursor=, limit=) -> PullPage`` is in ``tracker.sync_pull``.
"""

from copy import copy
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as ModelValidationError
from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.utils import timezone
from rest_framework.exceptions import ValidationError as InputValidationError

from tracker.models import Feed, SyncDevice, SyncReceipt
from tracker.serializers import FeedSerializer
from tracker.writes import (
    FeedDeleted,
    FeedNotFound,
    WriteLock,
    delete_feed,
    new_feed,
    write_feed,
)

MAX_MUTATIONS = 100
MAX_PUSH_BYTES = 256 * 1024
NOT_SHARED = "No feed with this id is shared with you."


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
class _Known:
    """What the push knows of a feed it touches: kept current as it writes."""

    baby_id: UUID
    deleted: bool


@dataclass
class _PendingCreate:
    """A checked new feed waiting for the push's one INSERT."""

    index: int  # its place in the push's results
    mutation: Mutation
    values: dict[str, Any]
    feed: Feed


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
        results = _stored_results(device, [m.seq for m in mutations if m.seq <= device.last_seq])
        if fresh:
            applied = _Push(user, fresh).run()
            SyncReceipt.objects.bulk_create(
                SyncReceipt(device=device, seq=result["seq"], result=result) for result in applied
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


def _stored_results(device: SyncDevice, seqs: list[int]) -> list[dict[str, Any]]:
    if not seqs:
        return []
    stored = dict(
        SyncReceipt.objects.filter(device=device, seq__in=seqs).values_list("seq", "result")
    )
    return [_duplicate(seq, stored.get(seq)) for seq in seqs]


def _duplicate(seq: int, stored: dict[str, Any] | None) -> dict[str, Any]:
    if stored is None:
        # Processed, but its receipt was cleaned up since: still nothing to apply.
        stored = {"seq": seq, "status": None, "version": None, "record": None, "errors": None}
    return {**stored, "status": Status.DUPLICATE.value, "original_status": stored["status"]}


class _Push:
    """The new mutations of one push, applied in order inside its transaction."""

    def __init__(self, user, mutations: list[Mutation]):
        self.user = user
        self.mutations = mutations
        self.known: dict[UUID, _Known] = {
            pk: _Known(baby_id, deleted_at is not None)
            for pk, baby_id, deleted_at in Feed.objects.filter(
                pk__in={m.feed_id for m in mutations}
            ).values_list("pk", "baby_id", "deleted_at")
        }
        self.lock = WriteLock(user, self._wanted_babies())
        self.pending: dict[UUID, _PendingCreate] = {}
        self.results: list[dict[str, Any]] = []

    def _wanted_babies(self) -> set[UUID]:
        """Every baby this push may write to (``WriteLock`` keeps the visible ones)."""
        wanted = {k.baby_id for k in self.known.values()}
        for m in self.mutations:
            baby = (m.data or {}).get("baby")
            if m.feed_id not in self.known and isinstance(baby, str):
                try:
                    wanted.add(UUID(baby))
                except ValueError:
                    continue  # the parser names the field when it gets there
        return wanted

    def run(self) -> list[dict[str, Any]]:
        for m in self.mutations:
            if m.feed_id in self.pending:
                # This mutation reads or changes a feed still waiting: save them first.
                self._insert_pending()
            self.results.append(self._apply(m))
        self._insert_pending()
        self.lock.release()
        return self.results

    def _apply(self, m: Mutation) -> dict[str, Any] | None:
        known = self.known.get(m.feed_id)
        if known is not None and not self.lock.holds(known.baby_id):
            return _rejected(m, {"id": [NOT_SHARED]})
        if m.op == Op.DELETE:
            return self._delete(m, known)
        if known is None and m.base_version is not None:
            # An edit of a feed the server never had (or no longer shares).
            return _rejected(m, {"id": [NOT_SHARED]})
        if known is not None and known.deleted:
            return self._deleted_conflict(m, Feed.objects.get(pk=m.feed_id))
        return self._upsert(m, creating=known is None)

    def _delete(self, m: Mutation, known: _Known | None) -> dict[str, Any]:
        if known is None:
            return _rejected(m, {"id": [NOT_SHARED]})
        try:
            feed = delete_feed(user=self.user, feed_id=m.feed_id, lock=self.lock)
        except FeedNotFound:
            return _rejected(m, {"id": [NOT_SHARED]})
        known.deleted = True
        return _result(m, Status.APPLIED, feed)

    def _upsert(self, m: Mutation, *, creating: bool) -> dict[str, Any] | None:
        try:
            values = FeedSerializer.parse(m.data or {}, partial=not creating)
        except InputValidationError as error:
            return self._rejected_keeping(m, _plain(error.detail))
        return self._written(m, values, later=creating)

    def _written(
        self, m: Mutation, values: dict[str, Any], *, later: bool = False
    ) -> dict[str, Any] | None:
        """Write now (or, ``later``, check a new feed now and insert it with the rest)."""
        try:
            if later:
                return self._create_later(m, values)
            write = self._write(m, values)
        except InputValidationError as error:
            return self._rejected_keeping(m, _plain(error.detail))
        except ModelValidationError as error:
            return self._rejected_keeping(m, _model_errors(error))
        except FeedNotFound:
            return _rejected(m, {"id": [NOT_SHARED]})
        except FeedDeleted as gone:
            return self._deleted_conflict(m, gone.feed)
        self.known[m.feed_id] = _Known(write.feed.baby_id, deleted=False)
        if not write.conflict:
            return _result(m, Status.APPLIED, write.feed)
        return {
            **_result(m, Status.CONFLICT, write.feed),
            "overwritten": _render_values(write.feed, write.overwritten),
        }

    def _create_later(self, m: Mutation, values: dict[str, Any]) -> None:
        """Check the new feed now (errors are this mutation's alone); insert it with the rest."""
        feed = new_feed(user=self.user, feed_id=m.feed_id, values=values, lock=self.lock)
        self.pending[m.feed_id] = _PendingCreate(len(self.results), m, values, feed)
        self.known[m.feed_id] = _Known(feed.baby_id, deleted=False)
        return None  # the result is filled in by _insert_pending

    def _insert_pending(self) -> None:
        waiting, self.pending = list(self.pending.values()), {}
        if not waiting:
            return
        try:
            with transaction.atomic():
                Feed.objects.bulk_create([p.feed for p in waiting])
        except IntegrityError:
            # Another push created one of these ids since this push looked: redo
            # them one by one, each an upsert through the ordinary path.
            for p in waiting:
                del self.known[p.mutation.feed_id]
                self.results[p.index] = self._written(p.mutation, p.values)
            return
        for p in waiting:
            self.results[p.index] = _result(p.mutation, Status.APPLIED, p.feed)

    def _write(self, m: Mutation, values: dict[str, Any]):
        def write():
            return write_feed(
                user=self.user,
                feed_id=m.feed_id,
                values=values,
                base_version=m.base_version,
                lock=self.lock,
            )

        try:
            return write()
        except IntegrityError:
            # A concurrent create of the same id committed first: now it is an edit.
            return write()

    def _deleted_conflict(self, m: Mutation, feed: Feed) -> dict[str, Any]:
        self.known[m.feed_id] = _Known(feed.baby_id, deleted=True)
        return _result(m, Status.CONFLICT, feed)

    def _rejected_keeping(self, m: Mutation, errors: dict[str, Any]) -> dict[str, Any]:
        """Rejected; the record is the feed as it still stands, so the client can revert."""
        result = _rejected(m, errors)
        if m.feed_id in self.known:
            feed = Feed.objects.get(pk=m.feed_id)
            result.update(version=feed.version, record=render_feed(feed))
        return result


def _result(m: Mutation, status: Status, feed: Feed) -> dict[str, Any]:
    return {
        "seq": m.seq,
        "status": status.value,
        "version": feed.version,
        "record": render_feed(feed),
        "errors": None,
    }


def _rejected(m: Mutation, errors: dict[str, Any]) -> dict[str, Any]:
    return {
        "seq": m.seq,
        "status": Status.REJECTED.value,
        "version": None,
        "record": None,
        "errors": errors,
    }


def _render_values(feed: Feed, values: dict[str, Any]) -> dict[str, Any]:
    """Previous values rendered exactly as the record renders them."""
    before = copy(feed)
    for name, value in values.items():
        setattr(before, name, value)
    before.derive_totals()
    rendered = FeedSerializer.render(before)
    return {name: rendered[name] for name in values}


def _model_errors(error: ModelValidationError) -> dict[str, Any]:
    if not hasattr(error, "error_dict"):
        return {"non_field_errors": error.messages}
    return {
        ("non_field_errors" if name == NON_FIELD_ERRORS else name): messages
        for name, messages in error.message_dict.items()
    }


def _plain(detail: Any) -> Any:
    """DRF's error details as plain JSON values, to be stored in a receipt."""
    if isinstance(detail, dict):
        return {str(key): _plain(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_plain(item) for item in detail]
    return str(detail)
