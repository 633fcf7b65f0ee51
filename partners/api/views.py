"""The partner directory in the API (public reads, writes by the partners' permission rules)."""

import django_filters

from commons_portal.api.registry import register_viewset
from commons_portal.api.viewsets import PortalModelViewSet

from .. import services
from ..models import Organisation
from .serializers import OrganisationSerializer


class OrganisationFilter(django_filters.FilterSet):
    territory = django_filters.CharFilter(field_name="territories__code", max_length=10, distinct=True)

    class Meta:
        model = Organisation
        fields = ["kind", "territory"]


class OrganisationViewSet(PortalModelViewSet):
    """Partner organisations: local authorities, Canopé, associations, universities, EdTech…"""

    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    search_fields = ("name", "acronym", "description")
    ordering_fields = ["name", "updated_at"]

    def create_object(self, data):
        return services.organisation_create(user=self.request.user, **data)

    def update_object(self, instance, data):
        return services.organisation_update(
            organisation=instance, user=self.request.user, expected_version=instance.version, **data
        )


register_viewset("organisations", OrganisationViewSet, basename="organisation")
