"""Load the 18 régions académiques, 30 académies and 101 départements, so that every database, including
the test databases, has the real tree."""

from django.db import migrations


def load(apps, schema_editor):
    from commons_portal.territories.services import territories_load

    territories_load(model=apps.get_model("territories", "Territory"))


def unload(apps, schema_editor):
    apps.get_model("territories", "Territory").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("territories", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
