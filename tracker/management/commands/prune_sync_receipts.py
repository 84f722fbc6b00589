"""
``manage.py prune_sync_receipts [--days 30]``: forget old push receipts.

A receipt is the stored answer to one pushed mutation, kept so a replay
(a push whose response was lost) gets the same answer again. Phones retry
within minutes or days, not months, so receipts older than ``--days`` are
deleted. Nothing else changes: a device's ``last_seq`` stays, so a very late
replay of a pruned seq is still recognised and answered ``duplicate`` (with
``original_status: null``), never applied twice. Run it from cron; it deletes
in batches so a large backlog never holds one long transaction.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tracker.models import SyncReceipt

BATCH = 5000


class Command(BaseCommand):
    help = "Delete sync push receipts older than --days (default 30)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days: int, **options):
        if days < 1:
            raise CommandError("--days must be at least 1: a phone retrying needs its receipts.")
        cutoff = timezone.now() - timedelta(days=days)
        old = SyncReceipt.objects.filter(created_at__lt=cutoff)
        deleted = 0
        while batch := list(old.values_list("pk", flat=True)[:BATCH]):
            deleted += SyncReceipt.objects.filter(pk__in=batch).delete()[0]
        self.stdout.write(f"Deleted {deleted} sync receipts older than {days} days.")
