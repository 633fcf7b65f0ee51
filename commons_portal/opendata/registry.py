"""The published datasets, registered by each domain's `resources.py`: one per exportable list."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    resource: type
    # The rows `user` may see (anonymous: what is published, without personal data).
    queryset: Callable[..., QuerySet]
    # The permission needed to import ("partners.add_organisation"); empty: no import.
    import_permission: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)
    # The page that shows the same list to people (a URL name), for the catalogue's landing page.
    landing_url_name: str = ""
    order: int = 100


_datasets: dict[str, Dataset] = {}


def register_dataset(dataset: Dataset) -> None:
    _datasets[dataset.key] = dataset


def datasets() -> list[Dataset]:
    return sorted(_datasets.values(), key=lambda dataset: (dataset.order, dataset.key))


def get_dataset(key: str) -> Dataset | None:
    return _datasets.get(key)
