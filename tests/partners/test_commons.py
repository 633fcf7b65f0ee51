"""The commons catalogue: adding a commons, recording its adoption by a territory ("essaimage")."""

import pytest
from django.urls import reverse

from partners.models import Commons, CommonsAdoption
from tests.factories import OrganisationFactory, UserFactory, territory

from .factories import CommonsFactory


@pytest.fixture
def editor_client(db, client_for):
    return client_for(UserFactory(editor=True, territory_code="R27"))


@pytest.mark.django_db
def test_an_editor_adds_a_commons_and_a_bad_repository_url_is_refused(editor_client):
    steward = OrganisationFactory()
    data = {
        "name": "Capytale",
        "description": "Activités de programmation.",
        "licence": "AGPL-3.0",
        "repository_url": "forge sans protocole !",
        "maturity": Commons.Maturity.PRODUCTION,
        "steward_organisations": [steward.pk],
    }
    response = editor_client.post(reverse("partners:commons_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Saisissez une adresse web complète" in html
    assert 'value="forge sans protocole !"' in html
    response = editor_client.post(
        reverse("partners:commons_create"), {**data, "repository_url": "forge.exemple.fr/capytale"}
    )
    assert response.status_code == 302
    commons = Commons.objects.get(name="Capytale")
    assert commons.repository_url == "https://forge.exemple.fr/capytale"
    assert list(commons.steward_organisations.all()) == [steward]


@pytest.mark.django_db
def test_adoption_is_recorded_in_the_editors_territory_only_and_once(editor_client):
    commons = CommonsFactory()
    url = reverse("partners:adoption_create", args=[commons.slug])
    data = {"territory": territory("D25").pk, "adopted_on": "2025-09-01", "note": "Dans 12 collèges"}
    assert editor_client.post(url, data).status_code == 302
    adoption = CommonsAdoption.objects.get()
    assert (adoption.territory.code, str(adoption.adopted_on)) == ("D25", "2025-09-01")

    again = editor_client.post(url, data)
    assert again.status_code == 400
    assert "Ce territoire a déjà adopté ce commun." in again.content.decode()

    elsewhere = editor_client.post(url, {**data, "territory": territory("R32").pk})
    assert elsewhere.status_code == 400
    assert "Vous ne pouvez pas déclarer d&#x27;adoption pour ce territoire." in elsewhere.content.decode()
    assert "Dans 12 collèges" in elsewhere.content.decode()
    assert CommonsAdoption.objects.count() == 1

    page = editor_client.get(reverse("partners:commons_list") + "?territory=R27").content.decode()
    assert commons.name in page
