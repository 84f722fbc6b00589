"""
The tracker's data: babies, the people who care for them, invites, and feeds.

The rules live here (field types, database constraints, ``clean()``), so the
REST API, the sync protocol and the admin share one set of them. Writes to a
feed go through ``tracker.writes``, which takes the baby's write lock, bumps the
feed's ``version`` and stamps it with the baby's next ``write_seq``. The pull
cursor (``tracker.sync``) relies on that sequence being handed out in commit
order per baby: see docs/decisions/0005-sync.md.
"""

import secrets
import uuid
from decimal import Decimal
from itertools import pairwise

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, FilteredRelation, Q
from django.utils import timezone

from tracker.letdowns import LetdownError, parse_letdowns
from tracker.rules import (
    EARLIEST_BIRTH_DATE,
    EARLIEST_FEED,
    INVITE_ALPHABET,
    INVITE_CODE_LENGTH,
    INVITE_LIFETIME,
    KIND_FIELDS,
    KINDS_WITH_SIDES,
    LATEST_ZONE_AHEAD,
    MAX_CLOCK_AHEAD,
    MAX_FEED_DURATION,
    MAX_LETDOWNS,
    MAX_ML,
    MAX_NAME_LENGTH,
    MAX_NOTES_LENGTH,
    MIN_ML,
    ML_DECIMAL_PLACES,
    ML_MAX_DIGITS,
    WRITABLE_FEED_FIELDS,
    FeedKind,
    MilkType,
    Role,
    Side,
    Sign,
    Violation,
    violation,
)
from tracker.segments import Segment, SegmentError, parse_segments


class BabyQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BabyQuerySet":
        return self.filter(caregivers__user=user)

    def owned_by(self, user) -> "BabyQuerySet":
        return self.filter(caregivers__user=user, caregivers__role=Role.OWNER)

    def with_role(self, user) -> "BabyQuerySet":
        """The babies the user can see, each annotated with ``role``: one join, no N+1."""
        mine = FilteredRelation("caregivers", condition=Q(caregivers__user=user))
        return self.annotate(mine=mine).filter(mine__isnull=False).annotate(role=F("mine__role"))


class Baby(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=MAX_NAME_LENGTH)
    birth_date = models.DateField(null=True, blank=True)
    # Counts every feed write for this baby; a feed carries the value of its
    # latest write (Feed.change_seq). Incremented under the baby's row lock.
    write_seq = models.BigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BabyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "babies"
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="baby_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.name is not None and not self.name.strip():
            raise ValidationError({"name": violation("name_blank").error()})
        latest_today = (timezone.now() + LATEST_ZONE_AHEAD).date()
        if self.birth_date and self.birth_date > latest_today:
            raise ValidationError({"birth_date": violation("birth_in_future").error()})
        if self.birth_date and self.birth_date < EARLIEST_BIRTH_DATE:
            raise ValidationError({"birth_date": violation("birth_too_early").error()})

    @staticmethod
    def take_write_seq(baby_id) -> int:
        """Lock the baby for writing and return its next write sequence number.

        The UPDATE holds the row lock until the transaction ends, so two writers
        of one baby's feeds are serialised and commit in sequence order; a pull
        that sees sequence n therefore already sees every sequence below n.
        Must be called inside ``transaction.atomic()``.
        """
        updated = Baby.objects.filter(pk=baby_id).update(write_seq=F("write_seq") + 1)
        if not updated:
            raise Baby.DoesNotExist
        return Baby.objects.filter(pk=baby_id).values_list("write_seq", flat=True).get()


class Caregiver(models.Model):
    """A user's access to a baby: the owner, or a caregiver they shared it with."""

    baby = models.ForeignKey(Baby, on_delete=models.CASCADE, related_name="caregivers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="caregiving"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["baby", "user"], name="caregiver_once_per_baby"),
            models.UniqueConstraint(
                fields=["baby"], condition=Q(role=Role.OWNER), name="one_owner_per_baby"
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="caregiver_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) of {self.baby}"


def new_invite_code() -> str:
    raw = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def invite_expiry():
    return timezone.now() + INVITE_LIFETIME


class Invite(models.Model):
    """A one-time code that lets a partner join a baby as caregiver, for 48 hours."""

    code = models.CharField(max_length=9, unique=True, default=new_invite_code)
    baby = models.ForeignKey(Baby, on_delete=models.CASCADE, related_name="invites")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=invite_expiry)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Invite {self.code} to {self.baby}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()

    @staticmethod
    def normalise_code(code: str) -> str:
        """Accept what people type: any case, spaces, with or without the dash."""
        compact = "".join(ch for ch in code.upper() if ch.isalnum())
        return f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else compact


class FeedQuerySet(models.QuerySet):
    def visible_to(self, user) -> "FeedQuerySet":
        """Feeds (deleted ones included) of every baby the user owns or cares for."""
        return self.filter(baby__caregivers__user=user)

    def live(self) -> "FeedQuerySet":
        return self.filter(deleted_at__isnull=True)


def _ml_field():
    return models.DecimalField(
        max_digits=ML_MAX_DIGITS,
        decimal_places=ML_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_ML), MaxValueValidator(MAX_ML)],
    )


class Feed(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    baby = models.ForeignKey(Baby, on_delete=models.CASCADE, related_name="feeds")
    kind = models.CharField(max_length=10, choices=FeedKind.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    # [{"side", "started_at", "ended_at"}] as ISO strings in UTC; see tracker.segments.
    segments = models.JSONField(default=list, blank=True)
    # Derived from segments and span on every save: stored so that summaries
    # are computed by the database, not by loading feeds into Python.
    left_seconds = models.PositiveIntegerField(default=0, editable=False)
    right_seconds = models.PositiveIntegerField(default=0, editable=False)
    duration_seconds = models.PositiveIntegerField(default=0, editable=False)
    first_side = models.CharField(
        max_length=5, choices=Side.choices, null=True, blank=True, editable=False
    )
    last_side = models.CharField(
        max_length=5, choices=Side.choices, null=True, blank=True, editable=False
    )
    letdown_count = models.PositiveSmallIntegerField(
        default=0, validators=[MinValueValidator(0), MaxValueValidator(MAX_LETDOWNS)]
    )
    # [{"at", "ml"}] in time order, UTC ISO strings; see tracker.letdowns. When
    # it holds any, letdown_count is their number; an empty list with a count
    # means let-downs whose times nobody recorded (logged afterwards).
    letdowns = models.JSONField(default=list, blank=True)
    signs = models.JSONField(default=list, blank=True)
    left_ml = _ml_field()
    right_ml = _ml_field()
    amount_ml = _ml_field()
    milk_type = models.CharField(max_length=12, choices=MilkType.choices, null=True, blank=True)
    notes = models.TextField(
        max_length=MAX_NOTES_LENGTH,
        blank=True,
        default="",
        validators=[MaxLengthValidator(MAX_NOTES_LENGTH)],
    )
    # Sync bookkeeping, kept by tracker.writes.
    version = models.PositiveIntegerField(default=1, editable=False)
    field_versions = models.JSONField(default=dict, blank=True, editable=False)
    # The sync device that last wrote each field (absent: a REST write): a
    # device's queued edits never conflict with its own earlier ones.
    field_writers = models.JSONField(default=dict, blank=True, editable=False)
    change_seq = models.BigIntegerField(default=0, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FeedQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["baby", "-started_at"], name="feed_baby_started"),
        ]
        constraints = [
            # One feed per write sequence number of a baby: the pull cursor's key,
            # and the index that makes "changes since n" cost what it returns.
            models.UniqueConstraint(fields=["baby", "change_seq"], name="feed_baby_change_seq"),
            models.CheckConstraint(condition=Q(kind__in=FeedKind.values), name="feed_kind_valid"),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="feed_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(letdown_count__lte=MAX_LETDOWNS), name="feed_letdowns_max"
            ),
            models.CheckConstraint(
                condition=Q(kind="pump") | (Q(left_ml__isnull=True) & Q(right_ml__isnull=True)),
                name="feed_volumes_only_for_pump",
            ),
            models.CheckConstraint(
                condition=Q(kind="bottle")
                | (Q(amount_ml__isnull=True) & Q(milk_type__isnull=True)),
                name="feed_amount_only_for_bottle",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{f}__isnull": True})
                    | (Q(**{f"{f}__gte": 0}) & Q(**{f"{f}__lte": MAX_ML})),
                    name=f"feed_{f}_range",
                )
                for f in ("left_ml", "right_ml", "amount_ml")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} feed at {self.started_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        self.derive_totals()
        super().save(*args, **kwargs)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def segment_list(self) -> list[Segment]:
        return parse_segments(self.segments)

    def derive_totals(self) -> None:
        """Fill the read-only totals from segments and span.

        An open segment (a running timer) counts as zero until it ends: stored
        totals never depend on when they were read. Clients show live time from
        ``started_at``.
        """
        try:
            segments = self.segment_list()
        except SegmentError:
            segments = []
        totals = {Side.LEFT: 0, Side.RIGHT: 0}
        for segment in segments:
            totals[segment.side] += segment.seconds
        self.left_seconds, self.right_seconds = totals[Side.LEFT], totals[Side.RIGHT]
        self.first_side = segments[0].side if segments else None
        self.last_side = segments[-1].side if segments else None
        span = (self.ended_at - self.started_at) if self.ended_at and self.started_at else None
        self.duration_seconds = max(int(span.total_seconds()), 0) if span else 0

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}

        def fail(name: str | Violation, field: str | None = None, **params) -> None:
            # Every rule has a stable code (docs/api-contract.md, Error codes).
            rule = violation(name, field)
            errors.setdefault(rule.field, []).append(rule.error(**params))

        now = timezone.now()
        self._clean_times(fail, now)
        self._clean_kind_fields(fail)
        self._clean_signs(fail)
        self._clean_segments(fail, now)
        self._clean_letdowns(fail, now)
        if errors:
            raise ValidationError(errors)

    def _clean_times(self, fail, now) -> None:
        latest = now + MAX_CLOCK_AHEAD
        if self.started_at and self.started_at < EARLIEST_FEED:
            fail("feed_too_early")
        if self.started_at and self.started_at > latest:
            fail("start_in_future")
        if self.started_at and self.ended_at:
            if self.ended_at < self.started_at:
                fail("ends_before_start")
            elif self.ended_at - self.started_at > MAX_FEED_DURATION:
                fail("feed_too_long")
            if self.ended_at > latest:
                fail("end_in_future")

    def _clean_kind_fields(self, fail) -> None:
        """Fields that do not belong to the kind must be empty."""
        for field, kind in KIND_FIELDS.items():
            if getattr(self, field) is not None and self.kind != kind:
                fail("not_for_kind", field, kind=kind, what=field.replace("_", " "))
        if self.segments and self.kind not in KINDS_WITH_SIDES:
            fail("bottle_sides")

    def _clean_signs(self, fail) -> None:
        if not isinstance(self.signs, list):
            fail("signs_not_a_list")
            return
        unknown = [s for s in self.signs if s not in Sign.values]
        if unknown:
            fail("unknown_sign", signs=", ".join(map(str, unknown)))
        elif len(set(self.signs)) != len(self.signs):
            fail("duplicate_sign")

    def _clean_segments(self, fail, now) -> None:
        try:
            segments = self.segment_list()
        except SegmentError as error:
            fail(error.rule, "segments", **error.params)
            return
        # The feed's own clock and range rules, per segment: without them a
        # running feed could hold a segment ending in 2100, whose seconds
        # overflow the stored totals.
        latest = now + MAX_CLOCK_AHEAD
        for n, segment in enumerate(segments, start=1):
            if segment.started_at < EARLIEST_FEED:
                fail("segment_too_early", n=n)
            if max(segment.started_at, segment.ended_at or segment.started_at) > latest:
                fail("segment_in_future", n=n)
            if segment.ended_at and segment.ended_at - segment.started_at > MAX_FEED_DURATION:
                fail("segment_too_long", n=n)
        if segments and self.started_at:
            self._clean_segments_in_span(fail, segments)

    def _clean_segments_in_span(self, fail, segments: list[Segment]) -> None:
        for n, segment in enumerate(segments, start=1):
            if segment.started_at < self.started_at:
                fail("segment_before_feed", n=n)
            if segment.ended_at is None:
                if n != len(segments) or self.ended_at is not None:
                    fail("segment_not_ended", n=n)
            elif self.ended_at and segment.ended_at > self.ended_at:
                fail("segment_after_feed", n=n)
        for n, (before, after) in enumerate(pairwise(segments), start=1):
            if before.ended_at and after.started_at < before.ended_at:
                fail("segments_overlap", n=n, next=n + 1)

    def scrub(self) -> None:
        """Keep only what a tombstone needs: id, baby, version, the time it was deleted.

        A deleted feed's notes, times, amounts and milk type are health data
        nobody may read again; sync only needs to tell devices it is gone.
        ``kind`` stays because the table's checks need one; ``started_at``
        takes the deletion time (the column is required).
        """
        for name in WRITABLE_FEED_FIELDS:
            if name in ("baby", "kind"):
                continue
            if name == "started_at":
                self.started_at = self.deleted_at
            else:
                setattr(self, name, self._meta.get_field(name).get_default())
        self.field_versions, self.field_writers = {}, {}
        self.derive_totals()

    def _clean_letdowns(self, fail, now) -> None:
        try:
            letdowns = parse_letdowns(self.letdowns)
        except LetdownError as error:
            fail(error.rule, "letdowns", **error.params)
            return
        if letdowns and self.letdown_count != len(letdowns):
            fail("letdown_count_mismatch", count=len(letdowns))
        latest = self.ended_at or now + MAX_CLOCK_AHEAD
        for n, letdown in enumerate(letdowns, start=1):
            if letdown.ml is not None:
                self._clean_letdown_ml(fail, n, letdown.ml)
            if self.started_at and letdown.at < self.started_at:
                fail("letdown_before_feed", n=n)
            elif letdown.at > latest:
                fail("letdown_after_feed" if self.ended_at else "letdown_in_future", n=n)
        for n, (before, after) in enumerate(pairwise(letdowns), start=1):
            if after.at < before.at:
                fail("letdowns_out_of_order", n=n, next=n + 1)

    def _clean_letdown_ml(self, fail, n: int, ml: Decimal) -> None:
        if self.kind != FeedKind.PUMP:
            fail("letdown_ml_not_for_kind", n=n)
        elif not MIN_ML <= ml <= MAX_ML:
            fail("letdown_ml_range", n=n)
        elif ml != ml.quantize(Decimal(1).scaleb(-ML_DECIMAL_PLACES)):
            fail("letdown_ml_precision", n=n)


class SyncDevice(models.Model):
    """One installed app (a phone's browser), numbered mutations from seq 1.

    A device id belongs to the account that first pushed with it; tracker.sync
    refuses it for any other account.
    """

    id = models.UUIDField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sync_devices"
    )
    last_seq = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_push_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"device {self.pk} of {self.user} (seq {self.last_seq})"


class SyncReceipt(models.Model):
    """The stored result of one processed mutation, returned again on replay."""

    device = models.ForeignKey(SyncDevice, on_delete=models.CASCADE, related_name="receipts")
    seq = models.BigIntegerField()
    result = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["device", "seq"], name="receipt_once_per_seq"),
            models.CheckConstraint(condition=Q(seq__gte=1), name="receipt_seq_positive"),
        ]

    def __str__(self) -> str:
        return f"receipt {self.seq} of {self.device_id}"


class Device(models.Model):
    """
    One signed-in phone, browser or script: its own credential, listed and revoked alone.

    A token device keeps only the SHA-256 of its secret (``key_hash``): the
    secret is shown once, when issued, and a database leak reveals no working
    token. A browser device is tied to its Django session (``session_key``);
    revoking it deletes that session. A browser that registered has both.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="devices"
    )
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    session_key = models.CharField(max_length=40, null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_used_at"]

    def __str__(self) -> str:
        return f"{self.name} of {self.user_id}"
