from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commons_portal.api.serializers import AbilitiesField, PortalModelSerializer

from ..models import Indicator, IndicatorValue, Programme, Roadmap


class RoadmapSerializer(PortalModelSerializer):
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
        read_only_fields = fields


class ProgrammeSerializer(PortalModelSerializer):
    roadmap = serializers.CharField(source="roadmap.slug", read_only=True)
    axis = serializers.CharField(source="axis.title", read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "roadmap", "axis", "number", "title", "description", "status", "progress", "version"]
        read_only_fields = fields


class IndicatorSerializer(PortalModelSerializer):
    roadmap = serializers.CharField(source="roadmap.slug", read_only=True)
    programme = serializers.IntegerField(source="programme_id", read_only=True, allow_null=True)

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
            "version",
        ]
        read_only_fields = fields


class IndicatorValueSerializer(PortalModelSerializer):
    indicator = serializers.PrimaryKeyRelatedField(
        queryset=Indicator.objects.all(), help_text=_("L'indicateur mesuré (son identifiant).")
    )
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
