"""The kernel's endpoints: territories (public reference data) and the current user."""

import django_filters
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import RetrieveAPIView

from commons_portal.accounts import services as account_services
from commons_portal.accounts.models import Invitation, Membership, Role, User
from commons_portal.territories.models import Territory

from .concurrency import ETagMixin
from .permissions import PortalPermission
from .registry import register_viewset
from .serializers import InvitationSerializer, MeSerializer, TerritorySerializer
from .viewsets import PortalQuerysetMixin, PortalReadOnlyViewSet


class TerritoryFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=Territory.Level.choices, label=_("niveau"))
    parent = django_filters.CharFilter(method="filter_parent", max_length=10, label=_("code du territoire parent"))
    within = django_filters.CharFilter(
        method="filter_within", max_length=10, label=_("code d'un territoire : lui et tout ce qu'il contient")
    )

    class Meta:
        model = Territory
        fields = ["level", "parent", "within"]

    def _node(self, code):
        return Territory.objects.filter(code=code).only("path", "depth").first()

    def filter_parent(self, queryset, name, value):
        node = self._node(value)
        if node is None:
            return queryset.none()
        return queryset.filter(path__startswith=node.path, depth=node.depth + 1)

    def filter_within(self, queryset, name, value):
        node = self._node(value)
        if node is None:
            return queryset.none()
        return queryset.under(node)


class TerritoryViewSet(PortalReadOnlyViewSet):
    """The territory tree: national > région académique > académie > département."""

    # Each territory with its parent's code, built once (resolving the subquery cost more than running it).
    queryset = Territory.objects.annotate(
        parent_code=Subquery(
            Territory.objects.filter(
                path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Territory.steplen)
            ).values("code")[:1]
        )
    )
    serializer_class = TerritorySerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9]+"
    filterset_class = TerritoryFilter
    search_fields = ("name", "code")
    ordering_fields = ["code", "name", "path"]
    ordering = ["path"]


@extend_schema(summary="Utilisateur courant et ses rôles")
class MeView(RetrieveAPIView):
    """The logged-in user, with the roles they hold (on a territory or in an organisation)."""

    serializer_class = MeSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_object(self):
        memberships = Membership.objects.with_related()
        return User.objects.prefetch_related(Prefetch("memberships", memberships)).get(pk=self.request.user.pk)


class MayInvite(permissions.BasePermission):
    """Only those who may invite someone (administrators) reach the invitations at all."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.has_perm("accounts.invite"))


class InvitationFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("rôle"))
    territory = django_filters.CharFilter(field_name="territory__code", max_length=10, label=_("code du territoire"))
    pending = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_pending",
        label=_("en attente (ni acceptée ni expirée) : true ou false"),
    )

    class Meta:
        model = Invitation
        fields = ["role", "territory", "pending"]

    def filter_pending(self, queryset, name, value):
        pending = Invitation.objects.pending().values("pk")
        return queryset.filter(pk__in=pending) if value == "true" else queryset.exclude(pk__in=pending)


class InvitationViewSet(
    PortalQuerysetMixin,
    ETagMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Invitations by one-time link, seen and sent by administrators within what they administer;
    deleting one revokes it (its link stops working) until it is accepted."""

    queryset = Invitation.objects.all()
    serializer_class = InvitationSerializer
    permission_classes = [MayInvite, PortalPermission]
    open_data = False  # personal data: never under the open licence
    keep_reads = False  # "pending" turns "expired" with the clock, not with a write
    filterset_class = InvitationFilter
    ordering_fields = ["created_at", "expires_at", "email"]
    ordering = ["-created_at", "-pk"]

    def permission_for(self, action, obj=None):
        if obj is None:
            return None  # creation: checked on the invitation to be sent, in perform_create
        return f"accounts.{action}_invitation", obj

    def check_object_permissions(self, request, obj):
        try:
            super().check_object_permissions(request, obj)
        except PermissionDenied as error:
            if obj.is_used:
                raise PermissionDenied(
                    _("Cette invitation a déjà été acceptée : elle ne peut plus être retirée.")
                ) from error
            raise

    def perform_create(self, serializer):
        data = serializer.validated_data
        candidate = Invitation(
            email=data["email"],
            role=data["role"],
            territory=data.get("territory"),
            organisation=data.get("organisation"),
        )
        if not self.request.user.has_perm("accounts.add_invitation", candidate):
            raise PermissionDenied(
                _("Vous ne pouvez pas inviter à ce rôle sur ce territoire ou dans cette organisation.")
            )
        serializer.instance, _link = account_services.invitation_create(
            email=data["email"],
            role=data["role"],
            territory=data.get("territory"),
            organisation=data.get("organisation"),
            message=data.get("message", ""),
            invited_by=self.request.user,
        )

    def perform_destroy(self, instance):
        account_services.invitation_revoke(invitation=instance, user=self.request.user)


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([permissions.AllowAny])
@schema(None)
def not_found(request):
    """Any other path under /api/ answers a JSON 404 rather than the site's HTML page."""
    raise NotFound()


register_viewset("territories", TerritoryViewSet, basename="territory")
register_viewset("invitations", InvitationViewSet, basename="invitation")
