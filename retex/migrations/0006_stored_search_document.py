"""A stored, GIN-indexed French search document (see commons_portal/search/fields.py)."""

import commons_portal.search.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):
    # The French text search configuration of the generated columns comes from the search app.
    dependencies = [
        ("retex", "0005_report_list_order_index"),
        ("search", "0001_french_unaccent_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="experiencereport",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=commons_portal.search.fields.SearchDocument("title", "summary", "strengths", "pain_points"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddIndex(
            model_name="experiencereport",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_document"], name="retex_report_search"),
        ),
    ]
