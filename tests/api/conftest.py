import pytest
from rest_framework.test import APIClient

from tests.conftest import MATRIX_ROLES
from tests.factories import OrganisationFactory, territory


@pytest.fixture
def api_for():
    """`api_for(user)`: an API client authenticated as `user` (anonymous for None)."""

    def make(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def organisations(users):
    """An organisation acting in Bourgogne-Franche-Comté, one in Corse, and the partner's own."""
    return {
        "bfc": OrganisationFactory(name="Région Bourgogne-Franche-Comté", territories=[territory("R27")]),
        "corse": OrganisationFactory(name="Collectivité de Corse", territories=[territory("R94")]),
        "own": users["partner"].memberships.get().organisation,
    }


def etag_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response["ETag"]


def expect(*statuses, roles=MATRIX_ROLES) -> dict:
    """One row of a permission matrix: the expected status for each role, in the order of `roles`."""
    return dict(zip(roles, statuses, strict=True))
