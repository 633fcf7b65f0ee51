"""The partner ecosystem report of a territory (or of the whole country): organisations by kind,
conventions, commons and their adoption, the map. Registered with the kernel's PDF kinds
(commons_portal.jobs)."""

from django.db.models import Max, Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commons_portal.jobs.charts import bar_chart_svg
from commons_portal.jobs.registry import PdfKind, TerritoryUse, register_kind
from commons_portal.territories.models import Territory

from .maps import ecosystem_map_svg
from .models import Commons, CommonsAdoption, Organisation, Partnership, PartnershipParty


def _around(territory, field: str) -> Q:
    """Objects of the territory, below it, or above it (a région's partners act in its académies too)."""
    step = Territory.steplen
    ancestors = [territory.path[:end] for end in range(step, len(territory.path) + 1, step)]
    return Q(**{f"{field}__path__startswith": territory.path}) | Q(**{f"{field}__path__in": ancestors})


def build_context(obj, territory):
    national = territory.is_national
    organisations = Organisation.objects.with_list_related_data().order_by("kind", "name")
    partnerships = Partnership.objects.select_related("territory").prefetch_related(
        Prefetch("parties", queryset=PartnershipParty.objects.select_related("organisation")), "ambitions"
    )
    adoptions = CommonsAdoption.objects.select_related("territory", "organisation").order_by("adopted_on")
    commons = Commons.objects.order_by("name")
    if not national:
        organisations = organisations.filter(_around(territory, "territories")).distinct()
        partnerships = partnerships.filter(_around(territory, "territory"))
        adoptions = adoptions.filter(territory__path__startswith=territory.path)
        commons = commons.filter(
            Q(adoptions__territory__path__startswith=territory.path) | Q(territories__path__startswith=territory.path)
        ).distinct()
    organisations = list(organisations)
    by_kind = {}
    for organisation in organisations:
        by_kind.setdefault(organisation.get_kind_display(), []).append(organisation)
    groups = sorted(by_kind.items(), key=lambda item: (-len(item[1]), str(item[0])))
    commons = list(commons.prefetch_related(Prefetch("adoptions", queryset=adoptions)))
    latest = Organisation.objects.aggregate(latest=Max("updated_at"))["latest"]
    return {
        "territory": territory,
        "organisations": organisations,
        "groups": groups,
        "kind_chart": bar_chart_svg(
            [(str(label), len(items)) for label, items in groups], title=_("Organisations par type")
        )
        if groups
        else "",
        "partnerships": list(partnerships.order_by("-start_date", "title")),
        "commons": commons,
        "map_svg": ecosystem_map_svg(territory=territory),
        "content_date": latest,
        "toc": [
            {"anchor": "organisations", "title": _("Organisations par type"), "level": 2},
            {"anchor": "conventions", "title": _("Conventions de partenariat"), "level": 2},
            {"anchor": "communs", "title": _("Communs numériques"), "level": 2},
            {"anchor": "carte", "title": _("Carte de l’écosystème"), "level": 2},
        ],
    }


def title(obj, territory):
    if territory.is_national:
        return _("Écosystème des partenaires — national")
    return _("Écosystème des partenaires — %(territory)s") % {"territory": territory.name}


register_kind(
    PdfKind(
        name="ecosystem",
        label=gettext_lazy("Rapport sur l’écosystème des partenaires"),
        template="pdf/ecosystem.html",
        build_context=build_context,
        title=title,
        permission="jobs.view_territory_synthesis",
        territory_use=TerritoryUse.SUBJECT,
    )
)
