from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "commons_portal.jobs"
    label = "jobs"
    verbose_name = _("Synthèses PDF et exports")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from commons_portal.core.registry import NavEntry, register_nav

        from . import perms  # noqa: F401  (registers the permission rules of syntheses)

        # Each domain describes its documents in `<app>/pdf.py` (see registry.py).
        autodiscover_modules("pdf")
        register_nav(
            NavEntry(
                order=80,
                label=_("Synthèses PDF"),
                url_name="jobs:list",
                description=_("Demander et télécharger les synthèses PDF : feuilles de route, restitutions, RETEX."),
                permission="jobs.request_pdf",
            )
        )
