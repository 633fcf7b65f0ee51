"""The index behind "most recently changed first" within a status (API list, review queue)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("retex", "0006_stored_search_document"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="experiencereport",
            index=models.Index(fields=["status", "-updated_at", "-id"], name="retex_report_recent"),
        ),
    ]
