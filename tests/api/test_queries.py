"""API lists run a number of SQL queries that does not grow with the data."""

import pytest

from tests.factories import OrganisationFactory, territory
from tests.utils import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["anonymous", "partner", "territorial_admin", "national_admin"])
def test_organisation_list(role, users, api_for):
    client = api_for(users[role])
    OrganisationFactory(territories=[territory("R27")])

    def grow():
        for _ in range(10):
            OrganisationFactory(territories=[territory("R27"), territory("A03")])

    client.get("/api/v1/organisations/")  # loads the user's scope, cached for the rest of the request
    assert_queries_do_not_grow(lambda: client.get("/api/v1/organisations/"), grow)


def test_territory_list(users, api_for):
    from commons_portal.territories.models import Territory

    client = api_for(users["editor"])

    def grow():
        Territory.objects.filter(level="departement").update(name="Nouveau nom")

    assert_queries_do_not_grow(lambda: client.get("/api/v1/territories/", {"page_size": 200}), grow)
    assert client.get("/api/v1/territories/", {"page_size": 200}).json()["count"] > 100
