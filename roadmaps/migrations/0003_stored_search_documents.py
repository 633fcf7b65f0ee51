"""A stored, GIN-indexed French search document (see commons_portal/search/fields.py), kept in the
history tables too (simple-history would otherwise read it back row by row)."""

import commons_portal.search.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):
    # The French text search configuration of the generated columns comes from the search app.
    dependencies = [
        ("roadmaps", "0002_programme_commons"),
        ("search", "0001_french_unaccent_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalprogramme",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=commons_portal.search.fields.SearchDocument("title", "description"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddField(
            model_name="historicalroadmap",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=commons_portal.search.fields.SearchDocument("title", "introduction", "conclusion"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddField(
            model_name="programme",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=commons_portal.search.fields.SearchDocument("title", "description"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddField(
            model_name="roadmap",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=commons_portal.search.fields.SearchDocument("title", "introduction", "conclusion"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddIndex(
            model_name="programme",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_document"], name="programme_search"),
        ),
        migrations.AddIndex(
            model_name="roadmap",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_document"], name="roadmap_search"),
        ),
    ]
