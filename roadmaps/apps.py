from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapsConfig(AppConfig):
    name = "roadmaps"
    verbose_name = _("Feuilles de route")

    def ready(self):
        from . import perms  # noqa: F401  (registers this domain's permission rules)
