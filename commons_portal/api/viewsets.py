"""Base viewsets: the same QuerySet methods as the pages, permissions from the kernel, ETags."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, viewsets
from rest_framework.filters import OrderingFilter

from commons_portal.opendata.formats import LICENCE
from commons_portal.search.filters import FullTextSearchFilter

from .concurrency import ETagMixin, OptimisticConcurrencyMixin
from .permissions import PortalPermission


class PortalQuerysetMixin:
    """Lists and details show what `visible_to(user)` returns (everything, for public reference data
    without that method), loaded with `with_list_related_data()` so that query counts do not grow."""

    permission_classes = [PortalPermission]
    filter_backends = [DjangoFilterBackend, FullTextSearchFilter, OrderingFilter]
    open_data = True  # False for resources that are never published (personal data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.open_data and request.method == "GET" and response.status_code == 200:
            # Published data is open data: its licence travels with every read.
            response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
        return response

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(self.request.user)
        if hasattr(queryset, "with_list_related_data"):
            queryset = queryset.with_list_related_data()
        if not queryset.ordered:
            # Aggregating querysets drop the model's default ordering; pages need a stable one.
            queryset = queryset.order_by(*(queryset.model._meta.ordering or []), "pk")
        return queryset


class PortalReadOnlyViewSet(PortalQuerysetMixin, ETagMixin, viewsets.ReadOnlyModelViewSet):
    """Lists and details (with an ETag)."""


class PortalModelViewSet(
    PortalQuerysetMixin,
    OptimisticConcurrencyMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Create, read, update (PUT and PATCH, with `If-Match`) and delete (with `If-Match`)."""
