"""The partner directory in the API (public reads, writes by the partners' permission rules)."""

import django_filters
from django.db.models import Prefetch

from commons_portal.api.registry import register_viewset
from commons_portal.api.viewsets import PortalModelViewSet, PortalReadOnlyViewSet

from .. import services
from ..models import Commons, Organisation, Partnership
from .serializers import CommonsSerializer, OrganisationSerializer, PartnershipSerializer


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


class CommonsFilter(django_filters.FilterSet):
    class Meta:
        model = Commons
        fields = ["maturity"]


class CommonsViewSet(PortalModelViewSet):
    """The digital commons catalogue: public, kept by DRANE/DRASI staff."""

    # Only what the list shows of the organisations that use a commons: their slugs.
    queryset = Commons.objects.prefetch_related(
        Prefetch("user_organisations", queryset=Organisation.objects.only("pk", "slug"))
    )
    serializer_class = CommonsSerializer
    filterset_class = CommonsFilter
    search_fields = ("name", "description", "steward_community")
    ordering_fields = ["name", "updated_at"]

    def create_object(self, data):
        return services.commons_create(user=self.request.user, **data)

    def update_object(self, instance, data):
        return services.commons_update(
            commons=instance, user=self.request.user, expected_version=instance.version, **data
        )


class PartnershipFilter(django_filters.FilterSet):
    territory = django_filters.CharFilter(field_name="territory__code", max_length=10)

    class Meta:
        model = Partnership
        fields = ["territory", "kind", "status"]


class PartnershipViewSet(PortalReadOnlyViewSet):
    """Conventions and partnerships between organisations (public; their documents are not here)."""

    queryset = Partnership.objects.all()
    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilter
    search_fields = ("title", "description")
    ordering_fields = ["start_date", "title"]


register_viewset("organisations", OrganisationViewSet, basename="organisation")
register_viewset("commons", CommonsViewSet, basename="commons")
register_viewset("partnerships", PartnershipViewSet, basename="partnership")
