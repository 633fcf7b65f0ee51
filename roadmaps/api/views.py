"""Roadmaps in the API: published roadmaps and their parts for everyone (drafts for the people of their
territory); roadmaps (created, edited, moved along the workflow, drafted anew, deleted while drafts)
and their axes, stakes, programmes, objectives, actions, indicators, indicator values, governance
bodies and phases written by those who edit the roadmap, through the roadmap services and rules the
pages use (a validated edition is frozen)."""

import django_filters
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.status import HTTP_200_OK, HTTP_201_CREATED

from commons_portal.api.concurrency import locked
from commons_portal.api.registry import register_viewset
from commons_portal.api.viewsets import PortalModelViewSet
from partners.models import Organisation

from .. import services
from ..exceptions import FrozenError, RoadmapError, TransitionError
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
    visible_roadmaps_q,
)
from ..perms import TRANSITION_ACTIONS
from .serializers import (
    ActionSerializer,
    AxisSerializer,
    GovernanceBodySerializer,
    IndicatorSerializer,
    IndicatorValueSerializer,
    MoveSerializer,
    ObjectiveSerializer,
    PhaseSerializer,
    ProgrammeSerializer,
    RoadmapCreateSerializer,
    RoadmapSerializer,
    StakeSerializer,
)


class RoadmapFilter(django_filters.FilterSet):
    territory = django_filters.CharFilter(field_name="territory__code", max_length=10)

    class Meta:
        model = Roadmap
        fields = ["territory", "status"]


class RoadmapWriteMixin:
    """Writes through the roadmap services; a refusal of their business rules is a 400 that says why."""

    def _write(self, call):
        try:
            return call()
        except RoadmapError as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from error

    def update_object(self, instance, data):
        return self._write(
            lambda: services.object_update(obj=instance, data=data, version=instance.version, user=self.request.user)
        )


def _workflow_step(name: str, summary, description):
    """`POST …/{slug}/<name>/`: one step of the roadmap's workflow (`Roadmap.TRANSITIONS`), with no
    `If-Match`: a step changes no text, and the service locks the row while it applies it."""

    def step(self, request, *args, **kwargs):
        return self.apply_transition(name)

    step.__name__ = name
    schema = extend_schema(
        request=None,
        responses={200: RoadmapSerializer},
        summary=summary,
        description=description,
    )
    return schema(action(detail=True, methods=["post"])(step))


@extend_schema_view(create=extend_schema(responses={201: RoadmapSerializer}))
class RoadmapViewSet(RoadmapWriteMixin, PortalModelViewSet):
    """Territorial and national roadmaps (validated and archived ones are public). Those who write for
    a territory create its roadmaps, edit them while open, move them along the workflow, draft their
    next version and delete their drafts."""

    queryset = Roadmap.objects.all()
    serializer_class = RoadmapSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = RoadmapFilter
    search_fields = ("title", "introduction", "conclusion")
    ordering_fields = ["period_start", "title", "updated_at"]
    permission_actions = {"new_version": "new_version", **TRANSITION_ACTIONS}

    def get_serializer_class(self):
        return RoadmapCreateSerializer if self.action == "create" else RoadmapSerializer

    def check_object_permissions(self, request, obj):
        try:
            super().check_object_permissions(request, obj)
        except PermissionDenied as error:
            reason = self.refusal_reason(obj)
            if reason:
                raise PermissionDenied(reason) from error
            raise

    def refusal_reason(self, roadmap) -> str | None:
        """Why someone who writes for the roadmap's territory may not do this now: its status. Others
        are told nothing more."""
        if not self.request.user.has_perm("roadmaps.new_version_roadmap", roadmap):
            return None
        if self.action == "destroy":
            return roadmap.deletion_refusal()
        if self.action in TRANSITION_ACTIONS:
            return roadmap.status_refusal()
        return str(FrozenError.default_message)

    def create_object(self, data):
        data = dict(data)
        national = data.pop("national", None)
        if not self.request.user.has_perm("roadmaps.add_roadmap", Roadmap(territory=data["territory"])):
            raise PermissionDenied(_("Vous ne rédigez pas de feuille de route pour ce territoire."))
        if national is not None:
            return self._write(
                lambda: services.roadmap_create_from_national(national=national, user=self.request.user, **data)
            )
        return self._write(lambda: services.roadmap_create(user=self.request.user, **data))

    def perform_destroy(self, instance):
        self._write(lambda: services.roadmap_delete(roadmap=instance, user=self.request.user))

    def apply_transition(self, name: str):
        roadmap = self.get_object()
        try:
            roadmap = services.roadmap_transition(roadmap=roadmap, transition=name, user=self.request.user)
        except TransitionError as error:  # a step that does not start from the current status
            raise PermissionDenied(str(error.message)) from error
        return self.answer(roadmap)

    submit = _workflow_step(
        "submit", gettext_lazy("Envoyer en relecture"), gettext_lazy("D'un brouillon à la relecture.")
    )
    reopen = _workflow_step(
        "reopen",
        gettext_lazy("Remettre en brouillon"),
        gettext_lazy("D'une feuille de route en relecture au brouillon."),
    )
    validate = _workflow_step(
        "validate",
        gettext_lazy("Valider"),
        gettext_lazy(
            "D'un brouillon ou d'une feuille de route en relecture à une version validée, publiée et figée ; "
            "la version validée qu'elle remplace est archivée."
        ),
    )
    archive = _workflow_step(
        "archive",
        gettext_lazy("Archiver"),
        gettext_lazy("D'une version validée aux archives (elle reste publique)."),
    )

    @extend_schema(
        request=None,
        responses={201: RoadmapSerializer, 200: RoadmapSerializer},
        summary=gettext_lazy("Rédiger la version suivante"),
        description=gettext_lazy(
            "Copie toute la feuille de route (axes, enjeux, programmes, objectifs, actions, indicateurs et "
            "leurs valeurs, instances, phases) en un brouillon de la version suivante (201). Si une version "
            "suivante est déjà en cours de rédaction, la renvoie sans rien créer (200)."
        ),
    )
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, *args, **kwargs):
        roadmap = self.get_object()
        with transaction.atomic():
            # Locked, so that two simultaneous requests do not draft two next versions.
            roadmap = locked(roadmap)
            drafted = roadmap.ongoing_next_version()
            created = drafted is None
            if created:
                drafted = self._write(lambda: services.roadmap_create_next_version(roadmap=roadmap, user=request.user))
        return self.answer(drafted, status=HTTP_201_CREATED if created else HTTP_200_OK)


class RoadmapPartMixin(RoadmapWriteMixin):
    """Parts of a roadmap are seen with it and written by whoever may change it."""

    def get_queryset(self):
        return super().get_queryset().filter(visible_roadmaps_q(self.request.user, f"{self.roadmap_path}__"))

    def permission_for(self, action, obj=None):
        if obj is None:
            return None  # creation: checked on the roadmap of the new object
        roadmap = services.roadmap_of(obj)
        return ("roadmaps.view_roadmap" if action == "view" else "roadmaps.change_roadmap"), roadmap

    def check_roadmap_change(self, roadmap) -> None:
        """Creating a part needs the right to change its roadmap; a validated edition says why not."""
        if not self.request.user.has_perm("roadmaps.change_roadmap", roadmap):
            raise PermissionDenied(str(FrozenError.default_message) if roadmap.is_frozen else None)

    def check_object_permissions(self, request, obj):
        try:
            super().check_object_permissions(request, obj)
        except PermissionDenied as error:
            if services.roadmap_of(obj).is_frozen:
                raise PermissionDenied(str(FrozenError.default_message)) from error
            raise


def _visible_parts(model):
    """Choices of an id filter: parts of the roadmaps the user sees (another territory's draft is an
    invalid choice, like an id that does not exist)."""

    def queryset(request):
        return model.objects.filter(visible_roadmaps_q(getattr(request, "user", None), "roadmap__"))

    return queryset


class RoadmapPartViewSet(RoadmapPartMixin, PortalModelViewSet):
    """Create (on a roadmap one may change), read, update and delete one kind of roadmap part through
    the services; `create_part(parent, data)` calls the kind's create service."""

    def create_part(self, parent, data):
        raise NotImplementedError

    def create_object(self, data):
        data = dict(data)
        parent = data.pop(self.get_serializer_class().parent_field)
        self.check_roadmap_change(services.roadmap_of(parent))
        return self._write(lambda: self.create_part(parent, data))

    def perform_destroy(self, instance):
        self._write(lambda: services.object_delete(obj=instance, user=self.request.user))


class MovableMixin:
    """`POST …/{id}/move/`: reorder a part among its siblings (axes and programmes are renumbered). A
    move changes no text, so it needs no `If-Match` and leaves the part's version as it is."""

    permission_actions = {"move": "change"}

    @extend_schema(
        request=MoveSerializer,
        summary=gettext_lazy("Déplacer parmi ses voisins"),
        description=gettext_lazy(
            "D'un cran (« direction » : up ou down) ou à une position (à partir de 1) ; les axes et les "
            "programmes sont renumérotés. Sans If-Match : un déplacement ne change aucun texte."
        ),
    )
    @action(detail=True, methods=["post"])
    def move(self, request, *args, **kwargs):
        obj = self.get_object()
        where = MoveSerializer(data=request.data)
        where.is_valid(raise_exception=True)
        try:
            moved = services.object_move(obj=obj, user=request.user, **where.validated_data)
        except FrozenError as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from error
        except RoadmapError as error:  # a position beyond the last sibling
            raise ValidationError({"position": [str(error)]}) from error
        return self.answer(moved)


class AxisFilter(django_filters.FilterSet):
    roadmap = django_filters.CharFilter(field_name="roadmap__slug", max_length=80)

    class Meta:
        model = Axis
        fields = ["roadmap", "kind"]


class AxisViewSet(MovableMixin, RoadmapPartViewSet):
    """Axes (structuring or operational) of a roadmap, numbered within their kind in reading order."""

    queryset = Axis.objects.select_related("roadmap__territory").prefetch_related("partners")
    roadmap_path = "roadmap"
    serializer_class = AxisSerializer
    filterset_class = AxisFilter
    search_fields = ("title", "framing", "strategic_approach")
    ordering_fields = ["position", "number", "title"]

    def create_part(self, roadmap, data):
        return services.axis_create(roadmap=roadmap, user=self.request.user, **data)


class StakeFilter(django_filters.FilterSet):
    roadmap = django_filters.CharFilter(field_name="axis__roadmap__slug", max_length=80)
    axis = django_filters.ModelChoiceFilter(queryset=_visible_parts(Axis))

    class Meta:
        model = Stake
        fields = ["roadmap", "axis"]


class StakeViewSet(MovableMixin, RoadmapPartViewSet):
    """The stakes ("enjeux") of an axis, in order."""

    queryset = Stake.objects.select_related("axis__roadmap__territory")
    roadmap_path = "axis__roadmap"
    serializer_class = StakeSerializer
    filterset_class = StakeFilter
    search_fields = ("text",)
    ordering_fields = ["position"]

    def create_part(self, axis, data):
        return services.stake_create(axis=axis, user=self.request.user, **data)


class ProgrammeFilter(django_filters.FilterSet):
    roadmap = django_filters.CharFilter(field_name="roadmap__slug", max_length=80)
    axis = django_filters.ModelChoiceFilter(queryset=_visible_parts(Axis))

    class Meta:
        model = Programme
        fields = ["roadmap", "axis", "status"]


class ProgrammeViewSet(MovableMixin, RoadmapPartViewSet):
    """Programmes, numbered 1..n across the roadmap in reading order; changing `axis` moves one."""

    # The organisations are shown by their ids only, in the order of their ids.
    queryset = Programme.objects.select_related("roadmap__territory", "axis").prefetch_related(
        Prefetch("lead_organisations", queryset=Organisation.objects.only("pk").order_by("pk")),
        Prefetch("contributing_organisations", queryset=Organisation.objects.only("pk").order_by("pk")),
    )
    roadmap_path = "roadmap"
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilter
    search_fields = ("title", "description")
    ordering_fields = ["number", "progress"]

    def create_part(self, axis, data):
        return services.programme_create(axis=axis, user=self.request.user, **data)

    def update_object(self, instance, data):
        data = dict(data)
        axis = data.pop("axis", instance.axis)
        programme = super().update_object(instance, data)
        if axis.pk != programme.axis_id:
            programme = self._write(
                lambda: services.programme_move(programme=programme, to_axis=axis, user=self.request.user)
            )
        return programme


class ObjectiveFilter(django_filters.FilterSet):
    roadmap = django_filters.CharFilter(field_name="programme__roadmap__slug", max_length=80)
    programme = django_filters.ModelChoiceFilter(queryset=_visible_parts(Programme))

    class Meta:
        model = Objective
        fields = ["roadmap", "programme"]


class ObjectiveViewSet(MovableMixin, RoadmapPartViewSet):
    """The objectives of a programme: ordered bullets."""

    queryset = Objective.objects.select_related("programme__roadmap__territory")
    roadmap_path = "programme__roadmap"
    serializer_class = ObjectiveSerializer
    filterset_class = ObjectiveFilter
    search_fields = ("text",)
    ordering_fields = ["position"]

    def create_part(self, programme, data):
        return services.objective_create(programme=programme, user=self.request.user, **data)


class ActionFilter(django_filters.FilterSet):
    roadmap = django_filters.CharFilter(field_name="programme__roadmap__slug", max_length=80)
    programme = django_filters.ModelChoiceFilter(queryset=_visible_parts(Programme))

    class Meta:
        model = Action
        fields = ["roadmap", "programme"]


class ActionViewSet(MovableMixin, RoadmapPartViewSet):
    """The action plan of the programmes: what / how / who / when / success indicators."""

    queryset = Action.objects.select_related("programme__roadmap__territory")
    roadmap_path = "programme__roadmap"
    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    search_fields = ("what", "how", "who")
    ordering_fields = ["position", "start_date", "end_date", "progress"]

    def create_part(self, programme, data):
        return services.action_create(programme=programme, user=self.request.user, **data)


class IndicatorFilter(django_filters.FilterSet):
    roadmap = django_filters.CharFilter(field_name="roadmap__slug", max_length=80)
    programme = django_filters.ModelChoiceFilter(queryset=_visible_parts(Programme))

    class Meta:
        model = Indicator
        fields = ["roadmap", "programme"]


class IndicatorViewSet(MovableMixin, RoadmapPartViewSet):
    """Indicators of a roadmap (or of one of its programmes): baseline, target, source, frequency."""

    queryset = Indicator.objects.select_related("roadmap__territory")
    roadmap_path = "roadmap"
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    search_fields = ("name", "source")
    ordering_fields = ["position", "name", "target_date"]

    def create_part(self, roadmap, data):
        return services.indicator_create(roadmap=roadmap, user=self.request.user, **data)


class PartOfRoadmapFilter(django_filters.FilterSet):
    roadmap = django_filters.CharFilter(field_name="roadmap__slug", max_length=80)


class GovernanceBodyFilter(PartOfRoadmapFilter):
    class Meta:
        model = GovernanceBody
        fields = ["roadmap"]


class GovernanceBodyViewSet(MovableMixin, RoadmapPartViewSet):
    """The governance bodies ("instances": COREA, CODIR, COSRN, COPNI…) of a roadmap."""

    queryset = GovernanceBody.objects.select_related("roadmap__territory")
    roadmap_path = "roadmap"
    serializer_class = GovernanceBodySerializer
    filterset_class = GovernanceBodyFilter
    search_fields = ("acronym", "name", "scope")
    ordering_fields = ["position", "acronym"]

    def create_part(self, roadmap, data):
        return services.governance_body_create(roadmap=roadmap, user=self.request.user, **data)


class PhaseFilter(PartOfRoadmapFilter):
    class Meta:
        model = Phase
        fields = ["roadmap"]


class PhaseViewSet(RoadmapPartViewSet):
    """The phases of the roadmap's process (analysis, shared vision, action plan, follow-up…), by number."""

    queryset = Phase.objects.select_related("roadmap__territory")
    roadmap_path = "roadmap"
    serializer_class = PhaseSerializer
    filterset_class = PhaseFilter
    search_fields = ("title", "description")
    ordering_fields = ["number"]

    def create_part(self, roadmap, data):
        return services.phase_create(roadmap=roadmap, user=self.request.user, **data)


class IndicatorValueFilter(django_filters.FilterSet):
    roadmap = django_filters.CharFilter(field_name="indicator__roadmap__slug", max_length=80)
    indicator = django_filters.ModelChoiceFilter(queryset=_visible_parts(Indicator))

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "roadmap"]


class IndicatorValueViewSet(RoadmapPartViewSet):
    """The time series of the indicators: recorded by the editors of the roadmap's territory."""

    queryset = IndicatorValue.objects.select_related("indicator__roadmap__territory")
    roadmap_path = "indicator__roadmap"
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter
    ordering_fields = ["measured_on"]

    def create_object(self, data):
        indicator = data["indicator"]
        self.check_roadmap_change(indicator.roadmap)
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
        return super().update_object(instance, data)


register_viewset("roadmaps", RoadmapViewSet, basename="roadmap")
register_viewset("axes", AxisViewSet, basename="axis")
register_viewset("stakes", StakeViewSet, basename="stake")
register_viewset("programmes", ProgrammeViewSet, basename="programme")
register_viewset("objectives", ObjectiveViewSet, basename="objective")
register_viewset("actions", ActionViewSet, basename="action")
register_viewset("indicators", IndicatorViewSet, basename="indicator")
register_viewset("indicator-values", IndicatorValueViewSet, basename="indicatorvalue")
register_viewset("governance-bodies", GovernanceBodyViewSet, basename="governancebody")
register_viewset("phases", PhaseViewSet, basename="phase")
