"""Axes, stakes, programmes, actions and indicators in the API: the permission matrix of their writes
(role × roadmap × action), a validated edition frozen, optimistic concurrency, bad input, renumbering
through the services, and lists whose query count does not grow."""

import pytest

from roadmaps.models import Action, Axis, GovernanceBody, Indicator, Objective, Phase, Programme, Stake
from tests.conftest import MATRIX_ROLES
from tests.factories import OrganisationFactory, territory
from tests.roadmaps.factories import (
    ActionFactory,
    AxisFactory,
    IndicatorFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    RoadmapFactory,
    StakeFactory,
)
from tests.utils import assert_queries_do_not_grow

from .conftest import etag_of, expect

pytestmark = pytest.mark.django_db


def _content(roadmap):
    axis = AxisFactory(roadmap=roadmap, number=1, position=0)
    programme = ProgrammeFactory(axis=axis, number=1, position=0)
    return {
        "axis": axis,
        "stake": StakeFactory(axis=axis),
        "programme": programme,
        "objective": ObjectiveFactory(programme=programme),
        "action": ActionFactory(programme=programme),
        "indicator": IndicatorFactory(roadmap=roadmap, programme=programme),
        "governance": GovernanceBody.objects.create(roadmap=roadmap, acronym=f"CODIR-{roadmap.pk}"),
        "phase": Phase.objects.create(roadmap=roadmap, number=1, title="Analyse"),
    }


@pytest.fixture
def roadmaps():
    return {
        "draft_bfc": _content(RoadmapFactory(title="Brouillon BFC")),
        "validated_bfc": _content(RoadmapFactory(title="Validée BFC", validated=True)),
        "draft_corse": _content(RoadmapFactory(title="Brouillon Corse", territory=territory("R94"))),
    }


# kind → (URL prefix, payload to create one under the objects of a roadmap, a change)
KINDS = {
    "axis": (
        "axes",
        lambda objects: {"roadmap": objects["axis"].roadmap.slug, "kind": "operationnel", "title": "Nouvel axe"},
        {"framing": "Cadrage revu"},
    ),
    "stake": ("stakes", lambda objects: {"axis": objects["axis"].pk, "text": "Un enjeu"}, {"text": "Enjeu revu"}),
    "programme": (
        "programmes",
        lambda objects: {"axis": objects["axis"].pk, "title": "Nouveau programme"},
        {"progress": 40},
    ),
    "objective": (
        "objectives",
        lambda objects: {"programme": objects["programme"].pk, "text": "Un objectif"},
        {"text": "Objectif revu"},
    ),
    "action": (
        "actions",
        lambda objects: {"programme": objects["programme"].pk, "what": "Former les référents"},
        {"how": "En ligne"},
    ),
    "indicator": (
        "indicators",
        lambda objects: {
            "roadmap": objects["axis"].roadmap.slug,
            "name": "Taux d'équipement",
            "unit": "percent",
            "baseline_value": "10",
            "baseline_date": "2024-09-01",
            "target_value": "60",
            "target_date": "2027-06-30",
        },
        {"source": "Enquête ETIC"},
    ),
    "governance": (
        "governance-bodies",
        lambda objects: {"roadmap": objects["axis"].roadmap.slug, "acronym": "COREA", "name": "Comité régional"},
        {"frequency": "Deux fois par an"},
    ),
    "phase": (
        "phases",
        lambda objects: {"roadmap": objects["axis"].roadmap.slug, "number": 2, "title": "Vision partagée"},
        {"title": "Analyse de l'existant"},
    ),
}
MOVABLE = [kind for kind in KINDS if kind != "phase"]

# Anonymous: 401. A draft's parts are a 404 (its parent an unknown id: 400) outside its territory; a
# validated edition is read by everyone and written by no one (403 with the reason).
MATRIX = [
    ("draft_bfc", "create", expect(401, 400, 201, 201, 201)),
    ("draft_bfc", "update", expect(401, 404, 200, 200, 200)),
    ("draft_bfc", "destroy", expect(401, 404, 204, 204, 204)),
    ("validated_bfc", "create", expect(401, 403, 403, 403, 403)),
    ("validated_bfc", "update", expect(401, 403, 403, 403, 403)),
    ("validated_bfc", "destroy", expect(401, 403, 403, 403, 403)),
    ("draft_corse", "create", expect(401, 400, 400, 400, 201)),
    ("draft_corse", "update", expect(401, 404, 404, 404, 200)),
    ("draft_corse", "destroy", expect(401, 404, 404, 404, 204)),
]


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize(("target", "action", "expected"), MATRIX, ids=lambda v: str(v)[:14])
def test_roadmap_part_matrix(kind, role, target, action, expected, users, roadmaps, api_for):
    prefix, payload, change = KINDS[kind]
    objects = roadmaps[target]
    client = api_for(users[role])
    if action == "create":
        response = client.post(f"/api/v1/{prefix}/", payload(objects), format="json")
    else:
        url = f"/api/v1/{prefix}/{objects[kind].pk}/"
        etag = etag_of(api_for(users["national_admin"]), url)
        if action == "update":
            response = client.patch(url, change, format="json", HTTP_IF_MATCH=etag)
        else:
            response = client.delete(url, HTTP_IF_MATCH=etag)
    assert response.status_code == expected[role], response.content
    assert response.status_code == 204 or response.json() is not None


@pytest.mark.parametrize("kind", list(KINDS))
def test_validated_edition_says_it_is_frozen(kind, users, roadmaps, api_for):
    prefix, payload, change = KINDS[kind]
    objects = roadmaps["validated_bfc"]
    client = api_for(users["editor"])
    url = f"/api/v1/{prefix}/{objects[kind].pk}/"
    response = client.patch(url, change, format="json", HTTP_IF_MATCH=etag_of(client, url))
    assert response.status_code == 403
    assert "validée" in response.json()["detail"]
    response = client.post(f"/api/v1/{prefix}/", payload(objects), format="json")
    assert response.status_code == 403
    assert "validée" in response.json()["detail"]
    assert client.get(url).json()["abilities"] == {"view": True, "change": False, "delete": False}


@pytest.mark.parametrize("kind", list(KINDS))
def test_writes_need_a_fresh_etag(kind, users, roadmaps, api_for):
    prefix, _payload, change = KINDS[kind]
    client = api_for(users["editor"])
    url = f"/api/v1/{prefix}/{roadmaps['draft_bfc'][kind].pk}/"
    assert client.patch(url, change, format="json").status_code == 428
    etag = etag_of(client, url)
    first = client.patch(url, change, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 2
    second = client.patch(url, change, format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    assert second.json()["current"]["version"] == 2
    assert client.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    assert client.delete(url, HTTP_IF_MATCH=first["ETag"]).status_code == 204


def test_axes_and_programmes_are_numbered_by_the_services(users, api_for):
    roadmap = RoadmapFactory()
    client = api_for(users["editor"])
    first = client.post("/api/v1/axes/", {"roadmap": roadmap.slug, "title": "Gouvernance"}, format="json").json()
    second = client.post(
        "/api/v1/axes/", {"roadmap": roadmap.slug, "title": "Usages", "kind": "structurant"}, format="json"
    ).json()
    assert (first["number"], second["number"]) == (1, 2)
    programmes = [
        client.post("/api/v1/programmes/", {"axis": axis["id"], "title": title}, format="json").json()
        for axis, title in ((second, "Dans le second axe"), (first, "Dans le premier axe"))
    ]
    assert [p["number"] for p in programmes] == [1, 1]
    numbers = dict(Programme.objects.filter(roadmap=roadmap).values_list("title", "number"))
    assert numbers == {"Dans le premier axe": 1, "Dans le second axe": 2}
    # Changing `axis` moves the programme to the end of that axis, renumbering the roadmap.
    url = f"/api/v1/programmes/{programmes[1]['id']}/"
    response = client.patch(url, {"axis": second["id"]}, format="json", HTTP_IF_MATCH=etag_of(client, url))
    assert response.status_code == 200, response.content
    assert (response.json()["axis"], response.json()["number"]) == (second["id"], 2)
    # Deleting the first axis renumbers the others.
    url = f"/api/v1/axes/{first['id']}/"
    assert client.delete(url, HTTP_IF_MATCH=etag_of(client, url)).status_code == 204
    assert Axis.objects.get(pk=second["id"]).number == 1


def test_many_to_many_fields_are_written(users, roadmaps, api_for):
    client = api_for(users["editor"])
    organisation = OrganisationFactory()
    programme = roadmaps["draft_bfc"]["programme"]
    url = f"/api/v1/programmes/{programme.pk}/"
    response = client.patch(
        url, {"lead_organisations": [organisation.pk]}, format="json", HTTP_IF_MATCH=etag_of(client, url)
    )
    assert response.status_code == 200, response.content
    assert list(programme.lead_organisations.all()) == [organisation]
    response = client.post(
        "/api/v1/axes/",
        {"roadmap": programme.roadmap.slug, "title": "Partenariats", "partners": [organisation.pk]},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["partners"] == [organisation.pk]


def _post(client, prefix, payload):
    return client.post(f"/api/v1/{prefix}/", payload, format="json")


def assert_field_error(response, field):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and field in body["errors"], body


@pytest.mark.parametrize(
    ("prefix", "payload", "field"),
    [
        ("axes", {"roadmap": "inconnue", "title": "A"}, "roadmap"),
        ("axes", {"roadmap": "x\x00y", "title": "A"}, "roadmap"),
        ("axes", {"roadmap": None, "title": "A"}, "roadmap"),
        ("axes", {"roadmap": "{draft}", "title": "A\x00B"}, "title"),
        ("axes", {"roadmap": "{draft}", "title": "A", "kind": "autre"}, "kind"),
        ("axes", {"roadmap": "{draft}", "title": "A", "weight": "1e400"}, "weight"),
        ("axes", {"roadmap": "{draft}", "title": "A", "partners": [10**20]}, "partners"),
        ("axes", {"roadmap": "{draft}", "title": "{axis_title}"}, "title"),
        ("stakes", {"axis": 10**20, "text": "E"}, "axis"),
        ("stakes", {"axis": "un", "text": "E"}, "axis"),
        ("stakes", {"axis": ["{axis}"], "text": "E"}, "axis"),
        ("stakes", {"axis": "{axis}"}, "text"),
        ("programmes", {"axis": "{axis}", "title": "P", "progress": 101}, "progress"),
        ("programmes", {"axis": "{axis}", "title": "P", "progress": 10**30}, "progress"),
        ("programmes", {"axis": "{axis}", "title": "P", "status": 3}, "status"),
        ("programmes", {"axis": "{corse_axis}", "title": "P"}, "axis"),
        ("actions", {"programme": "{programme}", "what": "A", "start_date": "2025-02-30"}, "start_date"),
        (
            "actions",
            {"programme": "{programme}", "what": "A", "start_date": "2025-09-01", "end_date": "2025-01-01"},
            "end_date",
        ),
        ("actions", {"programme": "{programme}", "what": "x" * 301}, "what"),
        ("governance-bodies", {"roadmap": "{draft}", "acronym": "{acronym}"}, "non_field_errors"),
        ("governance-bodies", {"roadmap": "{draft}"}, "acronym"),
        ("phases", {"roadmap": "{draft}", "number": 1, "title": "Doublon"}, "non_field_errors"),
        ("phases", {"roadmap": "{draft}", "number": 10**30, "title": "T"}, "number"),
        ("indicators", {"roadmap": "{draft}", "name": "I", "unit": "percent"}, "baseline_value"),
        (
            "indicators",
            {
                "roadmap": "{draft}",
                "programme": "{corse_programme}",
                "name": "I",
                "unit": "percent",
                "baseline_value": "1",
                "baseline_date": "2024-09-01",
                "target_value": "2",
                "target_date": "2025-09-01",
            },
            "programme",
        ),
        (
            "indicators",
            {
                "roadmap": "{draft}",
                "name": "I",
                "unit": "percent",
                "baseline_value": "10",
                "baseline_date": "2024-09-01",
                "target_value": "2",
                "target_date": "2025-09-01",
            },
            "target_value",
        ),
    ],
)
def test_bad_input_names_the_field(prefix, payload, field, users, roadmaps, api_for):
    draft, corse = roadmaps["draft_bfc"], roadmaps["draft_corse"]
    values = {
        "{draft}": draft["axis"].roadmap.slug,
        "{axis}": draft["axis"].pk,
        "{axis_title}": draft["axis"].title,
        "{acronym}": draft["governance"].acronym,
        "{programme}": draft["programme"].pk,
        "{corse_axis}": corse["axis"].pk,
        "{corse_programme}": corse["programme"].pk,
    }

    def fill(value):
        if isinstance(value, list):
            return [fill(item) for item in value]
        return values.get(value, value) if isinstance(value, str) else value

    payload = {key: fill(value) for key, value in payload.items()}
    assert_field_error(_post(api_for(users["editor"]), prefix, payload), field)


def test_a_part_does_not_change_parent(users, roadmaps, api_for):
    client = api_for(users["national_admin"])
    draft, corse = roadmaps["draft_bfc"], roadmaps["draft_corse"]
    for prefix, obj, change in (
        ("axes", draft["axis"], {"roadmap": corse["axis"].roadmap.slug}),
        ("stakes", draft["stake"], {"axis": corse["axis"].pk}),
        ("actions", draft["action"], {"programme": corse["programme"].pk}),
        ("indicators", draft["indicator"], {"roadmap": corse["axis"].roadmap.slug}),
        ("programmes", draft["programme"], {"axis": corse["axis"].pk}),
    ):
        url = f"/api/v1/{prefix}/{obj.pk}/"
        response = client.patch(url, change, format="json", HTTP_IF_MATCH=etag_of(client, url))
        assert_field_error(response, next(iter(change)))
    assert Stake.objects.get(pk=draft["stake"].pk).axis == draft["axis"]


@pytest.mark.parametrize(
    "prefix", ["axes", "stakes", "programmes", "objectives", "actions", "indicators", "governance-bodies", "phases"]
)
def test_unknown_and_huge_ids_are_404(prefix, users, api_for):
    client = api_for(users["national_admin"])
    for pk in ("987654", str(10**30), "abc"):
        response = client.get(f"/api/v1/{prefix}/{pk}/")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    response = client.patch(f"/api/v1/{prefix}/987654/", {}, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("prefix", "query", "field"),
    [
        ("stakes", {"axis": "abc"}, "axis"),
        ("stakes", {"axis": str(10**30)}, "axis"),
        ("programmes", {"axis": "{corse_axis}"}, "axis"),
        ("actions", {"programme": "{corse_programme}"}, "programme"),
        ("indicators", {"programme": "{corse_programme}"}, "programme"),
        ("axes", {"kind": "\x00"}, "kind"),
        ("actions", {"roadmap": "a\x00b"}, "roadmap"),
        ("actions", {"ordering": "created_by"}, None),
    ],
)
def test_filters_refuse_ids_of_what_one_does_not_see(prefix, query, field, users, roadmaps, api_for):
    corse = roadmaps["draft_corse"]
    values = {"{corse_axis}": str(corse["axis"].pk), "{corse_programme}": str(corse["programme"].pk)}
    query = {key: values.get(value, value) for key, value in query.items()}
    response = api_for(users["editor"]).get(f"/api/v1/{prefix}/", query)
    if field is None:
        assert response.status_code == 200
    else:
        assert_field_error(response, field)
    # The national administrator sees Corse's draft: its ids are valid filters.
    if "{corse" in str(query) or str(corse["axis"].pk) in query.values():
        assert api_for(users["national_admin"]).get(f"/api/v1/{prefix}/", query).status_code == 200


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("anonymous", {"Validée BFC"}),
        ("partner", {"Validée BFC"}),
        ("editor", {"Validée BFC", "Brouillon BFC"}),
        ("national_admin", {"Validée BFC", "Brouillon BFC", "Brouillon Corse"}),
    ],
)
@pytest.mark.parametrize(
    ("prefix", "model", "path"),
    [
        ("axes", Axis, "roadmap"),
        ("stakes", Stake, "axis__roadmap"),
        ("programmes", Programme, "roadmap"),
        ("objectives", Objective, "programme__roadmap"),
        ("actions", Action, "programme__roadmap"),
        ("indicators", Indicator, "roadmap"),
        ("governance-bodies", GovernanceBody, "roadmap"),
        ("phases", Phase, "roadmap"),
    ],
)
def test_lists_show_the_parts_of_visible_roadmaps(prefix, model, path, role, visible, users, roadmaps, api_for):
    response = api_for(users[role]).get(f"/api/v1/{prefix}/")
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["results"]}
    assert ids == set(model.objects.filter(**{f"{path}__title__in": visible}).values_list("pk", flat=True))


def _grow(roadmap):
    def grow():
        for _ in range(4):
            programme = ProgrammeFactory(axis=AxisFactory(roadmap=roadmap))
            programme.lead_organisations.add(OrganisationFactory())
            programme.axis.partners.add(OrganisationFactory())
            StakeFactory(axis=programme.axis)
            ActionFactory(programme=programme)
            ObjectiveFactory(programme=programme)
            IndicatorFactory(roadmap=roadmap, programme=programme)
            GovernanceBody.objects.create(roadmap=roadmap, acronym=f"C{programme.pk}")
            Phase.objects.create(roadmap=roadmap, number=programme.pk, title="Phase")

    return grow


@pytest.mark.parametrize(
    "prefix", ["axes", "stakes", "programmes", "objectives", "actions", "indicators", "governance-bodies", "phases"]
)
@pytest.mark.parametrize("role", ["anonymous", "editor", "national_admin"])
def test_part_lists_queries_do_not_grow(prefix, role, users, api_for):
    client = api_for(users[role])
    grow = _grow(RoadmapFactory(validated=True))
    grow_draft = _grow(RoadmapFactory())
    grow()
    grow_draft()
    url = f"/api/v1/{prefix}/"
    client.get(url)

    def grow_both():
        grow()
        grow_draft()

    assert_queries_do_not_grow(lambda: client.get(url), grow_both)


MOVE_MATRIX = [
    ("draft_bfc", expect(401, 404, 200, 200, 200)),
    ("validated_bfc", expect(401, 403, 403, 403, 403)),
    ("draft_corse", expect(401, 404, 404, 404, 200)),
]


@pytest.mark.parametrize("kind", MOVABLE)
@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize(("target", "expected"), MOVE_MATRIX, ids=lambda v: str(v)[:14])
def test_move_matrix(kind, role, target, expected, users, roadmaps, api_for):
    prefix = KINDS[kind][0]
    response = api_for(users[role]).post(
        f"/api/v1/{prefix}/{roadmaps[target][kind].pk}/move/", {"direction": "down"}, format="json"
    )
    assert response.status_code == expected[role], response.content


def test_moving_an_axis_renumbers_without_a_new_version(users, api_for):
    roadmap = RoadmapFactory()
    client = api_for(users["editor"])
    ids = [
        client.post("/api/v1/axes/", {"roadmap": roadmap.slug, "title": title}, format="json").json()["id"]
        for title in ("Premier", "Deuxième", "Troisième")
    ]
    etag = etag_of(client, f"/api/v1/axes/{ids[2]}/")
    response = client.post(f"/api/v1/axes/{ids[2]}/move/", {"position": 1}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["number"], response.json()["version"]) == (1, 1)
    assert list(Axis.objects.filter(roadmap=roadmap).order_by("number").values_list("pk", flat=True)) == [
        ids[2],
        ids[0],
        ids[1],
    ]
    # Its text did not change: an edit made from the copy read before the move still applies.
    url = f"/api/v1/axes/{ids[2]}/"
    assert client.patch(url, {"framing": "Cadrage"}, format="json", HTTP_IF_MATCH=etag).status_code == 200


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "direction"),
        ({"direction": "up", "position": 2}, "direction"),
        ({"direction": "sideways"}, "direction"),
        ({"position": 0}, "position"),
        ({"position": 10**30}, "position"),
        ({"position": 9}, "position"),
        ({"position": "deux"}, "position"),
        ({"direction": "up", "colour": "bleu"}, "colour"),
    ],
)
def test_move_bad_input(payload, field, users, roadmaps, api_for):
    axis = roadmaps["draft_bfc"]["axis"]
    response = api_for(users["editor"]).post(f"/api/v1/axes/{axis.pk}/move/", payload, format="json")
    assert_field_error(response, field)


@pytest.mark.parametrize("kind", list(KINDS))
def test_put_what_was_read_with_a_change(kind, users, roadmaps, api_for):
    """A full update (PUT) of the representation just read, with one field changed."""
    prefix, _payload, change = KINDS[kind]
    client = api_for(users["editor"])
    url = f"/api/v1/{prefix}/{roadmaps['draft_bfc'][kind].pk}/"
    read = client.get(url)
    response = client.put(url, {**read.json(), **change}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert response.status_code == 200, response.content
    assert {name: response.json()[name] for name in change} == change
