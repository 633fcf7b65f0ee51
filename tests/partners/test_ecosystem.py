"""The map (figures per région académique) and the graph (who works with whom), and the demo data."""

import re

import pytest
from django.urls import reverse

from partners import links
from partners.demo import load_demo
from partners.ecosystem import graph_data, map_data, region_shapes
from partners.models import Commons, CommonsAdoption, Organisation, Partnership
from tests.factories import OrganisationFactory, territory

from .factories import CommonsAdoptionFactory, PartnershipFactory


def test_the_shape_set_covers_the_13_metropolitan_regions_with_insee_codes():
    shapes = region_shapes()["shapes"]
    assert sorted(shapes) == sorted(["84", "27", "53", "24", "94", "44", "32", "11", "28", "75", "76", "52", "93"])
    assert "CC BY-NC 4.0" in region_shapes()["licence"]


@pytest.mark.django_db
def test_map_counts_organisations_and_commons_per_region():
    OrganisationFactory(territories=[territory("D25")])  # Doubs, in Bourgogne-Franche-Comté
    OrganisationFactory(territories=[territory("R27"), territory("A03")])  # counted once
    OrganisationFactory(territories=[territory("national")])
    CommonsAdoptionFactory(territory=territory("D21"))
    data = map_data()
    figures = {figure.territory.code: figure for figure in data.regions}
    assert len(figures) == 18
    assert (figures["R27"].organisations, figures["R27"].commons) == (2, 1)
    assert figures["R32"].organisations == 0
    assert data.national_organisations == 1
    assert figures["R27"].level == 5 and figures["R32"].level == 0
    # Every région is drawn: a path from the shape set, or an inset box overseas.
    assert all(figure.path or figure.box for figure in data.regions)


@pytest.mark.django_db
def test_the_map_page_links_every_region_and_has_the_same_figures_in_a_table(client):
    OrganisationFactory(territories=[territory("D25")])
    html = client.get(reverse("partners:map")).content.decode()
    region_links = re.findall(
        r'<a href="/partenaires/\?territory=(R\d+)" class="partners-map__region"\s+aria-label="([^"]+)"', html
    )
    assert len(region_links) == 18
    assert ("R27", "Bourgogne-Franche-Comté : 1 organisations, 0 communs adoptés") in region_links
    assert '<th scope="row">Bourgogne-Franche-Comté</th>' in html
    assert "CC BY-NC 4.0" in html
    assert "http://" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org/2000/svg", "")


@pytest.mark.django_db
def test_the_graph_links_parties_of_a_convention_and_filters():
    region = OrganisationFactory(name="Région A", kind=Organisation.Kind.REGION, territories=[territory("R27")])
    commune = OrganisationFactory(name="Commune B", territories=[territory("D25")])
    faraway = OrganisationFactory(name="Commune C", territories=[territory("D59")])
    OrganisationFactory(name="Seule")  # no link: not drawn
    PartnershipFactory(title="Convention AB", parties=[region, commune])
    PartnershipFactory(title="Convention BC", parties=[commune, faraway])

    data = graph_data()
    assert {node.organisation.name for node in data.nodes} == {"Région A", "Commune B", "Commune C"}
    assert len(data.edges) == 2
    # A deterministic layout: the same data draws the same picture.
    assert [(n.x, n.y) for n in graph_data().nodes] == [(n.x, n.y) for n in data.nodes]

    in_bfc = graph_data(territory=territory("R27"))
    assert {node.organisation.name for node in in_bfc.nodes} == {"Région A", "Commune B"}
    communes = graph_data(kind=Organisation.Kind.COMMUNE)
    assert {node.organisation.name for node in communes.nodes} == {"Commune B", "Commune C"}


@pytest.mark.django_db
def test_the_graph_page_has_a_text_alternative(client):
    a, b = OrganisationFactory(name="Région A"), OrganisationFactory(name="Commune B")
    PartnershipFactory(title="Convention AB", parties=[a, b])
    html = client.get(reverse("partners:graph")).content.decode()
    assert 'role="img"' in html and '<title id="graph-title">' in html
    text_alternative = html.split("Les liens, organisation par organisation", 1)[1]
    assert "Région A" in text_alternative and "Commune B" in text_alternative
    assert 'Convention : <a href="/partenaires/conventions/' in text_alternative


@pytest.mark.django_db
def test_other_apps_add_links_through_a_provider():
    a, b = OrganisationFactory(name="A"), OrganisationFactory(name="B")

    def retex_links():
        return [links.OrganisationLink(source=a.pk, target=b.pk, kind="RETEX", title="Retour partagé")]

    links.register_link_provider("test-retex", retex_links)
    try:
        data = graph_data()
    finally:
        links._providers.pop("test-retex")
    assert len(data.edges) == 1
    assert data.edges[0].description == "RETEX : Retour partagé"


@pytest.mark.django_db
def test_demo_data_is_loaded_once_from_the_seeds():
    # As the kernel's demo accounts leave it: the demo partner belongs to it.
    OrganisationFactory(slug="reseau-canope", name="Réseau Canopé", kind=Organisation.Kind.PUBLIC_OPERATOR)
    load_demo()
    counts = (
        Organisation.objects.count(),
        Partnership.objects.count(),
        Commons.objects.count(),
        CommonsAdoption.objects.count(),
    )
    load_demo()
    assert (
        Organisation.objects.count(),
        Partnership.objects.count(),
        Commons.objects.count(),
        CommonsAdoption.objects.count(),
    ) == counts

    committee = Partnership.objects.get(slug="comite-des-partenaires-du-numerique-pour-l-education")
    assert committee.parties.count() == 11
    assert committee.ambitions.count() == 9
    assert committee.ambitions.first().text.startswith("Faire comprendre les enjeux")
    assert {
        "gouvernance-partagee-macs",
        "somme-numerique-service-mutualise",
        "region-numerique-nord-pas-de-calais",
    } <= set(Partnership.objects.values_list("slug", flat=True))
    assert Organisation.objects.get(slug="reseau-canope").territories.filter(code="national").exists()
    assert CommonsAdoption.objects.values("territory").distinct().count() >= 5
