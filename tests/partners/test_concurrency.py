"""Two people edit the same page: the second is told and keeps what they typed."""

import pytest
from django.urls import reverse

from partners import services
from partners.models import Organisation
from tests.factories import OrganisationFactory, UserFactory, territory

from .factories import CommonsFactory


@pytest.mark.django_db
def test_the_second_writer_of_an_organisation_is_told_and_keeps_their_text(client_for):
    organisation = OrganisationFactory(territories=[territory("D25")], description="Avant")
    first, second = (client_for(UserFactory(territorial_admin=True, territory_code="R27")) for _ in range(2))
    url = reverse("partners:organisation_edit", args=[organisation.slug])
    base = {"name": organisation.name, "kind": organisation.kind, "territories": [territory("D25").pk], "version": 1}

    assert first.post(url, {**base, "description": "Texte du premier"}).status_code == 302
    response = second.post(url, {**base, "description": "Texte du second"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Quelqu&#x27;un a enregistré une modification" in html
    assert "Texte du second" in html
    organisation.refresh_from_db()
    assert organisation.description == "Texte du premier"
    assert organisation.version == 2
    # Having read the message, the second person saves again on purpose: it now replaces the page.
    assert 'name="version" value="2"' in html
    assert second.post(url, {**base, "version": 2, "description": "Texte du second"}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "Texte du second"
    assert organisation.history.count() == 3  # created, then saved by each writer


@pytest.mark.django_db
def test_commons_update_refuses_a_stale_version():
    user = UserFactory(editor=True)
    commons = CommonsFactory()
    services.commons_update(commons=commons, user=user, expected_version=1, description="Nouveau")
    with pytest.raises(services.StaleVersionError):
        services.commons_update(commons=commons, user=user, expected_version=1, description="Perdu ?")
    commons.refresh_from_db()
    assert commons.description == "Nouveau"
    assert commons.version == 2


@pytest.mark.django_db
def test_organisation_update_service_bumps_the_version():
    organisation = OrganisationFactory()
    updated = services.organisation_update(
        organisation=organisation, user=None, expected_version=1, description="Complété"
    )
    assert updated.version == 2
    assert Organisation.objects.get(pk=organisation.pk).description == "Complété"
