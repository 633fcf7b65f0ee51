"""The roadmaps' open datasets: the roadmaps (export) and the indicator values (export and import, so
that a term's values can be recorded from a spreadsheet)."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from commons_portal.opendata.registry import Dataset, register_dataset
from commons_portal.opendata.tabular import PortalResource

from .models import Indicator, IndicatorValue, Programme, Roadmap, visible_roadmaps_q


class RoadmapResource(PortalResource):
    territory = fields.Field(attribute="territory__code", column_name="territory", readonly=True)
    parent = fields.Field(attribute="parent__slug", column_name="parent", readonly=True)

    class Meta(PortalResource.Meta):
        model = Roadmap
        fields = (
            "slug",
            "title",
            "territory",
            "period_start",
            "period_end",
            "edition",
            "status",
            "validated_at",
            "parent",
            "introduction",
            "conclusion",
        )
        export_order = fields
        import_id_fields = ("slug",)


class ProgrammeResource(PortalResource):
    roadmap = fields.Field(attribute="roadmap__slug", column_name="roadmap", readonly=True)
    territory = fields.Field(attribute="roadmap__territory__code", column_name="territory", readonly=True)
    axis = fields.Field(attribute="axis__title", column_name="axis", readonly=True)

    class Meta(PortalResource.Meta):
        model = Programme
        fields = ("id", "roadmap", "territory", "axis", "number", "title", "description", "status", "progress")
        export_order = fields


class IndicatorValueResource(PortalResource):
    indicator = fields.Field(
        attribute="indicator", column_name="indicator", widget=widgets.ForeignKeyWidget(Indicator, field="pk")
    )
    roadmap = fields.Field(attribute="indicator__roadmap__slug", column_name="roadmap", readonly=True)
    indicator_name = fields.Field(attribute="indicator__name", column_name="indicator_name", readonly=True)

    class Meta(PortalResource.Meta):
        model = IndicatorValue
        fields = ("id", "roadmap", "indicator", "indicator_name", "school_year", "measured_on", "value", "comment")
        export_order = fields
        import_id_fields = ("id",)

    def describe_columns(self, columns=None):
        described = super().describe_columns(columns)
        notes = {
            "id": _("Vide pour une nouvelle valeur ; l'identifiant d'une valeur existante pour la modifier."),
            "indicator": _("Identifiant de l'indicateur (voir la page de l'indicateur ou l'API)."),
            "roadmap": _("Feuille de route de l'indicateur (information, ignorée à l'import)."),
            "indicator_name": _("Nom de l'indicateur (information, ignorée à l'import)."),
            "school_year": _("Première année de l'année scolaire (2024 pour 2024-2025) ; sinon, la date."),
        }
        for column in described:
            if column["name"] in notes:
                column["description"] = str(notes[column["name"]])
        return described

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.measured_on is None and instance.school_year:
            instance.measured_on = IndicatorValue.school_year_end(instance.school_year)

    def row_permission(self, instance, action):
        # Values follow their roadmap's rules: recorded by whoever may change it (not once validated).
        return "roadmaps.change_roadmap", instance.indicator.roadmap

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance._state.adding:
            instance.entered_by = self.user


register_dataset(
    Dataset(
        key="feuilles-de-route",
        title=_("Feuilles de route territoriales"),
        description=_("Les feuilles de route du numérique éducatif publiées, nationale et territoriales."),
        resource=RoadmapResource,
        queryset=lambda user: Roadmap.objects.visible_to(user).select_related("territory", "parent").order_by("slug"),
        keywords=("feuille de route", "numérique éducatif", "territoires"),
        landing_url_name="roadmaps:list",
        order=10,
    )
)
register_dataset(
    Dataset(
        key="programmes",
        title=_("Programmes des feuilles de route"),
        description=_("Les programmes de chaque feuille de route, avec leur axe, leur statut et leur avancement."),
        resource=ProgrammeResource,
        queryset=lambda user: (
            Programme.objects.filter(visible_roadmaps_q(user, "roadmap__"))
            .select_related("roadmap__territory", "axis")
            .order_by("roadmap__slug", "number")
        ),
        keywords=("programmes", "avancement", "feuille de route"),
        order=15,
    )
)
register_dataset(
    Dataset(
        key="valeurs-indicateurs",
        title=_("Valeurs des indicateurs"),
        description=_("Les mesures des indicateurs des feuilles de route, par date ou année scolaire."),
        resource=IndicatorValueResource,
        queryset=lambda user: (
            IndicatorValue.objects.filter(visible_roadmaps_q(user, "indicator__roadmap__"))
            .select_related("indicator__roadmap")
            .order_by("indicator__roadmap__slug", "indicator_id", "measured_on", "id")
        ),
        import_permission="roadmaps.add_roadmap",
        keywords=("indicateurs", "pilotage", "évaluation"),
        order=20,
    )
)
