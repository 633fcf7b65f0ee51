"""Roadmaps written through the API with the pages' services and rules: the permission matrix (role ×
roadmap × action: create, update, delete, workflow steps, next version), refusals that say why,
optimistic concurrency, the workflow from a draft to the archives, and bad input named by its field."""

import pytest

from roadmaps.models import Axis, Programme, Roadmap
from tests.conftest import MATRIX_ROLES
from tests.factories import territory
from tests.roadmaps.factories import AxisFactory, RoadmapFactory, StakeFactory, roadmap_with_content

from .conftest import etag_of
from .conftest import expect as matrix_row

pytestmark = pytest.mark.django_db

OTHER_EDITOR = "other_editor"  # an editor of Corse (R94), not of Bourgogne-Franche-Comté (R27)
ROLES = (*MATRIX_ROLES[:3], OTHER_EDITOR, *MATRIX_ROLES[3:])


def expect(*statuses):
    return matrix_row(*statuses, roles=ROLES)


@pytest.fixture
def people(users, make_user):
    return {**users, OTHER_EDITOR: make_user("editor", territory_code="R94")}


@pytest.fixture
def roadmaps():
    return {
        "draft_bfc": RoadmapFactory(title="Brouillon BFC"),
        "in_review_bfc": RoadmapFactory(title="En relecture BFC", status=Roadmap.Status.IN_REVIEW),
        "validated_bfc": RoadmapFactory(title="Validée BFC", validated=True),
        "archived_bfc": RoadmapFactory(title="Archivée BFC", status=Roadmap.Status.ARCHIVED),
        "draft_corse": RoadmapFactory(title="Brouillon Corse", territory=territory("R94")),
    }


def _create(territory_code):
    return {"territory": territory_code, "title": "Nouvelle feuille", "period_start": 2025, "period_end": 2028}


# Anonymous: 401. Another territory's draft is an unknown slug (404); a published roadmap is read by
# everyone, so refusing to write it is a 403 (with the reason for those who write for its territory).
MATRIX = [
    ("create", "R27", expect(401, 403, 201, 403, 201, 201)),
    ("create", "R94", expect(401, 403, 403, 201, 403, 201)),
    ("update", "draft_bfc", expect(401, 404, 200, 404, 200, 200)),
    ("update", "in_review_bfc", expect(401, 404, 200, 404, 200, 200)),
    ("update", "validated_bfc", expect(401, 403, 403, 403, 403, 403)),
    ("update", "draft_corse", expect(401, 404, 404, 200, 404, 200)),
    ("destroy", "draft_bfc", expect(401, 404, 204, 404, 204, 204)),
    ("destroy", "in_review_bfc", expect(401, 404, 403, 404, 403, 403)),
    ("destroy", "validated_bfc", expect(401, 403, 403, 403, 403, 403)),
    ("destroy", "draft_corse", expect(401, 404, 404, 204, 404, 204)),
    ("submit", "draft_bfc", expect(401, 404, 200, 404, 200, 200)),
    ("submit", "in_review_bfc", expect(401, 404, 403, 404, 403, 403)),
    ("submit", "draft_corse", expect(401, 404, 404, 200, 404, 200)),
    ("reopen", "in_review_bfc", expect(401, 404, 200, 404, 200, 200)),
    ("reopen", "draft_bfc", expect(401, 404, 403, 404, 403, 403)),
    ("reopen", "validated_bfc", expect(401, 403, 403, 403, 403, 403)),
    ("validate", "draft_bfc", expect(401, 404, 200, 404, 200, 200)),
    ("validate", "in_review_bfc", expect(401, 404, 200, 404, 200, 200)),
    ("validate", "validated_bfc", expect(401, 403, 403, 403, 403, 403)),
    ("validate", "draft_corse", expect(401, 404, 404, 200, 404, 200)),
    ("archive", "validated_bfc", expect(401, 403, 200, 403, 200, 200)),
    ("archive", "archived_bfc", expect(401, 403, 403, 403, 403, 403)),
    ("archive", "draft_bfc", expect(401, 404, 403, 404, 403, 403)),
    ("new-version", "validated_bfc", expect(401, 403, 201, 403, 201, 201)),
    ("new-version", "draft_bfc", expect(401, 404, 201, 404, 201, 201)),
    ("new-version", "draft_corse", expect(401, 404, 404, 201, 404, 201)),
]


def _request(client, action, target, roadmaps, admin):
    if action == "create":
        return client.post("/api/v1/roadmaps/", _create(target), format="json")
    roadmap = roadmaps[target]
    url = f"/api/v1/roadmaps/{roadmap.slug}/"
    if action == "update":
        return client.patch(url, {"title": "Titre revu"}, format="json", HTTP_IF_MATCH=etag_of(admin, url))
    if action == "destroy":
        return client.delete(url, HTTP_IF_MATCH=etag_of(admin, url))
    return client.post(f"{url}{action}/", format="json")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "target", "expected"), MATRIX, ids=lambda v: str(v)[:14])
def test_roadmap_write_matrix(role, action, target, expected, people, roadmaps, api_for):
    admin = api_for(people["national_admin"])
    response = _request(api_for(people[role]), action, target, roadmaps, admin)
    assert response.status_code == expected[role], response.content
    if response.status_code == 204:
        assert not Roadmap.objects.filter(pk=roadmaps[target].pk).exists()
        return
    body = response.json()
    if response.status_code in (200, 201):
        assert "ETag" in response
        assert body["version"] >= 1
    else:
        assert body["code"] and body["detail"]
        assert Roadmap.objects.filter(title="Titre revu").count() == 0


def test_created_roadmap_is_a_draft_of_its_territory(users, api_for):
    response = api_for(users["editor"]).post("/api/v1/roadmaps/", _create("A03"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["territory"], body["status"], body["edition"], body["parent"]) == ("A03", "draft", 1, None)
    assert body["abilities"] == {"view": True, "change": True, "delete": True}
    roadmap = Roadmap.objects.get(slug=body["slug"])
    assert roadmap.created_by == users["editor"]
    assert roadmap.history.first().history_user == users["editor"]


def test_a_roadmap_declines_the_national_one(users, api_for):
    national = RoadmapFactory(national=True, validated=True)
    axis = AxisFactory(roadmap=national, number=1, position=0)
    StakeFactory(axis=axis, text="Un enjeu national")
    response = api_for(users["editor"]).post(
        "/api/v1/roadmaps/", {**_create("R27"), "national": national.slug}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["parent"] == national.slug
    assert "national" not in response.json()
    copy = Axis.objects.get(roadmap__slug=response.json()["slug"])
    assert (copy.national_axis, copy.title) == (axis, axis.title)
    assert [stake.text for stake in copy.stakes.all()] == ["Un enjeu national"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "A\x00B"}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 251}, "title"),
        ({"title": ["liste"]}, "title"),
        ({"territory": "ZZ99"}, "territory"),
        ({"territory": "R2\x007"}, "territory"),
        ({"territory": 27}, "territory"),
        ({"territory": None}, "territory"),
        ({"period_start": 10**30}, "period_start"),
        ({"period_start": "deux mille"}, "period_start"),
        ({"period_start": 1999}, "period_start"),
        ({"period_end": 2101}, "period_end"),
        ({"period_start": 2026, "period_end": 2025}, "period_end"),
        ({"national": "inconnue"}, "national"),
        ({"national": "{draft}"}, "national"),
        ({"national": "{regional}"}, "national"),
        ({"status": "validated", "colour": "bleu"}, "colour"),
        ({"introduction": "Une introduction"}, None),
    ],
)
def test_create_bad_input_names_the_field(payload, field, users, roadmaps, api_for):
    national_draft = RoadmapFactory(national=True)
    values = {"{draft}": national_draft.slug, "{regional}": roadmaps["validated_bfc"].slug}
    payload = {key: values.get(value, value) if isinstance(value, str) else value for key, value in payload.items()}
    response = api_for(users["editor"]).post("/api/v1/roadmaps/", {**_create("R27"), **payload}, format="json")
    if field is None:  # a read-only field at creation: ignored, like on the page's form
        assert response.status_code == 201, response.content
        assert response.json()["introduction"] == ""
        return
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and field in body["errors"], body


def test_create_refuses_malformed_json(users, api_for):
    response = api_for(users["editor"]).post("/api/v1/roadmaps/", "{", content_type="application/json")
    assert response.status_code == 400
    assert "body" in response.json()["errors"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "A\x00B"}, "title"),
        ({"title": ""}, "title"),
        ({"period_end": 2020}, "period_end"),
        ({"period_start": 10**30}, "period_start"),
        ({"period_end": True}, "period_end"),
        ({"conclusion": {"texte": "non"}}, "conclusion"),
        ({"edition": 3, "colour": "bleu"}, "colour"),
    ],
)
def test_update_bad_input_names_the_field(payload, field, users, roadmaps, api_for):
    client = api_for(users["editor"])
    url = f"/api/v1/roadmaps/{roadmaps['draft_bfc'].slug}/"
    response = client.patch(url, payload, format="json", HTTP_IF_MATCH=etag_of(client, url))
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and field in body["errors"], body


def test_status_changes_only_through_the_workflow(users, roadmaps, api_for):
    client = api_for(users["editor"])
    url = f"/api/v1/roadmaps/{roadmaps['draft_bfc'].slug}/"
    response = client.patch(
        url,
        {"status": "validated", "territory": "R94", "introduction": "Intro"},
        format="json",
        HTTP_IF_MATCH=etag_of(client, url),
    )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["territory"]) == ("draft", "R27")
    assert response.json()["introduction"] == "Intro"


def test_put_what_was_read_with_a_change(users, roadmaps, api_for):
    client = api_for(users["editor"])
    url = f"/api/v1/roadmaps/{roadmaps['in_review_bfc'].slug}/"
    read = client.get(url)
    response = client.put(url, {**read.json(), "conclusion": "Conclusion"}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert response.status_code == 200, response.content
    assert (response.json()["conclusion"], response.json()["version"]) == ("Conclusion", 2)


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_writes_need_a_fresh_etag(method, users, roadmaps, api_for):
    client = api_for(users["editor"])
    url = f"/api/v1/roadmaps/{roadmaps['draft_bfc'].slug}/"
    read = client.get(url)
    payload = {**read.json(), "title": "Titre revu"} if method != "delete" else None
    send = getattr(client, method)
    response = send(url, payload, format="json")
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    # Workflow steps change the version: the ETag read before them is stale.
    assert client.post(f"{url}submit/").status_code == 200
    assert client.post(f"{url}reopen/").status_code == 200
    response = send(url, payload, format="json", HTTP_IF_MATCH=read["ETag"])
    assert response.status_code == 412
    assert response.json()["current"]["version"] == 3
    assert response["ETag"] != read["ETag"]
    response = send(url, payload, format="json", HTTP_IF_MATCH=response["ETag"])
    assert response.status_code == (204 if method == "delete" else 200), response.content


@pytest.mark.parametrize(
    ("action", "target", "reason"),
    [
        ("update", "validated_bfc", "elle ne peut plus être modifiée"),
        ("destroy", "validated_bfc", "Seul un brouillon peut être supprimé"),
        ("destroy", "in_review_bfc", "« En relecture »"),
        ("submit", "in_review_bfc", "« En relecture »"),
        ("reopen", "draft_bfc", "« Brouillon »"),
        ("validate", "validated_bfc", "« Validée »"),
        ("archive", "draft_bfc", "« Brouillon »"),
        ("archive", "archived_bfc", "« Archivée »"),
    ],
)
def test_refusals_say_why(action, target, reason, users, roadmaps, api_for):
    """Those who write for the territory are told why a step is refused (the roadmap's status)."""
    client = api_for(users["editor"])
    response = _request(client, action, target, roadmaps, client)
    assert response.status_code == 403, response.content
    assert reason in response.json()["detail"]
    assert Roadmap.objects.get(pk=roadmaps[target].pk).status == roadmaps[target].status


def test_others_are_told_nothing_more(users, roadmaps, api_for):
    response = api_for(users["partner"]).post(f"/api/v1/roadmaps/{roadmaps['validated_bfc'].slug}/archive/")
    assert response.status_code == 403
    assert "Validée" not in response.json()["detail"]


def test_a_frozen_edition_refuses_writes(users, roadmaps, api_for):
    client = api_for(users["editor"])
    validated = roadmaps["validated_bfc"]
    url = f"/api/v1/roadmaps/{validated.slug}/"
    assert client.get(url).json()["abilities"] == {"view": True, "change": False, "delete": False}
    response = client.put(url, {**client.get(url).json(), "title": "Autre"}, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 403
    assert "validée" in response.json()["detail"]
    assert Roadmap.objects.get(pk=validated.pk).title == "Validée BFC"


def test_the_workflow_from_a_draft_to_the_archives(users, api_for):
    client = api_for(users["editor"])
    first = client.post("/api/v1/roadmaps/", _create("R27"), format="json").json()
    url = f"/api/v1/roadmaps/{first['slug']}/"
    statuses = [client.post(f"{url}{step}/").json()["status"] for step in ("submit", "reopen", "submit", "validate")]
    assert statuses == ["in_review", "draft", "in_review", "validated"]
    roadmap = Roadmap.objects.get(slug=first["slug"])
    assert (roadmap.validated_by, roadmap.status_changed_by) == (users["editor"], users["editor"])
    # The next version: a copy of the content, drafted once however many times it is asked for.
    axis = AxisFactory(roadmap=roadmap, number=1, position=0)
    created = client.post(f"{url}new-version/")
    assert created.status_code == 201, created.content
    again = client.post(f"{url}new-version/")
    assert again.status_code == 200
    second = created.json()
    assert again.json()["slug"] == second["slug"]
    assert (second["edition"], second["previous_version"], second["status"]) == (2, first["slug"], "draft")
    assert Axis.objects.get(roadmap__slug=second["slug"]).title == axis.title
    # Validating it archives the version it replaces.
    assert client.post(f"/api/v1/roadmaps/{second['slug']}/validate/").status_code == 200
    assert client.get(url).json()["status"] == "archived"
    assert client.post(f"{url}archive/").status_code == 403


def test_deleting_a_draft_deletes_its_content(users, api_for):
    roadmap = roadmap_with_content(axes=2, programmes=2)
    client = api_for(users["territorial_admin"])
    url = f"/api/v1/roadmaps/{roadmap.slug}/"
    assert client.delete(url, HTTP_IF_MATCH=etag_of(client, url)).status_code == 204
    assert not Programme.objects.filter(roadmap_id=roadmap.pk).exists()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("step", ["submit", "reopen", "validate", "archive", "new-version"])
def test_unknown_slugs_are_404(step, users, api_for):
    client = api_for(users["national_admin"])
    for slug in ("inconnue", "x" * 300):
        response = client.post(f"/api/v1/roadmaps/{slug}/{step}/")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert client.get("/api/v1/roadmaps/x/y/").status_code == 404
