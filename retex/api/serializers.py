from rest_framework import serializers

from commons_portal.api.serializers import AbilitiesField, LocalTimeField, PortalModelSerializer

from ..models import Event, ExperienceReport, Session


class ExperienceReportSerializer(PortalModelSerializer):
    """No personal data: the author's organisation, never the author."""

    territory = serializers.CharField(source="territory.code", read_only=True, allow_null=True, default=None)
    organisation = serializers.CharField(source="organisation.slug", read_only=True, allow_null=True, default=None)
    themes = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    abilities = AbilitiesField()

    class Meta:
        model = ExperienceReport
        fields = [
            "id",
            "title",
            "summary",
            "link",
            "themes",
            "territory",
            "organisation",
            "strengths",
            "pain_points",
            "status",
            "published_at",
            "version",
            "abilities",
        ]
        read_only_fields = fields


class EventSerializer(PortalModelSerializer):
    territory = serializers.CharField(source="territory.code", read_only=True)
    session_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "territory",
            "organiser",
            "place",
            "description",
            "start_date",
            "end_date",
            "session_count",
        ]
        read_only_fields = fields


class SessionSerializer(PortalModelSerializer):
    event = serializers.CharField(source="event.slug", read_only=True)
    start_time = LocalTimeField(read_only=True, allow_null=True)
    end_time = LocalTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "slug",
            "event",
            "title",
            "date",
            "start_time",
            "end_time",
            "format",
            "restitution_status",
            "restitution_published_at",
        ]
        read_only_fields = fields
