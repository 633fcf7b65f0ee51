"""Roadmaps in the API: published roadmaps, their programmes and indicators for everyone (drafts for
the people of their territory), and indicator values written by those who edit the roadmap."""

import django_filters
from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied, ValidationError

from commons_portal.api.registry import register_viewset
from commons_portal.api.viewsets import PortalModelViewSet, PortalReadOnlyViewSet

from .. import services
from ..exceptions import RoadmapError
from ..models import Indicator, IndicatorValue, Programme, Roadmap
from .serializers import IndicatorSerializer, IndicatorValueSerializer, ProgrammeSerializer, RoadmapSerializer


class RoadmapFilter(django_filters.FilterSet):
    territory = django_filters.CharFilter(field_name="territory__code", max_length=10)

    class Meta:
        model = Roadmap
        fields = ["territory", "status"]


class RoadmapViewSet(PortalReadOnlyViewSet):
    """Territorial and national roadmaps (validated and archived ones are public)."""

    queryset = Roadmap.objects.all()
    serializer_class = RoadmapSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = RoadmapFilter
    search_fields = ("title", "introduction", "conclusion")
    ordering_fields = ["period_start", "title", "updated_at"]


class RoadmapPartMixin:
    """Parts of a roadmap are seen with it and written by whoever may change it."""

    def get_queryset(self):
        visible = Roadmap.objects.visible_to(self.request.user)
        return super().get_queryset().filter(**{f"{self.roadmap_path}__in": visible})

    def permission_for(self, action, obj=None):
        if obj is None:
            return None  # creation: checked on the roadmap of the new object
        roadmap = services.roadmap_of(obj)
        return ("roadmaps.view_roadmap" if action == "view" else "roadmaps.change_roadmap"), roadmap


class ProgrammeFilter(django_filters.FilterSet):
    roadmap = django_filters.CharFilter(field_name="roadmap__slug", max_length=80)

    class Meta:
        model = Programme
        fields = ["roadmap", "status"]


class ProgrammeViewSet(RoadmapPartMixin, PortalReadOnlyViewSet):
    queryset = Programme.objects.select_related("roadmap__territory", "axis")
    roadmap_path = "roadmap"
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilter
    search_fields = ("title", "description")
    ordering_fields = ["number", "progress"]


class IndicatorFilter(django_filters.FilterSet):
    roadmap = django_filters.CharFilter(field_name="roadmap__slug", max_length=80)

    class Meta:
        model = Indicator
        fields = ["roadmap", "programme"]


class IndicatorViewSet(RoadmapPartMixin, PortalReadOnlyViewSet):
    queryset = Indicator.objects.select_related("roadmap__territory")
    roadmap_path = "roadmap"
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    search_fields = ("name", "source")


class IndicatorValueFilter(django_filters.FilterSet):
    roadmap = django_filters.CharFilter(field_name="indicator__roadmap__slug", max_length=80)

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "roadmap"]


class IndicatorValueViewSet(RoadmapPartMixin, PortalModelViewSet):
    """The time series of the indicators: recorded by the editors of the roadmap's territory."""

    queryset = IndicatorValue.objects.select_related("indicator__roadmap__territory")
    roadmap_path = "indicator__roadmap"
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter
    ordering_fields = ["measured_on"]

    def _write(self, call):
        try:
            return call()
        except RoadmapError as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from error

    def create_object(self, data):
        indicator = data["indicator"]
        if not self.request.user.has_perm("roadmaps.change_roadmap", indicator.roadmap):
            raise PermissionDenied()
        return self._write(
            lambda: services.indicator_value_create(
                indicator=indicator,
                value=data["value"],
                measured_on=data.get("measured_on"),
                school_year=data.get("school_year"),
                comment=data.get("comment", ""),
                user=self.request.user,
            )
        )

    def update_object(self, instance, data):
        if "indicator" in data and data["indicator"].roadmap_id != instance.indicator.roadmap_id:
            raise ValidationError({"indicator": [_("Une valeur ne change pas de feuille de route.")]})
        return self._write(
            lambda: services.object_update(obj=instance, data=data, version=instance.version, user=self.request.user)
        )

    def perform_destroy(self, instance):
        self._write(lambda: services.object_delete(obj=instance, user=self.request.user))


register_viewset("roadmaps", RoadmapViewSet, basename="roadmap")
register_viewset("programmes", ProgrammeViewSet, basename="programme")
register_viewset("indicators", IndicatorViewSet, basename="indicator")
register_viewset("indicator-values", IndicatorValueViewSet, basename="indicatorvalue")
