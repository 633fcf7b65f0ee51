"""Registries the domain apps fill from their AppConfig.ready(), so that the kernel imports no domain
app: navigation entries (header and home page) and demo data loaders (`manage.py load_demo`)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavEntry:
    order: int
    label: str
    url_name: str
    description: str = ""
    # A permission ("app.action") the user needs to see the entry; empty for everyone.
    permission: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class DemoLoader:
    order: int
    name: str
    load: Callable[..., None]


_navigation: dict[str, NavEntry] = {}
_demo_loaders: dict[str, DemoLoader] = {}


def register_nav(entry: NavEntry) -> None:
    _navigation[entry.url_name] = entry


def navigation_for(user) -> list[NavEntry]:
    return [
        entry
        for entry in sorted(_navigation.values(), key=lambda e: e.order)
        if not entry.permission or user.has_perm(entry.permission)
    ]


def register_demo_loader(loader: DemoLoader) -> None:
    _demo_loaders[loader.name] = loader


def demo_loaders() -> list[DemoLoader]:
    return sorted(_demo_loaders.values(), key=lambda loader: loader.order)
