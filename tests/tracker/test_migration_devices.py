"""Migration 0006: each DRF token from before devices becomes a device with the same secret."""

from hashlib import sha256

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("tracker", "0005_feed_letdowns"), ("authtoken", "0004_alter_tokenproxy_options")]
AFTER = [("tracker", "0006_devices")]


@pytest.mark.django_db(transaction=True)
def test_tokens_become_devices_and_leave_drf_table():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="sam")
    old.get_model("authtoken", "Token").objects.create(key="a" * 40, user=user)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    (device,) = new.get_model("tracker", "Device").objects.all()
    assert (device.user_id, device.key_hash) == (user.pk, sha256(b"a" * 40).hexdigest())
    assert not new.get_model("authtoken", "Token").objects.exists()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest, for later tests
