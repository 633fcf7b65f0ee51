from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commons_portal.api.serializers import AbilitiesField, PortalModelSerializer, PortalSlugRelatedField
from commons_portal.territories.models import Territory

from ..models import Commons, Organisation, Partnership


class OrganisationSerializer(PortalModelSerializer):
    territories = PortalSlugRelatedField(
        slug_field="code",
        queryset=Territory.objects.all(),
        many=True,
        required=False,
        help_text=_("Codes des territoires d'action (« R27 », « A03 », « D25 »…)."),
    )
    abilities = AbilitiesField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "name",
            "acronym",
            "kind",
            "siren",
            "siret",
            "website",
            "description",
            "territories",
            "version",
            "updated_at",
            "abilities",
        ]
        read_only_fields = ["id", "version", "updated_at"]
        extra_kwargs = {"slug": {"required": False}}

    def validate_siren(self, value):
        duplicates = Organisation.objects.filter(siren=value).exclude(pk=getattr(self.instance, "pk", None))
        if value and duplicates.exists():
            raise serializers.ValidationError(_("Une autre organisation a déjà ce numéro SIREN."))
        return value


class CommonsSerializer(PortalModelSerializer):
    steward_organisations = PortalSlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), many=True, required=False
    )
    user_organisations = PortalSlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), many=True, required=False
    )
    adoption_count = serializers.IntegerField(read_only=True, default=0)
    abilities = AbilitiesField()

    class Meta:
        model = Commons
        fields = [
            "id",
            "slug",
            "name",
            "description",
            "licence",
            "repository_url",
            "website",
            "steward_community",
            "steward_organisations",
            "user_organisations",
            "maturity",
            "adoption_count",
            "version",
            "updated_at",
            "abilities",
        ]
        read_only_fields = ["id", "version", "updated_at"]
        extra_kwargs = {"slug": {"required": False}}


class PartnershipSerializer(PortalModelSerializer):
    territory = serializers.CharField(source="territory.code", read_only=True)
    party_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Partnership
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "status",
            "territory",
            "start_date",
            "end_date",
            "description",
            "party_count",
            "version",
            "updated_at",
        ]
        read_only_fields = fields
