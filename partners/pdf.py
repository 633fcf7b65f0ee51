"""The partner ecosystem report of a territory (or of the whole country): organisations by kind,
conventions, commons and the map. Registered with the kernel's PDF kinds (commons_portal.jobs)."""

from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from commons_portal.jobs.charts import bar_chart_svg
from commons_portal.jobs.registry import PdfKind, TerritoryUse, register_kind

from . import models


def _organisations(territory):
    queryset = models.Organisation.objects.with_list_related_data().order_by("kind", "name")
    if not territory.is_national:
        # Organisations acting in the territory, below it, or above it (a région acts in its académies).
        queryset = (
            queryset.filter(territories__path__startswith=territory.path).distinct()
            | queryset.filter(territories__in=_ancestors_and_self(territory)).distinct()
        )
    return list(queryset.distinct())


def _ancestors_and_self(territory):
    from commons_portal.territories.models import Territory

    prefixes = [territory.path[:end] for end in range(Territory.steplen, len(territory.path) + 1, Territory.steplen)]
    return Territory.objects.filter(path__in=prefixes)


def _partnerships(territory):
    model = getattr(models, "Partnership", None)
    if model is None:
        return []
    queryset = model.objects.all()
    if not territory.is_national:
        queryset = queryset.filter(
            Q(territory__path__startswith=territory.path) | Q(territory__in=_ancestors_and_self(territory))
        )
    related = [name for name in ("parties__organisation", "ambitions") if _has_path(model, name)]
    return list(queryset.select_related("territory").prefetch_related(*related).distinct())


def _commons(territory):
    model = getattr(models, "Commons", None)
    if model is None:
        return []
    queryset = model.objects.all()
    if not territory.is_national and _has_path(model, "adoptions"):
        queryset = queryset.filter(adoptions__territory__path__startswith=territory.path).distinct()
    return list(queryset.order_by("name"))


def _has_path(model, lookup: str) -> bool:
    from django.core.exceptions import FieldDoesNotExist

    try:
        model._meta.get_field(lookup.split("__")[0])
    except FieldDoesNotExist:
        return False
    return True


def _map_svg(territory):
    """The server-side map of régions académiques, when the partners app offers one."""
    try:
        from . import maps
    except ImportError:
        return ""
    draw = getattr(maps, "ecosystem_map_svg", None)
    return draw(territory=territory) if draw else ""


def build_context(obj, territory):
    organisations = _organisations(territory)
    by_kind = {}
    for organisation in organisations:
        by_kind.setdefault(organisation.get_kind_display(), []).append(organisation)
    groups = sorted(by_kind.items(), key=lambda item: (-len(item[1]), str(item[0])))
    partnerships = _partnerships(territory)
    commons = _commons(territory)
    latest = models.Organisation.objects.aggregate(latest=Max("updated_at"))["latest"]
    toc = [
        {"anchor": "organisations", "title": _("Organisations par type"), "level": 2},
        {"anchor": "conventions", "title": _("Conventions de partenariat"), "level": 2},
        {"anchor": "communs", "title": _("Communs numériques"), "level": 2},
        {"anchor": "carte", "title": _("Carte de l’écosystème"), "level": 2},
    ]
    return {
        "territory": territory,
        "organisations": organisations,
        "groups": groups,
        "kind_chart": bar_chart_svg(
            [(str(label), len(items)) for label, items in groups], title=str(_("Organisations par type"))
        )
        if groups
        else "",
        "partnerships": partnerships,
        "commons": commons,
        "map_svg": _map_svg(territory),
        "content_date": latest,
        "toc": toc if len(organisations) > 15 else [],
    }


def title(obj, territory):
    if territory.is_national:
        return str(_("Écosystème des partenaires — national"))
    return str(_("Écosystème des partenaires — %(territory)s") % {"territory": territory.name})


register_kind(
    PdfKind(
        name="ecosystem",
        label=_("Rapport sur l’écosystème des partenaires"),
        template="pdf/ecosystem.html",
        build_context=build_context,
        title=title,
        permission="jobs.view_territory_synthesis",
        territory_use=TerritoryUse.SUBJECT,
    )
)
