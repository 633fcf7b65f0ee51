"""The kernel's endpoints: territories (public reference data) and the current user."""

import django_filters
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import RetrieveAPIView

from commons_portal.accounts.models import Membership, User
from commons_portal.territories.models import Territory

from .registry import register_viewset
from .serializers import MeSerializer, TerritorySerializer
from .viewsets import PortalReadOnlyViewSet


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

    queryset = Territory.objects.all()
    serializer_class = TerritorySerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9]+"
    filterset_class = TerritoryFilter
    search_fields = ("name", "code")
    ordering_fields = ["code", "name", "path"]
    ordering = ["path"]

    def get_queryset(self):
        parent = Territory.objects.filter(
            path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Territory.steplen)
        ).values("code")[:1]
        return super().get_queryset().annotate(parent_code=Subquery(parent))


@extend_schema(summary="Utilisateur courant et ses rôles")
class MeView(RetrieveAPIView):
    """The logged-in user, with the roles they hold (on a territory or in an organisation)."""

    serializer_class = MeSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_object(self):
        memberships = Membership.objects.with_related()
        return User.objects.prefetch_related(Prefetch("memberships", memberships)).get(pk=self.request.user.pk)


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([permissions.AllowAny])
@schema(None)
def not_found(request):
    """Any other path under /api/ answers a JSON 404 rather than the site's HTML page."""
    raise NotFound()


register_viewset("territories", TerritoryViewSet, basename="territory")
