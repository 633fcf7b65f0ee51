from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetexConfig(AppConfig):
    name = "retex"
    verbose_name = _("Ateliers et RETEX")
