"""The DCAT catalogue (JSON-LD) of the published datasets, as data.gouv.fr harvests it."""

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from .formats import FORMATS, LICENCE
from .registry import datasets

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _id(url: str) -> dict:
    return {"@id": url}


def _modified(queryset):
    if not any(field.name == "updated_at" for field in queryset.model._meta.fields):
        return None
    return queryset.order_by().aggregate(modified=Max("updated_at"))["modified"]


def build_catalogue(*, absolute, anonymous_user) -> dict:
    """`absolute(path)` makes a full URL. Only what an anonymous visitor sees is listed."""
    publisher = {"@type": "foaf:Organization", "foaf:name": str(settings.PORTAL_NAME)}
    licence = _id(LICENCE["url"])
    entries = []
    for dataset in datasets():
        page = absolute(reverse("opendata:dataset", args=[dataset.key]))
        export = absolute(reverse("opendata:export", args=[dataset.key]))
        modified = _modified(dataset.queryset(anonymous_user)) or timezone.now()
        landing = absolute(reverse(dataset.landing_url_name)) if dataset.landing_url_name else page
        entries.append(
            {
                "@id": page,
                "@type": "dcat:Dataset",
                "dct:identifier": dataset.key,
                "dct:title": str(dataset.title),
                "dct:description": str(dataset.description),
                "dcat:keyword": [str(keyword) for keyword in dataset.keywords],
                "dct:language": _id("http://publications.europa.eu/resource/authority/language/FRA"),
                "dct:license": licence,
                "dct:publisher": publisher,
                "dct:modified": {"@value": modified.isoformat(), "@type": "xsd:dateTime"},
                "dcat:landingPage": _id(landing),
                "dct:conformsTo": _id(absolute(reverse("opendata:schema", args=[dataset.key]))),
                "dcat:distribution": [
                    {
                        "@id": f"{export}?format={key}",
                        "@type": "dcat:Distribution",
                        "dct:title": f"{dataset.title} — {spec['label']}",
                        "dcat:accessURL": _id(page),
                        "dcat:downloadURL": _id(f"{export}?format={key}"),
                        "dct:format": spec["dcat_format"],
                        "dcat:mediaType": spec["media_type"],
                        "dct:license": licence,
                    }
                    for key, spec in FORMATS.items()
                ],
            }
        )
    return {
        "@context": CONTEXT,
        "@id": absolute(reverse("opendata:catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": str(settings.PORTAL_NAME),
        "dct:description": "Données publiées par le portail, sous Licence Ouverte 2.0.",
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:language": _id("http://publications.europa.eu/resource/authority/language/FRA"),
        "foaf:homepage": _id(absolute("/")),
        "dcat:dataset": entries,
    }
