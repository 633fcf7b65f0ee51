from django.db import migrations

from retex.themes import DEFAULT_THEMES


def load_themes(apps, schema_editor):
    Theme = apps.get_model("retex", "Theme")
    for theme in DEFAULT_THEMES:
        Theme.objects.get_or_create(number=theme["number"], defaults=theme)


def remove_themes(apps, schema_editor):
    Theme = apps.get_model("retex", "Theme")
    Theme.objects.filter(number__in=[theme["number"] for theme in DEFAULT_THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("retex", "0002_report_commons")]

    operations = [migrations.RunPython(load_themes, remove_themes)]
