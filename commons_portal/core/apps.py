from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "commons_portal.core"
    label = "core"
    verbose_name = _("Noyau du portail")

    def ready(self):
        from .caching import connect_signals

        connect_signals()
