"""Base viewsets: the same QuerySet methods as the pages, permissions from the kernel, ETags."""

from rest_framework import mixins, viewsets
from rest_framework.response import Response

from commons_portal.core.caching import fragment_key, keep_response, kept_response, may_use_kept_response
from commons_portal.opendata.formats import LICENCE

from .concurrency import ETagMixin, OptimisticConcurrencyMixin
from .permissions import PortalPermission
from .rows import RowReader


class PortalQuerysetMixin:
    """Lists and details show what `visible_to(user)` returns (everything, for public reference data
    without that method), loaded with `with_list_related_data()` so that query counts do not grow."""

    permission_classes = [PortalPermission]
    open_data = True  # False for resources that are never published (personal data)
    # Reads kept in the cache until any content changes; False for what also changes with the clock.
    keep_reads = True

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.open_data and request.method == "GET" and response.status_code == 200:
            # Published data is open data: its licence travels with every read.
            response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
        key = getattr(self, "_kept_key", None)
        if key and isinstance(response, Response):
            response.render()
            keep_response(request, key, response)
        return response

    def _kept(self, request):
        """The answer kept for this very read by this very client (the user is known here, whether by
        session or by token), until any content changes; otherwise remember where to keep this one."""
        self._kept_key = None
        if not self.keep_reads or not may_use_kept_response(request):
            return None
        parts = [request.accepted_media_type]
        key = fragment_key(request, f"api:{self.basename}:{self.action}", parts, csrf_bound=False)
        kept = kept_response(request, key)
        if kept is None:
            self._kept_key = key
        return kept

    def list(self, request, *args, **kwargs):
        kept = self._kept(request)
        if kept is not None:
            return kept
        queryset = self.filter_queryset(self.get_queryset())
        reader = RowReader.for_list(self.get_serializer_class(), queryset, request.user)
        # A list the reader can give is read from plain rows: no model instance is built.
        items = queryset if reader is None else reader.rows(queryset)
        page = self.paginate_queryset(items)
        shown = items if page is None else page
        if reader is None:
            data = self.get_serializer(shown, many=True).data
        else:
            data = reader.represent(shown, queryset.db)
        return Response(data) if page is None else self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        return self._kept(request) or super().retrieve(request, *args, **kwargs)

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
