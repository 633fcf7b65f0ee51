"""Who works with whom: a small registry of "link providers".

Each provider returns the links between organisations that one part of the portal knows about:
conventions here; programmes (lead and contributing organisations) in the roadmaps app; RETEX in the
retex app. Those apps register their provider from their AppConfig.ready() with
`register_link_provider("programmes", provider)`, so partners never imports them. Until roadmaps
registers one, a defensive reader follows `Organisation.led_programmes` / `contributed_programmes`
if those relations exist.

A provider takes no argument and returns an iterable of `OrganisationLink`, in a constant number of
queries (the graph page is guarded by a query count test).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class OrganisationLink:
    source: int  # organisation ids
    target: int
    kind: str  # "Convention", "Programme", "RETEX"...
    title: str  # what links them: the convention's title...
    url: str = ""


LinkProvider = Callable[[], Iterable[OrganisationLink]]
_providers: dict[str, LinkProvider] = {}


def register_link_provider(name: str, provider: LinkProvider) -> None:
    """Register (or replace) the provider called `name`."""
    _providers[name] = provider


def all_links() -> list[OrganisationLink]:
    links = []
    for provider in _providers.values():
        links.extend(provider())
    return links


def links_between_members(groups: dict, *, kind: str, titles: dict, urls: dict | None = None) -> list[OrganisationLink]:
    """Links between every pair of organisations of each group ({group id: {organisation ids}})."""
    urls = urls or {}
    links = []
    for group_id, members in groups.items():
        for source, target in combinations(sorted(members), 2):
            links.append(
                OrganisationLink(
                    source=source,
                    target=target,
                    kind=str(kind),
                    title=titles.get(group_id, ""),
                    url=urls.get(group_id, ""),
                )
            )
    return links


def convention_links() -> list[OrganisationLink]:
    from django.urls import reverse

    from .models import PartnershipParty

    groups, titles, urls = defaultdict(set), {}, {}
    rows = PartnershipParty.objects.values_list(
        "partnership_id", "organisation_id", "partnership__title", "partnership__slug"
    )
    for partnership_id, organisation_id, title, slug in rows:
        groups[partnership_id].add(organisation_id)
        titles[partnership_id] = title
        urls[partnership_id] = reverse("partners:partnership_detail", kwargs={"slug": slug})
    return links_between_members(groups, kind=_("Convention"), titles=titles, urls=urls)


def programme_links() -> list[OrganisationLink]:
    """Organisations leading or contributing to the same roadmap programme, read through the reverse
    relations the roadmaps app declares on Organisation (nothing when they do not exist)."""
    from .models import Organisation

    relations = []
    for name in ("led_programmes", "contributed_programmes"):
        try:
            relations.append(Organisation._meta.get_field(name))
        except FieldDoesNotExist:
            continue
    if not relations:
        return []
    programme_model = relations[0].related_model
    programmes = _public(programme_model)
    groups, titles = defaultdict(set), {}
    for relation in relations:
        accessor = relation.field.name
        rows = programmes.filter(**{f"{accessor}__isnull": False}).values_list("pk", accessor)
        for programme_id, organisation_id in rows:
            groups[programme_id].add(organisation_id)
    title_field = "title" if any(f.name == "title" for f in programme_model._meta.fields) else "pk"
    titles = {
        pk: str(title) for pk, title in programme_model.objects.filter(pk__in=groups).values_list("pk", title_field)
    }
    return links_between_members(groups, kind=_("Programme"), titles=titles)


def _public(model):
    """What anyone may see of another app's objects: their own `published()`, or those of a published
    roadmap; nothing when neither exists (the graph is public)."""
    queryset = model.objects.all()
    if hasattr(queryset, "published"):
        return queryset.published()
    try:
        parent = model._meta.get_field("roadmap").related_model
    except FieldDoesNotExist:
        return queryset.none()
    if hasattr(parent.objects.all(), "published"):
        return queryset.filter(roadmap__in=parent.objects.all().published())
    return queryset.none()


def retex_links() -> list[OrganisationLink]:
    """An organisation reporting on a commons (published RETEX) is linked to the commons' stewards, read
    through `Organisation.retex_reports` and `Commons.retex_reports` when the retex app declares them."""
    from .models import Commons, Organisation

    try:
        report_model = Organisation._meta.get_field("retex_reports").related_model
        Commons._meta.get_field("retex_reports")
    except FieldDoesNotExist:
        return []
    reports = _public(report_model).filter(organisation__isnull=False, commons__steward_organisations__isnull=False)
    rows = reports.values_list("pk", "organisation_id", "commons__steward_organisations", "title").distinct()
    links = []
    for _pk, author, steward, title in rows:
        if author != steward:
            links.append(OrganisationLink(source=author, target=steward, kind=str(_("RETEX")), title=title))
    return links
