from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commons_portal.api.serializers import (
    AbilitiesField,
    LocalTimeField,
    PortalModelSerializer,
    PortalSlugRelatedField,
    StrictFieldsMixin,
)
from commons_portal.territories.models import Territory
from roadmaps.api.serializers import VisiblePartField
from roadmaps.models import Programme

from ..forms import reject_markup
from ..models import (
    ActionPlanItem,
    DiagnosticRow,
    Event,
    ExperienceReport,
    FlagshipProposal,
    Projection,
    Session,
    Theme,
)


class PlainTextMixin:
    """Every text field made from the model refuses markup, as in the pages' forms."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if issubclass(field_class, serializers.CharField) and not issubclass(field_class, serializers.URLField):
            kwargs["validators"] = [*kwargs.get("validators", []), reject_markup]
        return field_class, kwargs


class ExperienceReportSerializer(PlainTextMixin, PortalModelSerializer):
    """No personal data: the author's organisation, never the author. A draft may be incomplete, as in the
    pages' steps: nothing is required before the submission, which names what is missing."""

    territory = PortalSlugRelatedField(
        slug_field="code",
        queryset=Territory.objects.exclude(level=Territory.Level.DEPARTEMENT),
        required=False,
        allow_null=True,
        help_text=_("La région académique ou l'académie où l'expérience a eu lieu (son code, « R27 »)."),
    )
    organisation = serializers.CharField(source="organisation.slug", read_only=True, allow_null=True, default=None)
    themes = PortalSlugRelatedField(
        slug_field="number",
        queryset=Theme.objects.all(),
        many=True,
        required=False,
        help_text=_("Les thématiques (leurs numéros)."),
    )
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
            "review_comment",
            "revision_of",
            "published_at",
            "version",
            "abilities",
        ]
        read_only_fields = ["id", "status", "review_comment", "revision_of", "published_at", "version"]


COMMENT_REQUIRED = _("Expliquez à l'auteur ce qu'il doit modifier : le commentaire est obligatoire.")


class ReturnSerializer(StrictFieldsMixin, serializers.Serializer):
    comment = serializers.CharField(
        max_length=5000,
        validators=[reject_markup],
        error_messages=dict.fromkeys(("required", "blank", "null"), COMMENT_REQUIRED),
        help_text=_("Ce que l'auteur doit modifier ; il le reçoit par courriel."),
    )


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


# --- workshop records of a session -----------------------------------------------------------------------


class VisibleSessionField(PortalSlugRelatedField):
    """A session given by its slug, among those the current user sees (an unpublished session of
    another territory is "unknown", like a slug that does not exist)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("La session (son identifiant « slug ») ; elle ne change plus ensuite."))
        super().__init__(slug_field="slug", queryset=Session.objects.all(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return (
            Session.objects.visible_to(getattr(request, "user", None) or AnonymousUser())
            .select_related("event__territory")
            .prefetch_related("facilitators")
        )


class VisibleRecordField(serializers.PrimaryKeyRelatedField):
    """An upstream record given by its id, among those of the sessions the current user sees (one of an
    unpublished session elsewhere is "unknown", like an id that does not exist)."""

    def get_queryset(self):
        request = self.context.get("request")
        visible = Session.objects.visible_to(getattr(request, "user", None) or AnonymousUser())
        return self.queryset.model.objects.filter(session__in=visible)


class SessionRecordSerializer(PlainTextMixin, PortalModelSerializer):
    """A record of a workshop session. Plain text only (no markup), as in the session's forms."""

    session = VisibleSessionField()
    theme = PortalSlugRelatedField(
        slug_field="number",
        queryset=Theme.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("La thématique (son numéro, de 1 à 5 par défaut)."),
    )
    abilities = AbilitiesField()

    def validate(self, data):
        data = super().validate(data)
        if self.instance is not None and "session" in data and data["session"] != self.instance.session:
            raise serializers.ValidationError({"session": [_("Cet élément ne change pas de session.")]})
        session = data.get("session") or getattr(self.instance, "session", None)
        for name in ("report", "source"):
            upstream = data.get(name)
            if upstream is not None and session is not None and not self.upstream_fits(name, upstream, session):
                raise serializers.ValidationError({name: [self.upstream_error]})
        return data

    upstream_error = _("Cet élément n'appartient pas à la même session.")

    def upstream_fits(self, name, upstream, session) -> bool:
        return upstream.session_id == session.pk


class DiagnosticRowSerializer(SessionRecordSerializer):
    report = serializers.PrimaryKeyRelatedField(
        queryset=ExperienceReport.objects.published(),
        required=False,
        allow_null=True,
        help_text=_("Le RETEX publié présenté (son numéro), du territoire de la session ou d'en dessous."),
    )
    upstream_error = _("Aucun RETEX publié du territoire de la session ne porte ce numéro.")

    class Meta:
        model = DiagnosticRow
        fields = ["id", "session", "position", "theme", "report", "pain_points", "strengths", "abilities"]
        read_only_fields = ["id", "position"]

    def upstream_fits(self, name, upstream, session) -> bool:
        territory = upstream.territory
        return territory is not None and territory.path.startswith(session.event.territory.path)


class ProjectionSerializer(SessionRecordSerializer):
    source = VisibleRecordField(
        queryset=DiagnosticRow.objects.all(),
        required=False,
        allow_null=True,
        write_only=True,
        help_text=_("La ligne du diagnostic d'où vient l'irritant (son identifiant), gardée comme lien de suivi."),
    )

    class Meta:
        model = Projection
        fields = ["id", "session", "position", "theme", "pain_point", "need", "lever", "source", "abilities"]
        read_only_fields = ["id", "position"]


class ActionPlanItemSerializer(SessionRecordSerializer):
    source = VisibleRecordField(
        queryset=Projection.objects.all(),
        required=False,
        allow_null=True,
        write_only=True,
        help_text=_("La projection dont l'action met en œuvre le levier (son identifiant)."),
    )

    class Meta:
        model = ActionPlanItem
        fields = [
            "id",
            "session",
            "position",
            "theme",
            "what",
            "how",
            "who",
            "when",
            "indicators",
            "source",
            "abilities",
        ]
        read_only_fields = ["id", "position"]


class FlagshipProposalSerializer(SessionRecordSerializer):
    theme = None  # a flagship proposal has no theme

    class Meta:
        model = FlagshipProposal
        fields = [
            "id",
            "session",
            "title",
            "summary",
            "territory_label",
            "referent",
            "financial_means",
            "human_means",
            "legal_means",
            "difficulties",
            "impact_establishments",
            "impact_establishments_note",
            "impact_pupils",
            "impact_parents",
            "impact_teachers",
            "effort",
            "time_horizon",
            "sustain_needs",
            "abilities",
        ]
        read_only_fields = ["id"]
        extra_kwargs = {
            name: {"max_value": 10_000_000}
            for name in ("impact_establishments", "impact_pupils", "impact_parents", "impact_teachers")
        }

    def validate_session(self, session):
        if self.instance is None and FlagshipProposal.objects.filter(session=session).exists():
            raise serializers.ValidationError(_("Cette session a déjà une proposition phare : modifiez-la."))
        return session


class PromoteSerializer(StrictFieldsMixin, serializers.Serializer):
    programme = VisiblePartField(
        Programme, help_text=_("Le programme d'une feuille de route en cours de rédaction (son identifiant).")
    )


class PromotedSerializer(serializers.Serializer):
    """The roadmap action made from an action plan item."""

    action = serializers.IntegerField(source="pk", read_only=True, help_text=_("L'action créée (son identifiant)."))
    programme = serializers.IntegerField(source="programme_id", read_only=True)
    roadmap = serializers.CharField(source="programme.roadmap.slug", read_only=True)
