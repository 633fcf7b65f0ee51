"""Kinds of document that exist only in the tests: one that takes its time (to kill its worker
mid-render), one that breaks. Importing this module registers them; the real worker the tests start
imports it with `--include`."""

import time

from commons_portal.jobs.registry import PdfInputError, PdfKind, register_kind
from partners.models import Organisation

SLOW_FILE_FLAG = "slow-render-started"


def resolve_organisation(ref: str):
    found = Organisation.objects.filter(slug=ref).first() or (
        Organisation.objects.filter(pk=int(ref)).first() if ref.isdigit() else None
    )
    if found is None:
        raise PdfInputError(f"Organisation introuvable : « {ref} ».", field="object")
    return found


def sections_context(organisation, territory, pages: int = 2) -> dict:
    return {
        "sections": [
            {
                "title": f"Section {number} de {organisation.name}",
                "paragraphs": [organisation.description or "Texte de la section."],
                "new_page": True,
            }
            for number in range(1, pages + 1)
        ]
    }


def slow_context(organisation, territory):
    # The description says how long to wait: the killed-worker test makes it long.
    time.sleep(float(organisation.acronym or 0))
    return sections_context(organisation, territory)


def broken_context(organisation, territory):
    raise RuntimeError("la source de données ne répond pas")


def title(organisation, territory):
    return f"Dossier de test — {organisation.name}"


SLOW = PdfKind(
    name="test-slow",
    label="Dossier de test (lent)",
    template="pdf/sections.html",
    build_context=slow_context,
    title=title,
    resolve_object=resolve_organisation,
    permission="partners.change_organisation",
    content_hash=lambda organisation, territory: f"{organisation.pk}-{organisation.description}",
)
BROKEN = PdfKind(
    name="test-broken",
    label="Dossier de test (en panne)",
    template="pdf/sections.html",
    build_context=broken_context,
    title=title,
    resolve_object=resolve_organisation,
    permission="partners.change_organisation",
    content_hash=lambda organisation, territory: str(organisation.pk),
)
PLAIN = PdfKind(
    name="test-plain",
    label="Dossier de test",
    template="pdf/sections.html",
    build_context=sections_context,
    title=title,
    resolve_object=resolve_organisation,
    permission="partners.change_organisation",
)

for kind in (SLOW, BROKEN, PLAIN):
    register_kind(kind)
