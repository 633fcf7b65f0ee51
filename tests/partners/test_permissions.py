"""The HTML permission matrix of the partner ecosystem: role × page or action → status.

The organisation acts in the Doubs (D25), inside the région académique Bourgogne-Franche-Comté (R27);
"territorial_admin_out" administers Hauts-de-France (R32); "partner_own" is a member of the
organisation and a party to its convention, "partner_other" a member of another organisation.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners import services
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, territory
from tests.utils import assert_status

from .factories import CommonsFactory, ContactFactory, PartnershipFactory

ROLES = [
    "anonymous",
    "partner_own",
    "partner_other",
    "editor",
    "territorial_admin_in",
    "territorial_admin_out",
    "national_admin",
]

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def world(db, client_for):
    organisation = OrganisationFactory(slug="syndicat-doubs", territories=[territory("D25")])
    partnership = PartnershipFactory(slug="convention-doubs", territory=territory("R27"), parties=[organisation])
    contact = ContactFactory(organisation=organisation)
    commons = CommonsFactory(slug="commun-test")
    admin = UserFactory(national_admin=True)
    document = services.partnership_document_add(
        partnership=partnership, upload=SimpleUploadedFile("convention.pdf", PDF), title="Convention", user=admin
    )
    partner_own = UserFactory()
    MembershipFactory(user=partner_own, role="partner", territory=None, organisation=organisation)
    users = {
        "anonymous": None,
        "partner_own": partner_own,
        "partner_other": UserFactory(partner=True),
        "editor": UserFactory(editor=True, territory_code="R27"),
        "territorial_admin_in": UserFactory(territorial_admin=True, territory_code="R27"),
        "territorial_admin_out": UserFactory(territorial_admin=True, territory_code="R32"),
        "national_admin": admin,
    }
    return {
        "organisation": organisation,
        "partnership": partnership,
        "contact": contact,
        "commons": commons,
        "document": document,
        "clients": {role: client_for(user) for role, user in users.items()},
    }


def url(world, name):
    o, p, c, m, d = (world[k] for k in ("organisation", "partnership", "contact", "commons", "document"))
    return {
        "directory": reverse("partners:directory"),
        "organisation": reverse("partners:organisation_detail", args=[o.slug]),
        "organisation_create": reverse("partners:organisation_create"),
        "organisation_edit": reverse("partners:organisation_edit", args=[o.slug]),
        "organisation_invite": reverse("partners:organisation_invite", args=[o.slug]),
        "contact_create": reverse("partners:contact_create", args=[o.slug]),
        "contact_export": reverse("partners:contact_export", args=[c.pk]),
        "partnerships": reverse("partners:partnership_list"),
        "partnership": reverse("partners:partnership_detail", args=[p.slug]),
        "partnership_create": reverse("partners:partnership_create"),
        "partnership_edit": reverse("partners:partnership_edit", args=[p.slug]),
        "document": reverse("partners:document_download", args=[d.pk]),
        "commons_list": reverse("partners:commons_list"),
        "commons": reverse("partners:commons_detail", args=[m.slug]),
        "commons_create": reverse("partners:commons_create"),
        "commons_edit": reverse("partners:commons_edit", args=[m.slug]),
        "adoption_create": reverse("partners:adoption_create", args=[m.slug]),
        "map": reverse("partners:map"),
        "graph": reverse("partners:graph"),
    }[name]


# page: expected status per role, in the order of ROLES (302 = to the login page or after a success).
GET_MATRIX = {
    "directory": [200, 200, 200, 200, 200, 200, 200],
    "organisation": [200, 200, 200, 200, 200, 200, 200],
    "partnerships": [200, 200, 200, 200, 200, 200, 200],
    "partnership": [200, 200, 200, 200, 200, 200, 200],
    "commons_list": [200, 200, 200, 200, 200, 200, 200],
    "commons": [200, 200, 200, 200, 200, 200, 200],
    "map": [200, 200, 200, 200, 200, 200, 200],
    "graph": [200, 200, 200, 200, 200, 200, 200],
    "organisation_create": [302, 403, 403, 403, 200, 200, 200],
    "organisation_edit": [302, 200, 403, 403, 200, 403, 200],
    "contact_create": [302, 403, 403, 200, 200, 403, 200],
    "contact_export": [302, 403, 403, 200, 200, 403, 200],
    "partnership_create": [302, 403, 403, 403, 200, 200, 200],
    "partnership_edit": [302, 403, 403, 403, 200, 403, 200],
    "document": [302, 200, 403, 200, 200, 403, 200],
    "commons_create": [302, 403, 403, 200, 200, 200, 200],
    "commons_edit": [302, 403, 403, 200, 200, 200, 200],
    "adoption_create": [302, 403, 403, 200, 200, 200, 200],
}


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(GET_MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_get_matrix(world, page, role_index):
    role = ROLES[role_index]
    response = world["clients"][role].get(url(world, page))
    response.close()  # a download is a streamed file
    assert response.status_code == GET_MATRIX[page][role_index], f"{role} GET {page}: {response.status_code}"


POST_MATRIX = {
    # action: (data, expected statuses)
    "organisation_invite": ({"email": "nouveau@syndicat.fr"}, [302, 403, 403, 403, 302, 403, 302]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(POST_MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_post_matrix(world, action, role_index):
    role = ROLES[role_index]
    data, statuses = POST_MATRIX[action]
    assert_status(world["clients"][role], "POST", url(world, action), statuses[role_index], data)


@pytest.mark.django_db
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_contact_erasure_matrix(world, role_index):
    role = ROLES[role_index]
    expected = [302, 403, 403, 302, 302, 403, 302][role_index]
    assert_status(
        world["clients"][role], "POST", reverse("partners:contact_erase", args=[world["contact"].pk]), expected
    )


@pytest.mark.django_db
def test_anonymous_erasure_redirects_to_login_and_erases_nothing(world):
    response = world["clients"]["anonymous"].post(reverse("partners:contact_erase", args=[world["contact"].pk]))
    assert "/comptes/connexion/" in response["Location"]
    assert world["contact"].__class__.objects.filter(pk=world["contact"].pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("partner_own", False),
        ("partner_other", False),
        ("editor", True),
        ("territorial_admin_in", True),
        ("territorial_admin_out", False),
        ("national_admin", True),
    ],
)
def test_contact_persons_are_shown_to_logged_in_staff_only(world, role, sees):
    response = world["clients"][role].get(url(world, "organisation"))
    html = response.content.decode()
    assert (world["contact"].full_name in html) is sees
    assert (world["contact"].email in html) is sees


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "sees"),
    [("anonymous", False), ("partner_own", True), ("partner_other", False), ("editor", True), ("national_admin", True)],
)
def test_documents_are_listed_to_staff_and_parties_only(world, role, sees):
    html = world["clients"][role].get(url(world, "partnership")).content.decode()
    assert (url(world, "document") in html) is sees


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("partner_own", False),
        ("partner_other", False),
        ("editor", False),
        ("territorial_admin_in", True),
        ("territorial_admin_out", False),
        ("national_admin", True),
    ],
)
def test_the_invitation_form_is_offered_to_who_may_invite(world, role, sees):
    html = world["clients"][role].get(url(world, "organisation")).content.decode()
    assert (url(world, "organisation_invite") in html) is sees


@pytest.mark.django_db
def test_a_partner_member_edits_their_page_without_kind_and_territories(world):
    client = world["clients"]["partner_own"]
    html = client.get(url(world, "organisation_edit")).content.decode()
    assert 'name="description"' in html
    assert 'name="territories"' not in html
    assert 'name="kind"' not in html


@pytest.mark.django_db
def test_staff_of_an_academie_see_contacts_of_an_organisation_acting_in_their_region(client_for):
    """Territories overlap both ways: an académie's staff and a région-wide organisation, and a
    région's staff and an organisation acting in one of its départements."""
    regional = ContactFactory(organisation=OrganisationFactory(territories=[territory("R27")]), full_name="Régionale")
    national = ContactFactory(
        organisation=OrganisationFactory(territories=[territory("national")]), full_name="Nationale"
    )
    corse = ContactFactory(organisation=OrganisationFactory(territories=[territory("D2A")]), full_name="Corse")
    editor = UserFactory(editor=True, territory_code="A03")
    from partners.models import Contact

    assert set(Contact.objects.visible_to(editor).values_list("full_name", flat=True)) == {"Régionale", "Nationale"}
    client = client_for(editor)
    assert client.get(reverse("partners:contact_export", args=[regional.pk])).status_code == 200
    assert client.get(reverse("partners:contact_export", args=[national.pk])).status_code == 200
    assert client.get(reverse("partners:contact_export", args=[corse.pk])).status_code == 403
