"""Rows of the permission matrix for the partner ecosystem (see tests/security/routes.py).

The users hold their roles on Bourgogne-Franche-Comté (R27); the partner (P) is a member of "own_org",
which acts in R27 and is a party to the R27 convention; the "other_" twins are in Corse (R94).
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from partners import services
from tests.factories import OrganisationFactory, UserFactory, territory
from tests.security.routes import LOGIN, A, E, N, P, Row, T, admins_only, everyone

from .factories import CommonsFactory, ContactFactory, PartnershipFactory

STAFF = {A: LOGIN, P: 403, E: 200, T: 200, N: 200}
POST_ONLY = {**everyone(405), A: LOGIN}
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def build_world(world, make_user) -> None:
    own = world.users[P].memberships.get().organisation
    own.territories.set([territory("R27")])
    other = OrganisationFactory(territories=[territory("R94")])
    uploader = UserFactory(national_admin=True)
    objects = {"partners.own_org": own, "partners.other_org": other, "partners.commons": CommonsFactory()}
    for prefix, organisation, code in (("own_", own, "R27"), ("other_", other, "R94")):
        partnership = PartnershipFactory(territory=territory(code), parties=[organisation])
        objects[f"partners.{prefix}contact"] = ContactFactory(organisation=organisation)
        objects[f"partners.{prefix}partnership"] = partnership
        objects[f"partners.{prefix}party"] = partnership.parties.get()
        objects[f"partners.{prefix}document"] = services.partnership_document_add(
            partnership=partnership, upload=SimpleUploadedFile("convention.pdf", PDF), title="Convention", user=uploader
        )
    world.objects.update(objects)


def _slug(key):
    return lambda world: {"slug": world.objects[key].slug}


def _pk(key):
    return lambda world: {"pk": world.objects[key].pk}


ROUTES: dict[str, Row] = {
    "partners:directory": Row(everyone()),
    "partners:organisation_create": Row(admins_only()),
    "partners:organisation_detail": Row(everyone(), kwargs=_slug("partners.own_org")),
    "partners:organisation_edit": Row(
        {A: LOGIN, P: 200, E: 403, T: 200, N: 200}, kwargs=_slug("partners.own_org"), notes="its members, its admins"
    ),
    "partners:organisation_invite": Row(POST_ONLY, kwargs=_slug("partners.own_org")),
    "partners:contact_create": Row(STAFF, kwargs=_slug("partners.own_org")),
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
        {A: LOGIN, P: 200, E: 200, T: 200, N: 200}, kwargs=_pk("partners.own_document"), notes="staff and parties"
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
