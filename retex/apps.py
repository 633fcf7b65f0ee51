from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetexConfig(AppConfig):
    name = "retex"
    verbose_name = _("Ateliers et RETEX")

    def ready(self):
        from commons_portal.core.registry import DemoLoader, NavEntry, register_demo_loader, register_nav

        from . import perms  # noqa: F401  (registers this domain's permission rules)
        from .demo import load_demo

        register_nav(
            NavEntry(
                order=40,
                label=_("Retours d'expérience"),
                url_name="retex:report_list",
                description=_("Lire les RETEX publiés des partenaires, filtrer par thématique et territoire."),
            )
        )
        register_nav(
            NavEntry(
                order=41,
                label=_("Ateliers et restitutions"),
                url_name="retex:event_list",
                description=_("Événements, sessions d'atelier et leurs restitutions : diagnostic, plan d'action."),
            )
        )
        register_nav(
            NavEntry(
                order=42,
                label=_("Mes RETEX"),
                url_name="retex:my_reports",
                description=_("Rédiger un retour d'expérience en plusieurs étapes et suivre son statut."),
                permission="retex.add_experiencereport",
            )
        )
        register_nav(
            NavEntry(
                order=43,
                label=_("RETEX à relire"),
                url_name="retex:review_queue",
                description=_("Publier les RETEX soumis sur vos territoires ou les renvoyer avec un commentaire."),
                permission="retex.review_experiencereport",
            )
        )
        register_demo_loader(DemoLoader(order=40, name="retex", load=load_demo))
