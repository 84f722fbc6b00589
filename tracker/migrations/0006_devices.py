"""Per-device credentials; DRF's single token per user becomes that user's first device.

The token keeps working (its SHA-256 is the device's key hash) and the
plain key is deleted from DRF's table. Reversing drops the devices; the
keys cannot be restored (only their hashes were kept).
"""

import django.db.models.deletion
import django.utils.timezone
import uuid
from hashlib import sha256

from django.conf import settings
from django.db import migrations, models


def tokens_to_devices(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    Device = apps.get_model("tracker", "Device")
    for token in Token.objects.iterator():
        Device.objects.create(
            user_id=token.user_id,
            name="Signed in before devices",
            key_hash=sha256(token.key.encode()).hexdigest(),
            created_at=token.created,
            last_used_at=token.created,
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0005_feed_letdowns"),
        ("authtoken", "0004_alter_tokenproxy_options"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Device",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("name", models.CharField(max_length=100)),
                (
                    "key_hash",
                    models.CharField(
                        blank=True, editable=False, max_length=64, null=True, unique=True
                    ),
                ),
                (
                    "session_key",
                    models.CharField(blank=True, db_index=True, max_length=40, null=True),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("last_used_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="devices",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-last_used_at"],
            },
        ),
        migrations.RunPython(tokens_to_devices, migrations.RunPython.noop),
    ]
