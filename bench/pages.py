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
    query_from: str = ""  # a key of the generated data, appended as the value of `query`'s parameter
    kind: str = "page"  # "page" or "api"

    def url(self, data: dict) -> str | None:
        """None when the route does not exist (a capability that has not landed yet)."""
        try:
            path = reverse(self.route, kwargs=self.kwargs(data) if self.kwargs else None)
        except NoReverseMatch:
            return None
        query = f"{self.query}={data[self.query_from]}" if self.query_from else self.query
        return path + (f"?{query}" if query else "")


BASELINE = Page("référence (1 requête SQL)", "bench_baseline")

EDITOR = "editor"


def _slug(key: str):
    return lambda data: {"slug": data[key]}


PAGES = [
    Page("accueil", "core:home"),
    Page("accueil (rédacteur connecté)", "core:home", role=EDITOR),
    Page("mon compte", "accounts:profile", role=EDITOR),
    # Roadmaps: the validated edition as the public reads it, the draft as its editor does.
    Page("feuille de route (publique, v1 validée)", "roadmaps:detail", kwargs=_slug("roadmap")),
    Page("feuille de route (rédacteur, v2 brouillon)", "roadmaps:detail", role=EDITOR, kwargs=_slug("roadmap_draft")),
    Page(
        "indicateur (valeurs sur 10 ans)",
        "roadmaps:indicator",
        kwargs=lambda data: {"slug": data["roadmap"], "pk": data["indicator"]},
    ),
    Page("liste des feuilles de route", "roadmaps:list"),
    Page("tableau de bord territorial", "roadmaps:dashboard", role=EDITOR, query_from="roadmap_draft", query="feuille"),
    Page("vue nationale", "roadmaps:national"),
    # Partners.
    Page("annuaire des partenaires", "partners:directory"),
    Page("annuaire des partenaires (recherche)", "partners:directory", query="q=organisation+12"),
    Page("conventions", "partners:partnership_list", role=EDITOR),
    Page("convention (fiche)", "partners:partnership_detail", role=EDITOR, kwargs=_slug("partnership")),
    Page("communs numériques", "partners:commons_list"),
    Page("commun numérique (fiche, adoptions)", "partners:commons_detail", kwargs=_slug("commons")),
    Page("carte de l'écosystème", "partners:map"),
    # RETEX.
    Page("RETEX publiés", "retex:report_list"),
    Page("RETEX (rédacteur, tous statuts)", "retex:report_list", role=EDITOR),
    Page("RETEX : file de relecture", "retex:review_queue", role=EDITOR),
    Page("RETEX (fiche)", "retex:report_detail", kwargs=lambda data: {"pk": data["report"]}),
    Page("mes RETEX (partenaire)", "retex:my_reports", role="partner"),
    Page("événement (sessions)", "retex:event_detail", kwargs=_slug("event")),
    Page("session (restitution publiée)", "retex:session_detail", kwargs=_slug("session")),
    Page("session (compte rendu, rédacteur)", "retex:session_record", role=EDITOR, kwargs=_slug("session")),
    # Search.
    Page("recherche « gouvernance »", "search:search", query="q=gouvernance"),
    Page("recherche « gouvernance » (rédacteur)", "search:search", role=EDITOR, query="q=gouvernance"),
]

# The API lists under /api/v1/ (default page size), as the public and as an editor.
API_LISTS = [
    ("organisations", "api:organisation-list"),
    ("communs", "api:commons-list"),
    ("conventions", "api:partnership-list"),
    ("feuilles de route", "api:roadmap-list"),
    ("programmes", "api:programme-list"),
    ("indicateurs", "api:indicator-list"),
    ("valeurs d'indicateurs", "api:indicatorvalue-list"),
    ("RETEX", "api:experiencereport-list"),
    ("événements", "api:event-list"),
    ("sessions", "api:session-list"),
    ("territoires", "api:territory-list"),
]
PAGES += [Page(f"API {name}", route, kind="api") for name, route in API_LISTS]
PAGES += [Page("API RETEX (rédacteur)", "api:experiencereport-list", role=EDITOR, kind="api")]
PAGES += [Page("API feuilles de route (rédacteur)", "api:roadmap-list", role=EDITOR, kind="api")]
