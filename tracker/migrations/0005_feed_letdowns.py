from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0004_scrub_deleted_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="feed",
            name="letdowns",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
