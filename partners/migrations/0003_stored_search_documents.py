"""A stored, GIN-indexed French search document (see commons_portal/search/fields.py)."""

import commons_portal.search.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):
    # The French text search configuration of the generated columns comes from the search app.
    dependencies = [
        ("partners", "0002_ecosystem"),
        ("search", "0001_french_unaccent_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="commons",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=commons_portal.search.fields.SearchDocument("name", "description", "steward_community"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=commons_portal.search.fields.SearchDocument("name", "acronym", "description"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddField(
            model_name="partnership",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=commons_portal.search.fields.SearchDocument("title", "description"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddIndex(
            model_name="commons",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_document"], name="commons_search"),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_document"], name="organisation_search"),
        ),
        migrations.AddIndex(
            model_name="partnership",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_document"], name="partnership_search"),
        ),
    ]
