"""Two documents of the RETEX domain, registered with the kernel's PDF kinds (commons_portal.jobs):

- the restitution of a workshop session, laid out like the official template (seed 003): session
  identity, participants by category, RETEX presented, diagnostic, needs and levers, action plan,
  flagship proposal sheet;
- the RETEX synthesis of a territory or of the whole country: published reports by theme, strengths and
  pain points, the most frequent needs and levers from the workshops, the commons and their adoption.
"""

from collections import Counter

from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commons_portal.jobs.charts import bar_chart_svg
from commons_portal.jobs.registry import PdfInputError, PdfKind, TerritoryUse, register_kind

from .models import (
    ActionPlanItem,
    DiagnosticRow,
    ExperienceReport,
    ParticipantCategory,
    Projection,
    Session,
    Theme,
)

# --- session restitution ---------------------------------------------------------------------------


def _sessions():
    return Session.objects.select_related("event", "event__territory", "flagship").prefetch_related(
        "participant_counts",
        "facilitators",
        Prefetch("diagnosticrow_set", queryset=DiagnosticRow.objects.select_related("theme", "report")),
        Prefetch("projection_set", queryset=Projection.objects.select_related("theme")),
        Prefetch("actionplanitem_set", queryset=ActionPlanItem.objects.select_related("theme")),
    )


def resolve_session(ref: str) -> Session:
    """Light: permission checks (every poll of a job page) resolve the object; the records are loaded to render."""
    sessions = Session.objects.select_related("event", "event__territory")
    found = sessions.filter(slug=ref).first() or (sessions.filter(pk=int(ref)).first() if ref.isdigit() else None)
    if found is None:
        raise PdfInputError(_("Session introuvable : « %(ref)s ».") % {"ref": ref}, field="object")
    return found


def _lines(text: str) -> list[str]:
    return [line.strip(" -•▶\t") for line in (text or "").splitlines() if line.strip(" -•▶\t")]


def restitution_context(session, territory):
    session = _sessions().get(pk=session.pk)
    counts = {entry.category: entry for entry in session.participant_counts.all()}
    participants = [
        {"label": label, "entry": counts.get(value), "present": value in counts}
        for value, label in ParticipantCategory.choices
    ]
    diagnostic = list(session.diagnosticrow_set.all())
    reports = []
    for row in diagnostic:
        if row.report and row.report not in reports:
            reports.append(row.report)
    try:
        flagship = session.flagship
    except Session.flagship.RelatedObjectDoesNotExist:
        flagship = None
    return {
        "session": session,
        "event": session.event,
        "themes": list(Theme.objects.all()),
        "participants": participants,
        "participant_total": sum(entry.count or 0 for entry in counts.values()),
        "reports": reports,
        "diagnostic": diagnostic,
        "projections": list(session.projection_set.all()),
        "action_plan": list(session.actionplanitem_set.all()),
        "flagship": flagship,
        "facilitators": session.facilitators_text or ", ".join(str(user) for user in session.facilitators.all()),
        "content_date": session.restitution_published_at,
    }


def restitution_title(session, territory):
    return _("Restitution — %(title)s — %(date)s") % {"title": session.title, "date": session.date.strftime("%d/%m/%Y")}


# --- RETEX synthesis of a territory ----------------------------------------------------------------


def _top(texts, limit=10) -> list[tuple[str, int]]:
    """The most frequent lines, compared without case or surrounding punctuation; shown as first written."""
    counter, shown = Counter(), {}
    for text in texts:
        for line in _lines(text):
            key = line.lower().rstrip(" .;")
            counter[key] += 1
            shown.setdefault(key, line)
    return [(shown[key], count) for key, count in counter.most_common(limit)]


def synthesis_context(obj, territory):
    reports = (
        ExperienceReport.objects.published()
        .select_related("territory", "organisation")
        .prefetch_related("themes", "commons", "adopted_in")
    )
    projections = Projection.objects.filter(session__restitution_status=Session.RestitutionStatus.PUBLISHED)
    if not territory.is_national:
        reports = reports.filter(territory__path__startswith=territory.path)
        projections = projections.filter(session__event__territory__path__startswith=territory.path)
    reports = list(reports.order_by("title"))
    projections = list(projections)
    themes = list(Theme.objects.all())
    by_theme = []
    for theme in themes:
        members = [report for report in reports if any(t.pk == theme.pk for t in report.themes.all())]
        by_theme.append(
            {
                "theme": theme,
                "reports": members,
                "strengths": _top(report.strengths for report in members),
                "pain_points": _top(report.pain_points for report in members),
            }
        )
    unthemed = [report for report in reports if not report.themes.all()]
    commons = {}
    for report in reports:
        for item in report.commons.all():
            entry = commons.setdefault(item.pk, {"commons": item, "reports": 0, "territories": set()})
            entry["reports"] += 1
            entry["territories"].update(t.name for t in report.adopted_in.all())
            if report.territory:
                entry["territories"].add(report.territory.name)
    adopted = [report for report in reports if report.adopted_in.all()]
    latest = ExperienceReport.objects.published().aggregate(latest=Max("published_at"))["latest"]
    return {
        "territory": territory,
        "reports": reports,
        "by_theme": by_theme,
        "unthemed": unthemed,
        "theme_chart": bar_chart_svg(
            [(f"#{entry['theme'].number} {entry['theme'].title}", len(entry["reports"])) for entry in by_theme],
            title=_("RETEX publiés par thématique"),
        )
        if themes
        else "",
        "needs": _top((projection.need for projection in projections), limit=12),
        "levers": _top((projection.lever for projection in projections), limit=12),
        "pain_points": _top((projection.pain_point for projection in projections), limit=12),
        "commons": sorted(commons.values(), key=lambda entry: (-entry["reports"], entry["commons"].name)),
        "adopted": adopted,
        "content_date": latest,
        "toc": [
            {"anchor": "themes", "title": _("RETEX par thématique"), "level": 2},
            {"anchor": "besoins", "title": _("Besoins et leviers les plus fréquents"), "level": 2},
            {"anchor": "communs", "title": _("Communs numériques et essaimage"), "level": 2},
        ]
        if len(reports) > 8
        else [],
    }


def synthesis_title(obj, territory):
    if territory.is_national:
        return _("Synthèse nationale des retours d’expérience")
    return _("Synthèse des retours d’expérience — %(territory)s") % {"territory": territory.name}


register_kind(
    PdfKind(
        name="restitution",
        label=gettext_lazy("Restitution de session"),
        template="pdf/restitution.html",
        build_context=restitution_context,
        title=restitution_title,
        permission="retex.view_session",
        resolve_object=resolve_session,
        object_help=gettext_lazy("Slug de la session, par exemple « corse-2020-10-12 »."),
    )
)
register_kind(
    PdfKind(
        name="retex-synthesis",
        label=gettext_lazy("Synthèse des RETEX"),
        template="pdf/retex_synthesis.html",
        build_context=synthesis_context,
        title=synthesis_title,
        permission="jobs.view_territory_synthesis",
        territory_use=TerritoryUse.SUBJECT,
    )
)
