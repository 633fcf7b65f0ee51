"""Bad input on the partner forms: a French message next to the field, what was typed kept, never a 500."""

import re

import pytest
from django.urls import reverse
from stdnum import luhn

from partners.models import Organisation
from tests.factories import OrganisationFactory, territory

VALID_SIREN = "180020026"


def siret_of(siren: str, nic: str = "0001") -> str:
    return siren + nic + luhn.calc_check_digit(siren + nic)


def field_group(html: str, name: str) -> str:
    """The DSFR group around one field: its label, input and error messages (up to the next group)."""
    groups = re.compile(r'<div class="fr-(?:input|select|checkbox)-group')
    position = html.index(f'name="{name}"')
    start = [m.start() for m in groups.finditer(html, 0, position)][-1]
    following = groups.search(html, position)
    end = following.start() if following else html.index("</form>", position)
    return html[start:end]


@pytest.fixture
def admin_client(make_user, client_for):
    return client_for(make_user("territorial_admin", territory_code="R27"))


def organisation_data(**overrides):
    data = {
        "name": "Syndicat mixte du numérique",
        "acronym": "SMN",
        "kind": Organisation.Kind.SYNDICAT_MIXTE,
        "siren": VALID_SIREN,
        "siret": "",
        "website": "https://www.exemple.fr",
        "description": "Un syndicat qui mutualise.",
        "territories": [territory("D25").pk],
    }
    data.update(overrides)
    return data


def post_organisation(client, **overrides):
    return client.post(reverse("partners:organisation_create"), organisation_data(**overrides))


@pytest.mark.django_db
def test_a_valid_organisation_is_created_with_spaces_removed_from_siren(admin_client):
    response = post_organisation(admin_client, siren="180 020 026", siret=siret_of(VALID_SIREN))
    assert response.status_code == 302
    organisation = Organisation.objects.get(acronym="SMN")
    assert organisation.siren == VALID_SIREN
    assert organisation.history.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("siren", "180020027", "la clé de contrôle ne correspond pas"),
        ("siren", "12345", "compte exactement 9 chiffres"),
        ("siret", "18002002600018", "la clé de contrôle ne correspond pas"),
        ("website", "pas une adresse", "Saisissez une adresse web complète"),
    ],
)
def test_bad_identifiers_and_urls_are_refused_next_to_the_field(admin_client, field, value, message):
    response = post_organisation(admin_client, **{field: value})
    assert response.status_code == 400
    html = response.content.decode()
    group = field_group(html, field)
    assert message in group
    assert f'value="{value}"' in group
    assert 'value="Syndicat mixte du numérique"' in html  # the rest of what was typed is kept
    assert not Organisation.objects.filter(acronym="SMN").exists()


@pytest.mark.django_db
def test_a_siret_of_another_siren_is_refused(admin_client):
    response = post_organisation(admin_client, siret=siret_of("775663313"))
    assert response.status_code == 400
    assert "ne commence pas par le SIREN" in field_group(response.content.decode(), "siret")


@pytest.mark.django_db
def test_a_duplicate_siren_names_the_existing_organisation(admin_client):
    OrganisationFactory(name="Caisse des dépôts", siren=VALID_SIREN)
    response = post_organisation(admin_client, siren="180 020 026")
    assert response.status_code == 400
    group = field_group(response.content.decode(), "siren")
    assert "Une organisation porte déjà ce SIREN : « Caisse des dépôts »" in group
    assert 'value="180 020 026"' in group
    assert Organisation.objects.filter(siren=VALID_SIREN).count() == 1


@pytest.mark.django_db
def test_an_unknown_territory_is_refused(admin_client):
    response = post_organisation(admin_client, territories=["999999"])
    assert response.status_code == 400
    assert "Ce territoire est inconnu" in field_group(response.content.decode(), "territories")


@pytest.mark.django_db
def test_a_territorial_admin_must_pick_a_territory_they_administer(admin_client):
    response = post_organisation(admin_client, territories=[territory("D59").pk])
    assert response.status_code == 400
    assert "au moins un territoire que vous administrez" in field_group(response.content.decode(), "territories")


@pytest.mark.django_db
def test_nul_bytes_are_refused_not_a_500(admin_client):
    response = post_organisation(admin_client, description="abc\x00def")
    assert response.status_code == 400
    assert "caractère nul" in field_group(response.content.decode(), "description")


@pytest.mark.django_db
def test_partnership_end_before_start_is_refused(admin_client):
    response = admin_client.post(
        reverse("partners:partnership_create"),
        {
            "title": "Convention à l'envers",
            "kind": "convention",
            "status": "draft",
            "territory": territory("R27").pk,
            "start_date": "2025-09-01",
            "end_date": "2024-09-01",
            "ambitions_text": "Partager\nEssaimer",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "La date de fin doit suivre la date de début." in field_group(html, "end_date")
    assert "Partager\nEssaimer" in html


@pytest.mark.django_db
def test_a_partnership_on_a_territory_not_administered_is_refused(admin_client):
    response = admin_client.post(
        reverse("partners:partnership_create"),
        {"title": "Ailleurs", "kind": "convention", "status": "draft", "territory": territory("R32").pk},
    )
    assert response.status_code == 400
    assert "administrez pas ce territoire" in field_group(response.content.decode(), "territory")
