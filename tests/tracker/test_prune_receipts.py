"""``manage.py prune_sync_receipts``: old receipts go, a late replay is still a duplicate."""

import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.factories import BabyFactory
from tests.tracker.sync_client import bottle_data, new_id, push, upsert
from tracker.models import Feed, SyncReceipt


@pytest.mark.django_db
def test_prunes_old_receipts_only_and_a_late_replay_still_changes_nothing(auth_client, user):
    baby = BabyFactory(owner=user)
    device = uuid.uuid4()
    first = [upsert(seq, new_id(), bottle_data(baby)) for seq in (1, 2)]
    assert push(auth_client, device, first).status_code == 200
    SyncReceipt.objects.update(created_at=timezone.now() - timedelta(days=31))
    recent = [upsert(3, new_id(), bottle_data(baby))]
    assert push(auth_client, device, recent).status_code == 200

    out = StringIO()
    call_command("prune_sync_receipts", "--days", "30", stdout=out)

    assert "Deleted 2 sync receipts" in out.getvalue()
    assert list(SyncReceipt.objects.values_list("seq", flat=True)) == [3]
    replay = push(auth_client, device, first + recent).json()
    assert [r["status"] for r in replay["results"]] == ["duplicate"] * 3
    assert [r["original_status"] for r in replay["results"]] == [None, None, "applied"]
    assert replay["last_seq"] == 3
    assert Feed.objects.count() == 3


@pytest.mark.django_db
def test_refuses_to_prune_receipts_a_phone_may_be_retrying_now():
    with pytest.raises(CommandError, match="--days"):
        call_command("prune_sync_receipts", "--days", "0")
