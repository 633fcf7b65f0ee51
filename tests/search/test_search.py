"""Search: accent-insensitive (French full text on PostgreSQL, folded words on SQLite), within what
the visitor may see, with highlighted excerpts; the search page and the API parameter."""

import pytest
from django.urls import reverse

from commons_portal.search.backend import excerpt_html, fold
from commons_portal.search.query import search
from tests.factories import OrganisationFactory
from tests.utils import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def ecosystem():
    from partners.models import Commons

    return {
        "canope": OrganisationFactory(
            name="Réseau Canopé",
            acronym="Canopé",
            description="Opérateur public qui accompagne la gouvernance des communs numériques éducatifs.",
        ),
        "ville": OrganisationFactory(name="Ville de Dijon", description="Une commune de Côte-d'Or."),
        "commons": Commons.objects.create(
            name="La Forge des communs numériques éducatifs",
            slug="forge",
            description="Une forge logicielle où les enseignants partagent leurs ressources.",
        ),
    }


def titles(groups):
    return {group.source.key: [hit.title for hit in group.hits] for group in groups}


def test_fold():
    assert fold("Communs NUMÉRIQUES, Île-de-France") == "communs numeriques, ile-de-france"


def test_search_without_accents_finds_accented_words(ecosystem):
    found = titles(search(user=None, text="communs numeriques"))
    assert "La Forge des communs numériques éducatifs" in found["commons"]
    assert "Réseau Canopé (Canopé)" in found["organisations"]
    assert "Ville de Dijon" not in found["organisations"]


def test_search_gouvernance(ecosystem):
    found = titles(search(user=None, text="gouvernance"))
    assert found == {"organisations": ["Réseau Canopé (Canopé)"]}


def test_search_restricted_to_some_sources(ecosystem):
    assert set(titles(search(user=None, text="communs numeriques", source_keys=["commons"]))) == {"commons"}


def test_excerpts_are_escaped_and_highlighted(ecosystem):
    organisation = ecosystem["canope"]
    organisation.description = "<script>alert(1)</script> la gouvernance partagée"
    html = excerpt_html(organisation, ("name", "description"), "gouvernance")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>gouvernance</mark>" in html


def test_search_page(client, ecosystem):
    response = client.get(reverse("search:search"), {"q": "communs numeriques"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "La Forge des communs numériques éducatifs" in content
    assert "<mark>" in content


@pytest.mark.parametrize("query", [{"q": "a\x00b"}, {"q": "x" * 201}, {"sources": "nothing"}])
def test_search_page_bad_input(client, query):
    response = client.get(reverse("search:search"), query)
    assert response.status_code == 200
    assert "--error" in response.content.decode()


def test_search_page_queries_do_not_grow(client):
    def grow():
        for index in range(10):
            OrganisationFactory(name=f"Communs numériques {index}", description="gouvernance partagée")

    OrganisationFactory(name="Communs numériques", description="gouvernance")
    assert_queries_do_not_grow(lambda: client.get(reverse("search:search"), {"q": "communs"}), grow)


def test_api_search_parameter(client, ecosystem):
    response = client.get("/api/v1/organisations/", {"search": "communs numeriques"})
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["results"]] == ["Réseau Canopé"]


@pytest.fixture
def demo(settings):
    from django.core.management import call_command

    settings.DEMO_PASSWORD = "demo-commons"  # noqa: S105
    call_command("load_demo", verbosity=0)


def test_demo_data_gouvernance(demo):
    """Searching "gouvernance" in the demo data finds the governance programmes of the national and BFC
    roadmaps and the partners' governance convention."""
    found = titles(search(user=None, text="gouvernance"))
    assert any("Renforcer la gouvernance du numérique" in title for title in found["programmes"])
    assert any("gouvernance du numérique éducatif" in title for title in found["programmes"])
    assert "Gouvernance partagée du numérique à l'école de MACS" in found["partnerships"]


def test_demo_data_communs_numeriques_without_accents(demo):
    found = titles(search(user=None, text="communs numeriques"))
    assert "La Forge des communs numériques éducatifs" in found["commons"]
    assert any("Soutenir le développement des communs numériques" in title for title in found["programmes"])


def test_drafts_are_found_only_by_those_who_see_them(make_user):
    from tests.roadmaps.factories import RoadmapFactory

    RoadmapFactory(title="Gouvernance en brouillon")
    assert "roadmaps" not in titles(search(user=None, text="gouvernance"))
    editor = make_user("editor")
    assert titles(search(user=editor, text="gouvernance"))["roadmaps"] == ["Gouvernance en brouillon (v1)"]


def test_ranking_puts_title_matches_first():
    """PostgreSQL ranks a hit in the title (weight A) above one in the description (weight B)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("ranking is PostgreSQL's; the SQLite fallback keeps the list order")
    OrganisationFactory(name="Atelier du Jura", description="On y parle de gouvernance.")
    OrganisationFactory(name="Gouvernance partagée", description="Une association.")
    found = titles(search(user=None, text="gouvernance"))["organisations"]
    assert found == ["Gouvernance partagée", "Atelier du Jura"]


def test_stored_search_document_follows_edits_and_is_read_from_the_index():
    """On PostgreSQL the searched vector is a generated column (indexed with GIN): an edit is found at once,
    and the search reads the column instead of computing a vector for every row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commons_portal.search.backend import filter_by_text
    from partners.models import Organisation

    if connection.vendor != "postgresql":
        pytest.skip("the stored vector is PostgreSQL's; SQLite leaves the column empty")
    organisation = OrganisationFactory(name="Atelier du Jura", description="Une association.")
    assert not titles(search(user=None, text="mutualisation"))
    organisation.description = "Elle porte la mutualisation des ENT."
    organisation.save()
    assert titles(search(user=None, text="mutualisation"))["organisations"] == ["Atelier du Jura"]
    with CaptureQueriesContext(connection) as context:
        list(filter_by_text(Organisation.objects.all(), Organisation.SEARCH_FIELDS, "mutualisation"))
    (sql,) = [query["sql"] for query in context.captured_queries]
    assert "search_document" in sql and "to_tsvector" not in sql
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM partners_organisation "
            "WHERE search_document @@ websearch_to_tsquery('french_unaccent', 'mutualisation')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "organisation_search" in plan
