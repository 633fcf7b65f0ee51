"""Lists and pages run a number of queries that does not grow with the data."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory, territory
from tests.utils import assert_queries_do_not_grow

from .factories import CommonsAdoptionFactory, CommonsFactory, ContactFactory, PartnershipFactory


def grow_ecosystem(n=12):
    regions = [territory(code) for code in ("D25", "R32", "A09", "R84", "national")]
    organisations = [
        OrganisationFactory(territories=[regions[i % len(regions)], regions[(i + 1) % len(regions)]]) for i in range(n)
    ]
    for i in range(0, n, 3):
        PartnershipFactory(parties=organisations[i : i + 3], ambitions=["Partager", "Essaimer"])
    for i in range(4):
        commons = CommonsFactory()
        commons.steward_organisations.set(organisations[i : i + 2])
        commons.user_organisations.set(organisations[i + 2 : i + 5])
        CommonsAdoptionFactory(commons=commons, territory=regions[i], organisation=organisations[i])
    return organisations


@pytest.fixture
def seeded(db):
    organisation = OrganisationFactory(territories=[territory("D25")])
    PartnershipFactory(parties=[organisation, OrganisationFactory()])
    CommonsAdoptionFactory()
    return organisation


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        reverse("partners:directory"),
        reverse("partners:directory") + "?territory=R27",
        reverse("partners:directory") + "?kind=commune&q=Coll",
        reverse("partners:partnership_list"),
        reverse("partners:commons_list"),
        reverse("partners:map"),
        reverse("partners:map") + "?mesure=commons",
        reverse("partners:graph"),
        reverse("partners:graph") + "?territory=R27&kind=commune",
    ],
)
def test_public_lists_do_not_grow(seeded, client, path):
    assert_queries_do_not_grow(lambda: client.get(path), grow_ecosystem)


@pytest.mark.django_db
def test_the_directory_filtered_by_commons_does_not_grow(seeded, client):
    commons = CommonsFactory(slug="commun-filtre")
    commons.user_organisations.add(seeded)

    def grow():
        for organisation in grow_ecosystem():
            commons.user_organisations.add(organisation)

    assert_queries_do_not_grow(lambda: client.get(reverse("partners:directory") + "?commons=commun-filtre"), grow)


@pytest.mark.django_db
def test_organisation_page_does_not_grow_for_staff(seeded, client_for):
    client = client_for(UserFactory(territorial_admin=True, territory_code="R27"))

    def grow():
        for organisation in grow_ecosystem():
            PartnershipFactory(parties=[seeded, organisation])
            ContactFactory(organisation=seeded)
        for commons in CommonsFactory.create_batch(3):
            commons.steward_organisations.add(seeded)
            CommonsAdoptionFactory(commons=commons, territory=territory("R32"), organisation=seeded)

    assert_queries_do_not_grow(lambda: client.get(reverse("partners:organisation_detail", args=[seeded.slug])), grow)


@pytest.mark.django_db
def test_partnership_and_commons_pages_do_not_grow(seeded, client_for):
    client = client_for(UserFactory(editor=True))
    partnership = PartnershipFactory(parties=[seeded])
    commons = CommonsFactory()

    def grow():
        for organisation in grow_ecosystem():
            partnership.parties.create(organisation=organisation, role="Signataire")
            commons.steward_organisations.add(organisation)
        for code in ("R32", "R84", "R11"):
            CommonsAdoptionFactory(commons=commons, territory=territory(code))

    assert_queries_do_not_grow(
        lambda: (
            client.get(reverse("partners:partnership_detail", args=[partnership.slug])),
            client.get(reverse("partners:commons_detail", args=[commons.slug])),
        )[1],
        grow,
    )


@pytest.mark.django_db
def test_the_directory_paginates(client):
    OrganisationFactory.create_batch(25)
    response = client.get(reverse("partners:directory"))
    assert response.context["page"].paginator.num_pages == 2
    assert len(response.context["page"].object_list) == 20
    assert "25 organisations" in response.content.decode()
