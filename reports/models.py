"""
Report links: a read-only report of one baby's days, for someone with no account.

A parent makes a link for a lactation consultant or a GP. The link's secret is
random (256 bits), shown once in the answer that made it, and stored only as
its SHA-256: a copy of the database does not open any report. A link shows
one baby and one range of days, nothing else, until it expires or is revoked.
"""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from tracker.models import Baby


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


class ReportLinkQuerySet(models.QuerySet):
    def open(self, now=None) -> "ReportLinkQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ReportLink(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    baby = models.ForeignKey(Baby, on_delete=models.CASCADE, related_name="report_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_links"
    )
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    first_day = models.DateField()
    last_day = models.DateField()
    # The parent's zone when the link was made: the report's days are theirs.
    time_zone = models.CharField(max_length=64, default="UTC")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ReportLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_day__lte=F("last_day")), name="report_link_range_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"Report of {self.baby} {self.first_day}..{self.last_day}"

    def state(self, now=None) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at <= (now or timezone.now()) else "open"
