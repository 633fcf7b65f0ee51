"""RETEX open datasets: published experience reports and sessions, without personal data (no author,
no facilitator)."""

from django.utils.translation import gettext_lazy as _
from import_export import fields

from commons_portal.opendata.registry import Dataset, register_dataset
from commons_portal.opendata.tabular import CodesWidget, PortalResource

from .models import ExperienceReport, Session, Theme


class ExperienceReportResource(PortalResource):
    territory = fields.Field(attribute="territory__code", column_name="territory", readonly=True)
    organisation = fields.Field(attribute="organisation__slug", column_name="organisation", readonly=True)
    themes = fields.Field(
        attribute="themes", column_name="themes", widget=CodesWidget(Theme, field="number"), readonly=True
    )

    class Meta(PortalResource.Meta):
        model = ExperienceReport
        fields = (
            "id",
            "title",
            "summary",
            "link",
            "themes",
            "territory",
            "organisation",
            "strengths",
            "pain_points",
            "published_at",
        )
        export_order = fields


class SessionResource(PortalResource):
    event = fields.Field(attribute="event__title", column_name="event", readonly=True)
    territory = fields.Field(attribute="event__territory__code", column_name="territory", readonly=True)

    class Meta(PortalResource.Meta):
        model = Session
        fields = (
            "slug",
            "event",
            "territory",
            "title",
            "date",
            "start_time",
            "end_time",
            "format",
            "restitution_published_at",
        )
        export_order = fields


register_dataset(
    Dataset(
        key="sessions",
        title=_("Sessions d'ateliers et restitutions"),
        description=_("Les sessions (ateliers, journées) dont la restitution est publiée : date, lieu, format."),
        resource=SessionResource,
        queryset=lambda user: (
            Session.objects.visible_to(user).select_related("event__territory").order_by("date", "pk")
        ),
        keywords=("ateliers", "restitutions", "événements"),
        landing_url_name="retex:event_list",
        order=70,
    )
)
register_dataset(
    Dataset(
        key="retex",
        title=_("Retours d'expérience"),
        description=_(
            "Les retours d'expérience publiés par les partenaires et les équipes : résumé, points forts, "
            "irritants, thématiques et territoire."
        ),
        resource=ExperienceReportResource,
        queryset=lambda user: (
            ExperienceReport.objects.visible_to(user)
            .select_related("territory", "organisation")
            .prefetch_related("themes")
            .order_by("id")
        ),
        keywords=("retours d'expérience", "RETEX", "communs numériques"),
        landing_url_name="retex:report_list",
        order=60,
    )
)
