from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "commons_portal.opendata"
    label = "opendata"
    verbose_name = _("Données ouvertes")

    def ready(self):
        from commons_portal.core.registry import NavEntry, register_nav

        register_nav(
            NavEntry(
                order=95,
                label=_("Données ouvertes"),
                url_name="opendata:index",
                description=_("Exporter les données publiées (Licence Ouverte 2.0), le catalogue DCAT et l'API."),
            )
        )
        # Each domain's `<app>/resources.py` registers its datasets (export, import, DCAT catalogue).
        autodiscover_modules("resources")
