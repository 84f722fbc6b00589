"""Scrub what deleted feeds and sync receipts kept of health data.

A tombstone keeps only id, baby, version and the time it was deleted
(``Feed.scrub``); a receipt keeps only its seq, status, feed id and errors
(``tracker.sync._receipt``): a replay renders the feed as it stands now.
"""

from django.db import migrations
from django.db.models import F


def scrub_tombstones(apps, schema_editor):
    Feed = apps.get_model("tracker", "Feed")
    Feed.objects.filter(deleted_at__isnull=False).update(
        started_at=F("deleted_at"),
        ended_at=None,
        segments=[],
        left_seconds=0,
        right_seconds=0,
        duration_seconds=0,
        first_side=None,
        last_side=None,
        letdown_count=0,
        signs=[],
        left_ml=None,
        right_ml=None,
        amount_ml=None,
        milk_type=None,
        notes="",
        field_versions={},
        field_writers={},
    )


def minimal_receipts(apps, schema_editor):
    SyncReceipt = apps.get_model("tracker", "SyncReceipt")
    for receipt in SyncReceipt.objects.iterator(chunk_size=1000):
        old = receipt.result or {}
        record = old.get("record") or {}
        receipt.result = {
            "seq": old.get("seq", receipt.seq),
            "status": old.get("status"),
            # Older receipts named their feed only in the record.
            "feed": old.get("feed") or record.get("id"),
            "errors": old.get("errors"),
            "codes": old.get("codes"),
        }
        receipt.save(update_fields=["result"])


class Migration(migrations.Migration):
    dependencies = [("tracker", "0003_feed_field_writers")]

    operations = [
        migrations.RunPython(scrub_tombstones, migrations.RunPython.noop),
        migrations.RunPython(minimal_receipts, migrations.RunPython.noop),
    ]
