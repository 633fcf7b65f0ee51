"""The domain endpoints: visibility (visible_to), the permission matrix of their writes, no personal
data for anonymous readers, and query counts that do not grow."""

import pytest

from tests.conftest import MATRIX_ROLES
from tests.factories import OrganisationFactory, territory
from tests.partners.factories import CommonsFactory, PartnershipFactory
from tests.retex.factories import ReportFactory, SessionFactory
from tests.roadmaps.factories import IndicatorFactory, IndicatorValueFactory, ProgrammeFactory, RoadmapFactory
from tests.utils import assert_queries_do_not_grow

from .conftest import etag_of, expect

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmaps():
    draft_bfc = RoadmapFactory(title="Brouillon BFC")
    validated_bfc = RoadmapFactory(title="Feuille validée BFC", validated=True)
    draft_corse = RoadmapFactory(title="Brouillon Corse", territory=territory("R94"))
    return {
        "draft_bfc": IndicatorFactory(roadmap=draft_bfc),
        "validated_bfc": IndicatorFactory(roadmap=validated_bfc),
        "draft_corse": IndicatorFactory(roadmap=draft_corse),
    }


def slugs(response):
    assert response.status_code == 200, response.content
    return {item.get("slug", item.get("title")) for item in response.json()["results"]}


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("anonymous", {"Feuille validée BFC"}),
        ("partner", {"Feuille validée BFC"}),
        ("editor", {"Feuille validée BFC", "Brouillon BFC"}),
        ("national_admin", {"Feuille validée BFC", "Brouillon BFC", "Brouillon Corse"}),
    ],
)
def test_roadmaps_visible_to(role, visible, users, roadmaps, api_for):
    response = api_for(users[role]).get("/api/v1/roadmaps/")
    assert {item["title"] for item in response.json()["results"]} == visible
    response = api_for(users[role]).get("/api/v1/indicators/")
    assert {item["roadmap"] for item in response.json()["results"]} == {
        indicator.roadmap.slug for indicator in roadmaps.values() if indicator.roadmap.title in visible
    }


VALUE_MATRIX = [
    # (roadmap, action, anonymous, partner, editor, territorial admin, national admin)
    # An indicator of a draft one does not see is an unknown id (400 naming `indicator`), as a 404 would be.
    ("draft_bfc", "create", expect(401, 400, 201, 201, 201)),
    ("draft_bfc", "update", expect(401, 404, 200, 200, 200)),  # a partner does not see drafts
    ("draft_bfc", "destroy", expect(401, 404, 204, 204, 204)),
    ("validated_bfc", "create", expect(401, 403, 403, 403, 403)),
    ("validated_bfc", "update", expect(401, 403, 403, 403, 403)),
    ("draft_corse", "create", expect(401, 400, 400, 400, 201)),
    ("draft_corse", "update", expect(401, 404, 404, 404, 200)),
]


@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize(("target", "action", "expected"), VALUE_MATRIX, ids=lambda v: str(v)[:14])
def test_indicator_value_matrix(role, target, action, expected, users, roadmaps, api_for):
    client = api_for(users[role])
    indicator = roadmaps[target]
    if action == "create":
        response = client.post(
            "/api/v1/indicator-values/",
            {"indicator": indicator.pk, "school_year": 2025, "value": "42.5"},
            format="json",
        )
    else:
        value = IndicatorValueFactory(indicator=indicator)
        url = f"/api/v1/indicator-values/{value.pk}/"
        etag = etag_of(api_for(users["national_admin"]), url)
        if action == "update":
            response = client.patch(url, {"value": "55"}, format="json", HTTP_IF_MATCH=etag)
        else:
            response = client.delete(url, HTTP_IF_MATCH=etag)
    assert response.status_code == expected[role], response.content


def test_indicator_value_bad_input(users, roadmaps, api_for):
    client = api_for(users["editor"])
    url = "/api/v1/indicator-values/"
    indicator = roadmaps["draft_bfc"].pk
    cases = [
        ({"indicator": indicator, "value": "beaucoup", "school_year": 2025}, "value"),
        ({"indicator": indicator, "value": "1"}, "measured_on"),
        ({"indicator": 10**20, "value": "1", "school_year": 2025}, "indicator"),
        ({"indicator": indicator, "value": "1", "school_year": 10**20}, "school_year"),
        ({"indicator": indicator, "value": "1e400", "school_year": 2025}, "value"),
        ({"indicator": indicator, "value": "1", "school_year": 2025, "comment": "a\x00b"}, "comment"),
    ]
    for payload, field in cases:
        response = client.post(url, payload, format="json")
        assert response.status_code == 400, (payload, response.content)
        assert field in response.json()["errors"], (payload, response.json())


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("create", expect(401, 403, 201, 201, 201)),
        ("update", expect(401, 403, 200, 200, 200)),
        ("destroy", expect(401, 403, 403, 403, 204)),
    ],
)
@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_commons_matrix(role, action, expected, users, api_for):
    client = api_for(users[role])
    if action == "create":
        response = client.post("/api/v1/commons/", {"name": "Forge", "maturity": "production"}, format="json")
    else:
        url = f"/api/v1/commons/{CommonsFactory().pk}/"
        if action == "update":
            response = client.patch(url, {"licence": "EUPL-1.2"}, format="json", HTTP_IF_MATCH=etag_of(client, url))
        else:
            response = client.delete(url, HTTP_IF_MATCH=etag_of(client, url))
    assert response.status_code == expected[role], response.content


def test_reports_without_personal_data(users, api_for):
    published = ReportFactory(published=True, title="Publié")
    ReportFactory(title="Brouillon")
    body = api_for(None).get("/api/v1/experience-reports/").json()
    assert [item["title"] for item in body["results"]] == ["Publié"]
    assert "author" not in body["results"][0]
    assert published.author.email not in str(body)
    mine = api_for(published.author).get("/api/v1/experience-reports/").json()
    assert {item["title"] for item in mine["results"]} == {"Publié"}


def test_sessions_visible_to(users, api_for):
    SessionFactory(published=True, title="Publiée")
    SessionFactory(title="En cours")
    assert slugs(api_for(None).get("/api/v1/sessions/")) == {s for s in slugs(api_for(None).get("/api/v1/sessions/"))}
    assert [item["title"] for item in api_for(None).get("/api/v1/sessions/").json()["results"]] == ["Publiée"]
    titles = {item["title"] for item in api_for(users["editor"]).get("/api/v1/sessions/").json()["results"]}
    assert titles == {"Publiée", "En cours"}


GROWERS = {
    "/api/v1/roadmaps/": lambda: [IndicatorFactory(roadmap=RoadmapFactory(validated=True)) for _ in range(5)],
    "/api/v1/programmes/": lambda: [ProgrammeFactory() for _ in range(5)],
    "/api/v1/indicators/": lambda: [IndicatorFactory() for _ in range(5)],
    "/api/v1/indicator-values/": lambda: [IndicatorValueFactory() for _ in range(5)],
    "/api/v1/commons/": lambda: [CommonsFactory().steward_organisations.add(OrganisationFactory()) for _ in range(5)],
    "/api/v1/partnerships/": lambda: [PartnershipFactory() for _ in range(5)],
    "/api/v1/experience-reports/": lambda: [ReportFactory(published=True) for _ in range(5)],
    "/api/v1/events/": lambda: [SessionFactory(published=True) for _ in range(5)],
    "/api/v1/sessions/": lambda: [SessionFactory(published=True) for _ in range(5)],
}


@pytest.mark.parametrize("url", list(GROWERS))
@pytest.mark.parametrize("role", ["anonymous", "editor", "national_admin"])
def test_domain_lists_queries_do_not_grow(url, role, users, api_for):
    client = api_for(users[role])
    GROWERS[url]()
    client.get(url)
    assert_queries_do_not_grow(lambda: client.get(url), GROWERS[url])


def test_read_only_details_carry_an_etag(roadmaps, api_for):
    roadmap = roadmaps["validated_bfc"].roadmap
    response = api_for(None).get(f"/api/v1/roadmaps/{roadmap.slug}/")
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Link"] == '<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"'
