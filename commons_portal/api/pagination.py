from functools import partial

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from commons_portal.core.caching import fragment_key, kept_count

MAX_PAGE_SIZE = 200


class KeptCountPaginator(Paginator):
    """The total of a list is counted once per content generation, kept under `count_key` (`kept_count`)."""

    def __init__(self, *args, count_key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        queryset = getattr(self.object_list, "counted", self.object_list)
        if isinstance(queryset, QuerySet):
            return kept_count(queryset, key=self.count_key)
        return super().count


class PortalPagination(PageNumberPagination):
    """Pages of 50 items by default; `page_size` from 1 to 200, anything else is a 400 naming the
    parameter (a client asking for everything is told rather than silently capped)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        # A list of content (`keep_reads`: it changes only with the content, not with the clock or a job's
        # progress) is what this address shows this viewer today: its total is kept under the same key as a
        # kept answer would be. Any other list is counted every time.
        if getattr(view, "keep_reads", False):
            key = fragment_key(request, f"api-count:{getattr(view, 'basename', '')}", csrf_bound=False)
            self.django_paginator_class = partial(KeptCountPaginator, count_key=key)
        else:
            self.django_paginator_class = Paginator
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if not 1 <= value <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("La taille de page doit être un entier entre 1 et %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return value

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size, "default": self.page_size})
                parameter["description"] = str(
                    _("Nombre d'éléments par page (1 à %(max)d, 50 par défaut ; au-delà : erreur 400).")
                    % {"max": self.max_page_size}
                )
        return parameters
