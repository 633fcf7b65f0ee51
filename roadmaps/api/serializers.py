from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commons_portal.api.serializers import (
    AbilitiesField,
    PortalModelSerializer,
    PortalPrimaryKeyRelatedField,
    PortalSlugRelatedField,
    StrictFieldsMixin,
)
from commons_portal.territories.models import Territory
from partners.models import Organisation

from ..models import (
    Action,
    Axis,
    GovernanceBody,
    Indicator,
    IndicatorValue,
    Objective,
    Phase,
    Programme,
    Roadmap,
    Stake,
)

# School years a roadmap may cover (the year each one starts), as in the page's form.
PERIOD_YEARS = {"min_value": 2000, "max_value": 2100}


class RoadmapSerializer(PortalModelSerializer):
    """A roadmap; its title, period, introduction and conclusion are written while it is open (a draft
    or in review), its status only through the workflow actions."""

    territory = serializers.CharField(source="territory.code", read_only=True)
    parent = serializers.CharField(source="parent.slug", read_only=True, allow_null=True, default=None)
    previous_version = serializers.CharField(
        source="previous_version.slug", read_only=True, allow_null=True, default=None
    )
    abilities = AbilitiesField()

    class Meta:
        model = Roadmap
        fields = [
            "id",
            "slug",
            "title",
            "territory",
            "period_start",
            "period_end",
            "edition",
            "status",
            "validated_at",
            "introduction",
            "conclusion",
            "parent",
            "previous_version",
            "version",
            "updated_at",
            "abilities",
        ]
        read_only_fields = ["id", "slug", "edition", "status", "validated_at", "version", "updated_at"]
        extra_kwargs = {"period_start": PERIOD_YEARS, "period_end": PERIOD_YEARS}

    def validate(self, data):
        data = super().validate(data)
        start = data.get("period_start", getattr(self.instance, "period_start", None))
        end = data.get("period_end", getattr(self.instance, "period_end", None))
        if start is not None and end is not None and end < start:
            raise serializers.ValidationError(
                {"period_end": [_("La dernière année scolaire ne peut pas précéder la première.")]}
            )
        return data


class RoadmapCreateSerializer(RoadmapSerializer):
    """A new draft for a territory: empty, or declining a validated national roadmap (whose axes and
    stakes are then copied). Its next versions are drafted with `new-version`."""

    territory = PortalSlugRelatedField(
        slug_field="code",
        queryset=Territory.objects.all(),
        help_text=_("Le territoire de la feuille de route (son code, par exemple R27)."),
    )
    national = PortalSlugRelatedField(
        slug_field="slug",
        queryset=Roadmap.objects.published().filter(territory__level=Territory.Level.NATIONAL),
        required=False,
        allow_null=True,
        write_only=True,
        help_text=_(
            "La feuille de route nationale validée à décliner (son identifiant « slug ») : ses axes et leurs "
            "enjeux sont copiés. Vide : une feuille de route vide."
        ),
    )

    class Meta(RoadmapSerializer.Meta):
        fields = [*RoadmapSerializer.Meta.fields, "national"]
        read_only_fields = [*RoadmapSerializer.Meta.read_only_fields, "introduction", "conclusion"]


def _visible_roadmaps(field):
    request = field.context.get("request")
    return Roadmap.objects.visible_to(getattr(request, "user", None))


class VisibleRoadmapField(PortalSlugRelatedField):
    """A roadmap given by its slug, among those the current user sees: another territory's draft is
    "unknown", exactly like a slug that does not exist."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("La feuille de route (son identifiant « slug »)."))
        super().__init__(slug_field="slug", queryset=Roadmap.objects.all(), **kwargs)

    def get_queryset(self):
        return _visible_roadmaps(self)


class VisiblePartField(serializers.PrimaryKeyRelatedField):
    """An axis, programme or indicator given by its id, among those of the roadmaps the current user sees."""

    def __init__(self, model, **kwargs):
        super().__init__(queryset=model.objects.all(), **kwargs)

    def get_queryset(self):
        return self.queryset.model.objects.filter(roadmap__in=_visible_roadmaps(self)).select_related(
            "roadmap__territory"
        )


def _organisations(help_text):
    return PortalPrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, required=False, help_text=help_text
    )


class RoadmapPartSerializer(PortalModelSerializer):
    """A part of a roadmap. `parent_field` names its container (roadmap, axis or programme): given at
    creation, it never changes afterwards (other than a programme moving to another axis)."""

    parent_field = "roadmap"
    movable = False
    abilities = AbilitiesField()

    def validate(self, data):
        data = super().validate(data)
        if self.instance is not None and not self.movable and self.parent_field in data:
            if data[self.parent_field] != getattr(self.instance, self.parent_field):
                raise serializers.ValidationError({self.parent_field: [_("Cet élément ne change pas de parent.")]})
        return data


class AxisSerializer(RoadmapPartSerializer):
    roadmap = VisibleRoadmapField()
    national_axis = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    partners = _organisations(_("Les organisations partenaires identifiées (leurs identifiants)."))

    class Meta:
        model = Axis
        fields = [
            "id",
            "roadmap",
            "kind",
            "number",
            "title",
            "framing",
            "strategic_approach",
            "position",
            "weight",
            "national_axis",
            "partners",
            "partners_text",
            "version",
            "abilities",
        ]
        read_only_fields = ["id", "number", "position", "version"]


class StakeSerializer(RoadmapPartSerializer):
    parent_field = "axis"
    axis = VisiblePartField(Axis, help_text=_("L'axe de l'enjeu (son identifiant)."))
    roadmap = serializers.CharField(source="axis.roadmap.slug", read_only=True)

    class Meta:
        model = Stake
        fields = ["id", "roadmap", "axis", "text", "position", "version", "abilities"]
        read_only_fields = ["id", "position", "version"]


class ProgrammeSerializer(RoadmapPartSerializer):
    parent_field = "axis"
    movable = True
    roadmap = serializers.CharField(source="roadmap.slug", read_only=True)
    axis = VisiblePartField(
        Axis, help_text=_("L'axe du programme (son identifiant) ; le changer déplace le programme à la fin de cet axe.")
    )
    axis_title = serializers.CharField(source="axis.title", read_only=True)
    lead_organisations = _organisations(_("Les organisations pilotes (leurs identifiants)."))
    contributing_organisations = _organisations(_("Les organisations contributrices (leurs identifiants)."))

    class Meta:
        model = Programme
        fields = [
            "id",
            "roadmap",
            "axis",
            "axis_title",
            "number",
            "title",
            "description",
            "status",
            "progress",
            "weight",
            "position",
            "lead_organisations",
            "contributing_organisations",
            "version",
            "abilities",
        ]
        read_only_fields = ["id", "number", "position", "version"]

    def validate_axis(self, axis):
        if self.instance is not None and axis.roadmap_id != self.instance.roadmap_id:
            raise serializers.ValidationError(_("Cet axe n'appartient pas à la même feuille de route."))
        return axis


class ObjectiveSerializer(RoadmapPartSerializer):
    parent_field = "programme"
    programme = VisiblePartField(Programme, help_text=_("Le programme de l'objectif (son identifiant)."))
    roadmap = serializers.CharField(source="programme.roadmap.slug", read_only=True)

    class Meta:
        model = Objective
        fields = ["id", "roadmap", "programme", "text", "position", "version", "abilities"]
        read_only_fields = ["id", "position", "version"]


class ActionSerializer(RoadmapPartSerializer):
    """No personal data: who created the action is not shown."""

    parent_field = "programme"
    programme = VisiblePartField(Programme, help_text=_("Le programme de l'action (son identifiant)."))
    roadmap = serializers.CharField(source="programme.roadmap.slug", read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "roadmap",
            "programme",
            "what",
            "how",
            "who",
            "when",
            "start_date",
            "end_date",
            "success_indicators",
            "progress",
            "weight",
            "position",
            "source_label",
            "version",
            "abilities",
        ]
        read_only_fields = ["id", "position", "source_label", "version"]


class IndicatorSerializer(RoadmapPartSerializer):
    roadmap = VisibleRoadmapField()
    programme = VisiblePartField(
        Programme,
        required=False,
        allow_null=True,
        help_text=_("Le programme mesuré (son identifiant), de la même feuille de route ; vide pour la feuille."),
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "roadmap",
            "programme",
            "name",
            "unit",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "source",
            "frequency",
            "position",
            "version",
            "abilities",
        ]
        read_only_fields = ["id", "position", "version"]

    def validate(self, data):
        data = super().validate(data)
        roadmap = data.get("roadmap") or getattr(self.instance, "roadmap", None)
        programme = data.get("programme")
        if programme is not None and roadmap is not None and programme.roadmap_id != roadmap.pk:
            raise serializers.ValidationError(
                {"programme": [_("Ce programme n'appartient pas à la même feuille de route.")]}
            )
        return data


class GovernanceBodySerializer(RoadmapPartSerializer):
    roadmap = VisibleRoadmapField()

    class Meta:
        model = GovernanceBody
        fields = [
            "id",
            "roadmap",
            "acronym",
            "name",
            "composition",
            "frequency",
            "scope",
            "position",
            "version",
            "abilities",
        ]
        read_only_fields = ["id", "position", "version"]


class PhaseSerializer(RoadmapPartSerializer):
    roadmap = VisibleRoadmapField()

    class Meta:
        model = Phase
        fields = ["id", "roadmap", "number", "title", "description", "version", "abilities"]
        read_only_fields = ["id", "version"]
        extra_kwargs = {"number": {"min_value": 1, "max_value": 100}}


class IndicatorValueSerializer(PortalModelSerializer):
    indicator = VisiblePartField(Indicator, help_text=_("L'indicateur mesuré (son identifiant)."))
    school_year = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1990,
        max_value=2100,
        help_text=_("Première année de l'année scolaire (2024 pour 2024-2025) ; à défaut, « measured_on »."),
    )
    abilities = AbilitiesField()

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "measured_on",
            "school_year",
            "value",
            "comment",
            "entered_at",
            "version",
            "abilities",
        ]
        read_only_fields = ["id", "entered_at", "version"]
        extra_kwargs = {"measured_on": {"required": False}}

    def validate(self, data):
        if self.instance is None and not data.get("measured_on") and not data.get("school_year"):
            raise serializers.ValidationError({"measured_on": [_("Indiquez une date ou une année scolaire.")]})
        return data


class MoveSerializer(StrictFieldsMixin, serializers.Serializer):
    """Where to move a part among its siblings: one step up or down, or to a position (1-based)."""

    direction = serializers.ChoiceField(choices=[("up", _("vers le haut")), ("down", _("vers le bas"))], required=False)
    position = serializers.IntegerField(
        min_value=1, max_value=10_000, required=False, help_text=_("La nouvelle position, à partir de 1.")
    )

    def validate(self, data):
        if ("direction" in data) == ("position" in data):
            raise serializers.ValidationError({"direction": [_("Indiquez soit un sens, soit une position.")]})
        return data
