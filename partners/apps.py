from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partenaires")

    def ready(self):
        from commons_portal.core.registry import DemoLoader, NavEntry, register_demo_loader, register_nav

        from . import perms  # noqa: F401  (registers this domain's permission rules)
        from .demo import load_demo
        from .links import convention_links, programme_links, register_link_provider, retex_links

        register_nav(
            NavEntry(
                order=20,
                label=_("Partenaires"),
                url_name="partners:directory",
                description=_(
                    "L'annuaire des organisations partenaires, leurs conventions et les communs numériques "
                    "qu'elles font vivre."
                ),
            )
        )
        register_nav(
            NavEntry(
                order=21,
                label=_("Carte de l'écosystème"),
                url_name="partners:map",
                description=_(
                    "Les partenaires et les communs adoptés dans chaque région académique, et qui travaille avec qui."
                ),
            )
        )
        register_demo_loader(DemoLoader(order=20, name="partners", load=load_demo))
        register_link_provider("conventions", convention_links)
        # Replaced by the roadmaps and retex apps' own providers if they register some under these names.
        register_link_provider("programmes", programme_links)
        register_link_provider("retex", retex_links)
