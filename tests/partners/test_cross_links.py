"""Programmes and RETEX seen from the partner pages and the graph: only what the visitor may see."""

import pytest
from django.urls import reverse

from partners.ecosystem import graph_data
from tests.factories import OrganisationFactory
from tests.retex.factories import ReportFactory
from tests.roadmaps.factories import ProgrammeFactory, RoadmapFactory

from .factories import CommonsFactory


@pytest.mark.django_db
def test_organisation_page_lists_published_retex_only(client):
    draft = ReportFactory(title="Brouillon confidentiel")
    organisation = draft.organisation
    ReportFactory(title="Retour publié", published=True, organisation=organisation)
    html = client.get(reverse("partners:organisation_detail", args=[organisation.slug])).content.decode()
    assert "Retour publié" in html
    assert "Brouillon confidentiel" not in html


@pytest.mark.django_db
def test_programmes_of_draft_roadmaps_stay_hidden_from_the_public(client):
    lead, contributor = OrganisationFactory(), OrganisationFactory()
    published = ProgrammeFactory(axis__roadmap=RoadmapFactory(validated=True), title="Programme publié")
    draft = ProgrammeFactory(title="Programme en brouillon")
    lead.led_programmes.add(published, draft)
    contributor.contributed_programmes.add(published, draft)

    html = client.get(reverse("partners:organisation_detail", args=[lead.slug])).content.decode()
    assert "Programme publié" in html
    assert "Programme en brouillon" not in html

    edges = graph_data().edges
    assert len(edges) == 1
    assert edges[0].description == "Programme : Programme publié"


@pytest.mark.django_db
def test_a_published_retex_on_a_commons_links_its_organisation_to_the_stewards():
    steward = OrganisationFactory(name="Gardien du commun")
    commons = CommonsFactory()
    commons.steward_organisations.add(steward)
    report = ReportFactory(title="Nous avons adopté le commun", published=True)
    report.commons.add(commons)
    ReportFactory(title="Brouillon").commons.add(commons)

    data = graph_data()
    assert {node.organisation.pk for node in data.nodes} == {steward.pk, report.organisation.pk}
    assert data.edges[0].description == "RETEX : Nous avons adopté le commun"
