"""Rows of the permission matrix for the partner ecosystem (see tests/security/routes.py).

The users are on Bourgogne-Franche-Comté (R27); the partner's organisation acts there. Objects of
Corse (R94) and of another organisation are built too, for the IDOR checks of tests/security/test_idor.py.
"""

from django.core.files.base import ContentFile

from partners.models import PartnershipDocument, PartnershipParty
from tests.factories import OrganisationFactory, territory
from tests.security.routes import LOGIN, A, E, N, P, Row, T, admins_only, everyone, logged_in

from .factories import CommonsFactory, ContactFactory, PartnershipFactory

STAFF = {A: LOGIN, P: 403, E: 200, T: 200, N: 200}
POST_ONLY = {**everyone(405), A: LOGIN}


def _document(partnership, name: str) -> PartnershipDocument:
    document = PartnershipDocument(
        partnership=partnership, title=name, original_name=f"{name}.pdf", content_type="application/pdf", size=15
    )
    document.file.save(f"{name}.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=False)
    document.save()
    return document


def build_world(world, make_user) -> None:
    own_org = world.users[P].memberships.get().organisation
    own_org.territories.set([territory("R27")])
    other_org = OrganisationFactory(territories=[territory("R94")])
    own_partnership = PartnershipFactory(territory=territory("R27"), parties=[own_org])
    other_partnership = PartnershipFactory(territory=territory("R94"), parties=[other_org])
    world.objects.update(
        {
            "partners.own_org": own_org,
            "partners.other_org": other_org,
            "partners.own_contact": ContactFactory(organisation=own_org),
            "partners.other_contact": ContactFactory(organisation=other_org),
            "partners.own_partnership": own_partnership,
            "partners.other_partnership": other_partnership,
            "partners.own_party": PartnershipParty.objects.get(partnership=own_partnership),
            "partners.other_party": PartnershipParty.objects.get(partnership=other_partnership),
            "partners.own_document": _document(own_partnership, "convention-bfc"),
            "partners.other_document": _document(other_partnership, "convention-corse"),
            "partners.commons": CommonsFactory(),
        }
    )


def _slug(key):
    return lambda world: {"slug": world.objects[key].slug}


def _pk(key):
    return lambda world: {"pk": world.objects[key].pk}


ROUTES: dict[str, Row] = {
    "partners:directory": Row(everyone()),
    "partners:organisation_create": Row(admins_only()),
    "partners:organisation_detail": Row(everyone(), kwargs=_slug("partners.own_org")),
    "partners:organisation_edit": Row(
        {A: LOGIN, P: 200, E: 403, T: 200, N: 200},
        kwargs=_slug("partners.own_org"),
        notes="the partner edits their organisation's page; admins of its territory manage it",
    ),
    "partners:organisation_invite": Row(POST_ONLY, kwargs=_slug("partners.own_org")),
    "partners:contact_create": Row(STAFF, kwargs=_slug("partners.own_org"), notes="contacts: staff only"),
    "partners:contact_erase": Row(POST_ONLY, kwargs=_pk("partners.own_contact")),
    "partners:contact_export": Row(STAFF, kwargs=_pk("partners.own_contact")),
    "partners:partnership_list": Row(everyone()),
    "partners:partnership_create": Row(admins_only()),
    "partners:partnership_detail": Row(everyone(), kwargs=_slug("partners.own_partnership")),
    "partners:partnership_edit": Row(admins_only(), kwargs=_slug("partners.own_partnership")),
    "partners:party_add": Row(POST_ONLY, kwargs=_slug("partners.own_partnership")),
    "partners:party_remove": Row(POST_ONLY, kwargs=_pk("partners.own_party")),
    "partners:document_upload": Row(POST_ONLY, kwargs=_slug("partners.own_partnership")),
    "partners:document_download": Row(
        logged_in(),
        kwargs=_pk("partners.own_document"),
        notes="staff of the territory and members of a party",
    ),
    "partners:document_delete": Row(POST_ONLY, kwargs=_pk("partners.own_document")),
    "partners:commons_list": Row(everyone()),
    "partners:commons_create": Row(STAFF),
    "partners:commons_detail": Row(everyone(), kwargs=_slug("partners.commons")),
    "partners:commons_edit": Row(STAFF, kwargs=_slug("partners.commons")),
    "partners:adoption_create": Row(STAFF, kwargs=_slug("partners.commons")),
    "partners:map": Row(everyone()),
    "partners:graph": Row(everyone()),
}
