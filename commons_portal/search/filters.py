"""The `search` parameter of the API lists, on the same search backend as the search page."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from .backend import MAX_QUERY_LENGTH, filter_by_text
from .query import clean_query

PARAMETER = "search"


class FullTextSearchFilter(BaseFilterBackend):
    """Filters on `view.search_fields` (the first one is the title): French full text on PostgreSQL,
    accent-insensitive words on SQLite."""

    def filter_queryset(self, request, queryset, view):
        fields = tuple(getattr(view, "search_fields", ()) or ())
        if not fields or PARAMETER not in request.query_params:
            return queryset
        try:
            text = clean_query(request.query_params[PARAMETER])
        except DjangoValidationError as error:
            raise ValidationError({PARAMETER: error.messages}) from error
        return filter_by_text(queryset, fields, text)

    def get_schema_operation_parameters(self, view):
        if not getattr(view, "search_fields", None):
            return []
        return [
            {
                "name": PARAMETER,
                "required": False,
                "in": "query",
                "description": str(
                    _("Recherche plein texte (sans tenir compte des accents), sur : %(fields)s.")
                    % {"fields": ", ".join(view.search_fields)}
                ),
                "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH},
            }
        ]
