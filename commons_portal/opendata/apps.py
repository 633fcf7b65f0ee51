from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "commons_portal.opendata"
    label = "opendata"
    verbose_name = _("Données ouvertes")

    def ready(self):
        # Each domain's `<app>/resources.py` registers its datasets (export, import, DCAT catalogue).
        autodiscover_modules("resources")
