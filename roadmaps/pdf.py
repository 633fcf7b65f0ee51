"""The roadmap document, laid out like the official one (seed 001): introduction; structuring then
operational axes, each with its framing, strategic approach and stakes, programmes, indicators with
their charts and identified partners; governance and phases; conclusion. Registered with the kernel's
PDF kinds (commons_portal.jobs)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commons_portal.jobs.registry import PdfInputError, PdfKind, register_kind

from .charts import indicator_chart_svg, indicator_rows
from .models import Axis, Roadmap
from .progress import roll_up


def resolve_roadmap(ref: str) -> Roadmap:
    """Light: permission checks (every poll of a job page) resolve the object; the tree is loaded to render."""
    queryset = Roadmap.objects.select_related("territory")
    found = queryset.filter(slug=ref).first() or (queryset.filter(pk=int(ref)).first() if ref.isdigit() else None)
    if found is None:
        raise PdfInputError(_("Feuille de route introuvable : « %(ref)s ».") % {"ref": ref}, field="object")
    return found


def _axis_sections(roadmap, indicators_by_programme, start: int):
    """Axes grouped by kind, numbered as in the official document (2.1, 2.1.1...)."""
    axes = sorted(roadmap.axes.all(), key=lambda axis: (axis.kind != Axis.Kind.STRUCTURING, axis.position, axis.pk))
    groups = []
    for kind, title in (
        (Axis.Kind.STRUCTURING, _("Axes structurants")),
        (Axis.Kind.OPERATIONAL, _("Axes opérationnels")),
    ):
        members = [axis for axis in axes if axis.kind == kind]
        if not members:
            continue
        number = start + len(groups)
        entries = []
        for index, axis in enumerate(members, start=1):
            programmes = sorted(axis.programmes.all(), key=lambda programme: programme.number)
            indicators = [
                {
                    "indicator": indicator,
                    "chart": indicator_chart_svg(indicator, element_id=f"pdf-chart-{indicator.pk}"),
                    "rows": indicator_rows(indicator),
                }
                for programme in programmes
                for indicator in indicators_by_programme.get(programme.pk, [])
            ]
            entries.append(
                {
                    "axis": axis,
                    "number": f"{number}.{index}",
                    "anchor": f"axe-{axis.pk}",
                    "stakes": list(axis.stakes.all()),
                    "programmes": programmes,
                    "indicators": indicators,
                    "partners": [str(organisation) for organisation in axis.partners.all()] + axis.partners_lines,
                }
            )
        groups.append({"number": number, "title": title, "anchor": f"partie-{number}", "axes": entries})
    return groups


def build_context(roadmap, territory):
    roadmap = Roadmap.objects.with_tree().get(pk=roadmap.pk)
    roll_up(roadmap)
    indicators_by_programme, general_indicators = {}, []
    for indicator in roadmap.indicators.all():
        if indicator.programme_id:
            indicators_by_programme.setdefault(indicator.programme_id, []).append(indicator)
        else:
            general_indicators.append(indicator)
    groups = _axis_sections(roadmap, indicators_by_programme, start=2)
    toc = [{"anchor": "introduction", "title": f"1. {_('Introduction')}", "level": 2}]
    for group in groups:
        toc.append({"anchor": group["anchor"], "title": f"{group['number']}. {group['title']}", "level": 2})
        toc += [
            {
                "anchor": entry["anchor"],
                "title": f"{entry['number']} {entry['axis'].label} — {entry['axis'].title}",
                "level": 3,
            }
            for entry in group["axes"]
        ]
    next_number = 2 + len(groups)
    general = [
        {
            "indicator": indicator,
            "chart": indicator_chart_svg(indicator, element_id=f"pdf-chart-{indicator.pk}"),
            "rows": indicator_rows(indicator),
        }
        for indicator in general_indicators
    ]
    governance = list(roadmap.governance_bodies.all())
    phases = list(roadmap.phases.all())
    extra = []
    if general:
        extra.append(("indicateurs", _("Indicateurs transversaux")))
    if governance or phases:
        extra.append(("gouvernance", _("Gouvernance et phases")))
    extra.append(("conclusion", _("Conclusion")))
    numbered_extra = [(anchor, f"{next_number + index}. {title}") for index, (anchor, title) in enumerate(extra)]
    toc += [{"anchor": anchor, "title": title, "level": 2} for anchor, title in numbered_extra]
    return {
        "roadmap": roadmap,
        "groups": groups,
        "general_indicators": general,
        "governance": governance,
        "phases": phases,
        "headings": dict(numbered_extra),
        "programme_count": sum(len(entry["programmes"]) for group in groups for entry in group["axes"]),
        "toc": toc,
        "content_date": roadmap.updated_at,
    }


def title(roadmap, territory):
    return _("%(title)s — version %(edition)s") % {"title": roadmap.title, "edition": roadmap.edition}


register_kind(
    PdfKind(
        name="roadmap",
        label=gettext_lazy("Feuille de route"),
        template="pdf/roadmap.html",
        build_context=build_context,
        title=title,
        permission="roadmaps.view_roadmap",
        resolve_object=resolve_roadmap,
        object_help=gettext_lazy("Slug de la feuille de route, par exemple « bfc-2017-2020 »."),
    )
)
