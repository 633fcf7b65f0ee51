from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "commons_portal.accounts"
    label = "accounts"
    verbose_name = _("Comptes et rôles")

    def ready(self):
        from . import perms  # noqa: F401  (registers the kernel's permission rules)
