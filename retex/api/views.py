"""RETEX in the API, read-only: published experience reports, events and published session
restitutions for everyone; more for the people the RETEX rules let see them."""

import django_filters

from commons_portal.api.registry import register_viewset
from commons_portal.api.viewsets import PortalReadOnlyViewSet

from ..models import Event, ExperienceReport, Session
from .serializers import EventSerializer, ExperienceReportSerializer, SessionSerializer


class ExperienceReportFilter(django_filters.FilterSet):
    territory = django_filters.CharFilter(field_name="territory__code", max_length=10)
    theme = django_filters.NumberFilter(field_name="themes__number", distinct=True, min_value=0, max_value=1000)

    class Meta:
        model = ExperienceReport
        fields = ["territory", "theme", "status"]


class ExperienceReportViewSet(PortalReadOnlyViewSet):
    queryset = ExperienceReport.objects.all()
    serializer_class = ExperienceReportSerializer
    filterset_class = ExperienceReportFilter
    search_fields = ("title", "summary", "strengths", "pain_points")
    ordering_fields = ["published_at", "title"]


class EventFilter(django_filters.FilterSet):
    territory = django_filters.CharFilter(field_name="territory__code", max_length=10)

    class Meta:
        model = Event
        fields = ["territory", "kind"]


class EventViewSet(PortalReadOnlyViewSet):
    queryset = Event.objects.all()
    serializer_class = EventSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = EventFilter
    search_fields = ("title", "description")


class SessionFilter(django_filters.FilterSet):
    event = django_filters.CharFilter(field_name="event__slug", max_length=80)

    class Meta:
        model = Session
        fields = ["event", "restitution_status"]


class SessionViewSet(PortalReadOnlyViewSet):
    queryset = Session.objects.all()
    serializer_class = SessionSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = SessionFilter
    search_fields = ("title", "places")


register_viewset("experience-reports", ExperienceReportViewSet, basename="experiencereport")
register_viewset("events", EventViewSet, basename="event")
register_viewset("sessions", SessionViewSet, basename="session")
