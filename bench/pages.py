"""The pages and API lists the benchmarks measure: a name, how to build the URL from the generated data,
and who opens it (None: anonymous)."""

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Page:
    name: str
    route: str
    role: str | None = None
    kwargs: Any = None  # callable(data) -> dict
    query: str = ""

    def url(self, data: dict) -> str | None:
        """None when the route does not exist (a capability that has not landed yet)."""
        try:
            path = reverse(self.route, kwargs=self.kwargs(data) if self.kwargs else None)
        except NoReverseMatch:
            return None
        return path + (f"?{self.query}" if self.query else "")


BASELINE = Page("référence (1 requête SQL)", "bench_baseline")

PAGES = [
    Page("accueil", "core:home"),
    Page("accueil (rédacteur connecté)", "core:home", role="editor"),
    Page("mon compte", "accounts:profile", role="editor"),
]
