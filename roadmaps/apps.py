from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapsConfig(AppConfig):
    name = "roadmaps"
    verbose_name = _("Feuilles de route")

    def ready(self):
        from commons_portal.core.registry import DemoLoader, NavEntry, register_demo_loader, register_nav

        from . import perms  # noqa: F401  (registers this domain's permission rules)
        from .demo import load

        register_demo_loader(DemoLoader(30, "Feuilles de route (nationale, Bourgogne-Franche-Comté v1 et v2)", load))
        register_nav(
            NavEntry(
                10,
                _("Feuilles de route"),
                "roadmaps:list",
                _(
                    "Lire les feuilles de route du numérique éducatif des régions académiques, suivre leurs "
                    "programmes et leurs indicateurs, et les rédiger en ligne pour les équipes DRANE et DRASI."
                ),
            )
        )
        register_nav(
            NavEntry(
                15,
                _("Vue nationale"),
                "roadmaps:national",
                _("Comparer les territoires : axes nationaux déclinés et avancement côte à côte."),
            )
        )
