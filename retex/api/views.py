"""RETEX in the API: experience reports written through their workflow, events and sessions (published
ones for everyone, more for the people the RETEX rules let see them); the workshop records of a session
(diagnostic, projections, action plan, flagship proposal) written by those who record the session,
through the RETEX services."""

import django_filters
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse

from commons_portal.api.concurrency import etag_for, locked
from commons_portal.api.exceptions import PreconditionFailed
from commons_portal.api.registry import register_viewset
from commons_portal.api.viewsets import PortalModelViewSet, PortalReadOnlyViewSet
from roadmaps.exceptions import FrozenError, RoadmapError

from .. import services
from ..models import (
    ActionPlanItem,
    DiagnosticRow,
    Event,
    ExperienceReport,
    FlagshipProposal,
    Projection,
    ReportStatus,
    Session,
    TraceLink,
)
from .serializers import (
    ActionPlanItemSerializer,
    DiagnosticRowSerializer,
    EventSerializer,
    ExperienceReportSerializer,
    FlagshipProposalSerializer,
    ProjectionSerializer,
    PromotedSerializer,
    PromoteSerializer,
    ReturnSerializer,
    SessionSerializer,
)


class ExperienceReportFilter(django_filters.FilterSet):
    territory = django_filters.CharFilter(field_name="territory__code", max_length=10)
    theme = django_filters.NumberFilter(field_name="themes__number", distinct=True, min_value=0, max_value=1000)

    class Meta:
        model = ExperienceReport
        fields = ["territory", "theme", "status"]


class ExperienceReportViewSet(PortalModelViewSet):
    """Experience reports through the workflow of the pages: a partner writes a draft (incomplete until it
    is submitted), submits it to the reviewers of its territory, who publish it or return it with a
    comment. Changing a published report writes a new revision (a draft copy; the published report stays
    online until the copy is published): the answer is then that revision, 201 with its address.
    """

    queryset = ExperienceReport.objects.all()
    serializer_class = ExperienceReportSerializer
    filterset_class = ExperienceReportFilter
    search_fields = ("title", "summary", "strengths", "pain_points")
    ordering_fields = ["published_at", "title"]
    permission_actions = {"submit": "submit", "publish": "review", "return_for_changes": "review"}

    def permission_for(self, action, obj=None):
        if obj is not None and action == "change" and obj.status == ReportStatus.PUBLISHED:
            return "retex.revise_experiencereport", obj
        return f"retex.{action}_experiencereport", obj

    @staticmethod
    def _content(data):
        data = dict(data)
        return data, data.pop("themes", None)

    def create_object(self, data):
        data, themes = self._content(data)
        report = services.report_create(user=self.request.user)
        return services.report_update(
            report=report, user=self.request.user, data=data, themes=themes, version=report.version
        )

    def update_object(self, instance, data):
        data, themes = self._content(data)
        if instance.status == ReportStatus.PUBLISHED:
            instance = services.report_new_revision(report=instance, user=self.request.user)
        return services.report_update(
            report=instance, user=self.request.user, data=data, themes=themes, version=instance.version
        )

    def perform_destroy(self, instance):
        services.report_delete(report=instance, user=self.request.user)

    @extend_schema(responses={200: ExperienceReportSerializer, 201: ExperienceReportSerializer})
    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        written = self._etag_instance
        if str(written.pk) != str(self.kwargs[self.lookup_field]):
            response.status_code = status.HTTP_201_CREATED
            response["Location"] = reverse("api:experiencereport-detail", args=[written.pk], request=request)
        return response

    @extend_schema(responses={200: ExperienceReportSerializer, 201: ExperienceReportSerializer})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def _locked(self):
        """The report, locked until the transition is written: of two simultaneous reviews, the second one
        finds the report already published or returned and is refused (400) rather than applied twice."""
        return locked(self.get_object())

    @extend_schema(
        request=None,
        responses={200: ExperienceReportSerializer},
        summary=_("Soumettre à la relecture"),
        description=_(
            "L'auteur envoie son brouillon (ou son RETEX renvoyé) aux relecteurs de son territoire. Ce qui "
            "manque est refusé (400), chaque champ à renseigner nommé dans « errors »."
        ),
    )
    @action(detail=True, methods=["post"])
    @transaction.atomic
    def submit(self, request, *args, **kwargs):
        return self.answer(services.report_submit(report=self._locked(), user=request.user))

    @extend_schema(
        request=None,
        responses={200: ExperienceReportSerializer},
        summary=_("Publier"),
        description=_(
            "Un relecteur du territoire publie un RETEX soumis ; une nouvelle version publiée remplace "
            "celle qu'elle révise."
        ),
    )
    @action(detail=True, methods=["post"])
    @transaction.atomic
    def publish(self, request, *args, **kwargs):
        return self.answer(services.report_publish(report=self._locked(), user=request.user))

    @extend_schema(
        request=ReturnSerializer,
        responses={200: ExperienceReportSerializer},
        summary=_("Renvoyer à l'auteur"),
        description=_(
            "Un relecteur du territoire renvoie un RETEX soumis à son auteur avec un commentaire "
            "(obligatoire) ; il ne peut être publié qu'une fois soumis à nouveau."
        ),
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    @transaction.atomic
    def return_for_changes(self, request, *args, **kwargs):
        report = self._locked()
        comment = ReturnSerializer(data=request.data)
        comment.is_valid(raise_exception=True)
        return self.answer(
            services.report_return(report=report, user=request.user, comment=comment.validated_data["comment"])
        )


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


class SessionRecordFilter(django_filters.FilterSet):
    session = django_filters.CharFilter(field_name="session__slug", max_length=80)
    event = django_filters.CharFilter(field_name="session__event__slug", max_length=80)
    theme = django_filters.NumberFilter(field_name="theme__number", min_value=0, max_value=1000)


class SessionRecordViewSet(PortalModelViewSet):
    """Records of the sessions one sees (published restitutions for everyone; the others for their
    facilitators and the editors of the event's territory), written by those who record the session.

    The session's `version` is the records' concurrency counter, as in the session's forms: every write
    moves it forward, so a record's ETag changes when anything of the restitution changed.
    """

    # The field naming the upstream object of the chain, kept as a trace link of `link_kind`.
    source_field = "source"
    link_kind = ""

    def get_queryset(self):
        visible = Session.objects.visible_to(self.request.user)
        return (
            super()
            .get_queryset()
            .filter(session__in=visible)
            .select_related("session__event__territory")
            .prefetch_related("session__facilitators")
        )

    def permission_for(self, action, obj=None):
        if obj is None:
            return None  # creation: checked on the session of the new record
        if action == "view":
            return "retex.view_session", obj.session
        return f"retex.change_{obj._meta.model_name}", obj

    def etag(self, obj):
        return etag_for(obj, version=obj.session.version)

    def _touch(self, session, version):
        """Move the session's counter forward, or tell the second writer (412) with the record as it is."""
        try:
            services.session_touch(session=session, user=self.request.user, version=version)
        except services.ConcurrentEditError as error:
            raise self._precondition_failed() from error

    def _precondition_failed(self):
        obj = self.get_queryset().get(pk=self.kwargs[self.lookup_field])
        return PreconditionFailed(current=self.get_serializer(obj).data, etag=self.etag(obj))

    def create_object(self, data):
        data = dict(data)
        session = data.pop("session")
        if not self.request.user.has_perm("retex.change_session", session):
            raise PermissionDenied()
        self._touch(session, None)
        return self.save_record(self.get_queryset().model(session=session), data)

    def update_object(self, instance, data):
        data = dict(data)
        data.pop("session", None)
        self._touch(instance.session, instance.session.version)
        return self.save_record(instance, data)

    def save_record(self, record, data):
        source = data.pop("source", None) if self.source_field == "source" else data.get(self.source_field)
        for name, value in data.items():
            setattr(record, name, value)
        return services.record_save(record=record, user=self.request.user, source=source, link_kind=self.link_kind)

    def perform_destroy(self, instance):
        self._touch(instance.session, instance.session.version)
        services.record_delete(record=instance, user=self.request.user)


class DiagnosticRowFilter(SessionRecordFilter):
    class Meta:
        model = DiagnosticRow
        fields = ["session", "event", "theme"]


class DiagnosticRowViewSet(SessionRecordViewSet):
    """The diagnostic of a session: the RETEX presented, their pain points and strengths."""

    queryset = DiagnosticRow.objects.select_related("theme", "report")
    serializer_class = DiagnosticRowSerializer
    filterset_class = DiagnosticRowFilter
    search_fields = ("pain_points", "strengths")
    ordering_fields = ["position"]
    source_field = "report"
    link_kind = TraceLink.Kind.DIAGNOSED


class ProjectionFilter(SessionRecordFilter):
    class Meta:
        model = Projection
        fields = ["session", "event", "theme"]


class ProjectionViewSet(SessionRecordViewSet):
    """Projections: pain point → need → improvement lever."""

    queryset = Projection.objects.select_related("theme")
    serializer_class = ProjectionSerializer
    filterset_class = ProjectionFilter
    search_fields = ("pain_point", "need", "lever")
    ordering_fields = ["position"]
    link_kind = TraceLink.Kind.PROJECTED


class ActionPlanItemFilter(SessionRecordFilter):
    class Meta:
        model = ActionPlanItem
        fields = ["session", "event", "theme"]


class ActionPlanItemViewSet(SessionRecordViewSet):
    """The action plan of a session: what / how / who / when / indicators."""

    queryset = ActionPlanItem.objects.select_related("theme")
    serializer_class = ActionPlanItemSerializer
    filterset_class = ActionPlanItemFilter
    search_fields = ("what", "how", "who")
    ordering_fields = ["position"]
    link_kind = TraceLink.Kind.PLANNED
    permission_actions = {"promote": "promote"}

    @extend_schema(
        request=PromoteSerializer,
        responses={201: PromotedSerializer},
        summary=_("Verser dans une feuille de route"),
        description=_(
            "Copie l'action du plan dans les actions d'un programme d'une feuille de route que l'on rédige, "
            "en gardant le lien entre elles."
        ),
    )
    @action(detail=True, methods=["post"])
    def promote(self, request, *args, **kwargs):
        item = self.get_object()
        where = PromoteSerializer(data=request.data, context=self.get_serializer_context())
        where.is_valid(raise_exception=True)
        programme = where.validated_data["programme"]
        if not request.user.has_perm("roadmaps.change_roadmap", programme.roadmap):
            raise PermissionDenied(str(FrozenError.default_message) if programme.roadmap.is_frozen else None)
        try:
            created = services.action_plan_item_promote(item=item, programme=programme, user=request.user)
        except RoadmapError as error:
            raise ValidationError({"programme": [str(error)]}) from error
        return Response(PromotedSerializer(created).data, status=status.HTTP_201_CREATED)


class FlagshipProposalFilter(django_filters.FilterSet):
    session = django_filters.CharFilter(field_name="session__slug", max_length=80)
    event = django_filters.CharFilter(field_name="session__event__slug", max_length=80)

    class Meta:
        model = FlagshipProposal
        fields = ["session", "event", "effort", "time_horizon"]


class FlagshipProposalViewSet(SessionRecordViewSet):
    """The flagship proposal sheet of a session (one per session)."""

    queryset = FlagshipProposal.objects.all()
    serializer_class = FlagshipProposalSerializer
    filterset_class = FlagshipProposalFilter
    search_fields = ("title", "summary")
    ordering_fields = ["id"]

    def save_record(self, record, data):
        return services.flagship_save(session=record.session, user=self.request.user, data=data)


register_viewset("experience-reports", ExperienceReportViewSet, basename="experiencereport")
register_viewset("events", EventViewSet, basename="event")
register_viewset("sessions", SessionViewSet, basename="session")
register_viewset("diagnostic-rows", DiagnosticRowViewSet, basename="diagnosticrow")
register_viewset("projections", ProjectionViewSet, basename="projection")
register_viewset("action-plan-items", ActionPlanItemViewSet, basename="actionplanitem")
register_viewset("flagship-proposals", FlagshipProposalViewSet, basename="flagshipproposal")
