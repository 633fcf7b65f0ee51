"""The sources the search page and the API look into, registered by each domain's `search.py`."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class SearchSource:
    key: str
    label: str
    # The objects `user` may see (the same `visible_to(user)` as the pages).
    queryset: Callable[..., QuerySet]
    # Searched fields, the title first (it weighs more in the ranking).
    fields: tuple[str, ...]
    url: Callable[[object], str]
    order: int = 100


_sources: dict[str, SearchSource] = {}


def register_source(source: SearchSource) -> None:
    _sources[source.key] = source


def search_sources() -> list[SearchSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.key))
