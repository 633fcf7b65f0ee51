"""django-filter's backend for the API lists, skipped when a request names none of the list's filters."""

from django_filters.rest_framework import DjangoFilterBackend


class PortalFilterBackend(DjangoFilterBackend):
    """Building and validating a list's filter form costs about a millisecond, for nothing when no
    filter is asked: a filter given no value leaves the list as it is. A parameter names a filter when
    it is the filter's name or starts with it and "_" (the `_min`/`_max`, `_after`/`_before` parts of
    range filters)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        names = tuple(filterset_class.base_filters)
        if not any(param == name or param.startswith(f"{name}_") for param in request.query_params for name in names):
            return queryset
        return super().filter_queryset(request, queryset, view)
