"""The workshop records of a session in the API (diagnostic rows, projections, action plan items,
flagship proposal): read by whoever sees the session, written by those who record it (its facilitators
and the editors of its event's territory), through the RETEX services, with the session's counter as
ETag; bad input named by field; lists whose query count does not grow."""

import pytest

from retex.models import ActionPlanItem, DiagnosticRow, FlagshipProposal, Projection, TraceLink
from tests.conftest import MATRIX_ROLES
from tests.factories import UserFactory, territory
from tests.retex.factories import (
    ActionPlanItemFactory,
    DiagnosticRowFactory,
    EventFactory,
    ProjectionFactory,
    ReportFactory,
    SessionFactory,
)
from tests.utils import assert_queries_do_not_grow

from .conftest import etag_of, expect

pytestmark = pytest.mark.django_db


def _records(session):
    return {
        "diagnostic": DiagnosticRowFactory(session=session),
        "projection": ProjectionFactory(session=session),
        "action": ActionPlanItemFactory(session=session),
        "flagship": FlagshipProposal.objects.create(session=session, summary="Une forge académique"),
    }


@pytest.fixture
def sessions():
    return {
        "draft_bfc": _records(SessionFactory(event=EventFactory(territory=territory("R27")))),
        "published_bfc": _records(SessionFactory(event=EventFactory(territory=territory("R27")), published=True)),
        "draft_corse": _records(SessionFactory(event=EventFactory(territory=territory("R94")))),
    }


# kind → (URL prefix, payload without the session, a change)
KINDS = {
    "diagnostic": ("diagnostic-rows", {"pain_points": "Réseau lent", "theme": 1}, {"strengths": "Entraide"}),
    "projection": (
        "projections",
        {"pain_point": "Réseau lent", "need": "Débit", "lever": "Plan fibre"},
        {"need": "Un débit suffisant"},
    ),
    "action": (
        "action-plan-items",
        {"what": "Fibrer les collèges", "how": "Marché", "who": "Département", "when": "2026"},
        {"when": "2027"},
    ),
    "flagship": ("flagship-proposals", {"summary": "Une forge"}, {"effort": "high"}),
}

MATRIX = [
    # An unpublished restitution: a 404 (its session an unknown slug: 400) for who does not record it.
    ("draft_bfc", "retrieve", expect(404, 404, 200, 200, 200)),
    ("draft_bfc", "create", expect(401, 400, 201, 201, 201)),
    ("draft_bfc", "update", expect(401, 404, 200, 200, 200)),
    ("draft_bfc", "destroy", expect(401, 404, 204, 204, 204)),
    # A published restitution: read by everyone, written by the same people.
    ("published_bfc", "retrieve", expect(200, 200, 200, 200, 200)),
    ("published_bfc", "create", expect(401, 403, 201, 201, 201)),
    ("published_bfc", "update", expect(401, 403, 200, 200, 200)),
    ("published_bfc", "destroy", expect(401, 403, 204, 204, 204)),
    # Another territory's session: out of reach but for the national administrator.
    ("draft_corse", "retrieve", expect(404, 404, 404, 404, 200)),
    ("draft_corse", "create", expect(401, 400, 400, 400, 201)),
    ("draft_corse", "update", expect(401, 404, 404, 404, 200)),
    ("draft_corse", "destroy", expect(401, 404, 404, 404, 204)),
]


def _act(client, kind, action, records, etag_client):
    prefix, payload, change = KINDS[kind]
    record = records[kind]
    if action == "create":
        if kind == "flagship":
            record.delete()  # one per session
        return client.post(f"/api/v1/{prefix}/", {**payload, "session": record.session.slug}, format="json")
    url = f"/api/v1/{prefix}/{record.pk}/"
    if action == "retrieve":
        return client.get(url)
    etag = etag_of(etag_client, url)
    if action == "update":
        return client.patch(url, change, format="json", HTTP_IF_MATCH=etag)
    return client.delete(url, HTTP_IF_MATCH=etag)


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize(("target", "action", "expected"), MATRIX, ids=lambda v: str(v)[:14])
def test_session_record_matrix(kind, role, target, action, expected, users, sessions, api_for):
    response = _act(api_for(users[role]), kind, action, sessions[target], api_for(users["national_admin"]))
    assert response.status_code == expected[role], response.content


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("action", ["retrieve", "create", "update", "destroy"])
def test_a_facilitator_records_a_session_of_another_territory(kind, action, users, sessions, api_for):
    """A partner facilitating Corse's session records it; another partner does not even see it."""
    records = sessions["draft_corse"]
    facilitator = UserFactory(partner=True)
    records[kind].session.facilitators.add(facilitator)
    expected = {"retrieve": 200, "create": 201, "update": 200, "destroy": 204}[action]
    assert _act(api_for(facilitator), kind, action, records, api_for(facilitator)).status_code == expected
    stranger = UserFactory(partner=True)
    other = _records(SessionFactory(event=records[kind].session.event, facilitators=[facilitator]))
    response = _act(api_for(stranger), kind, action, other, api_for(users["national_admin"]))
    assert response.status_code == {"retrieve": 404, "create": 400, "update": 404, "destroy": 404}[action]


@pytest.mark.parametrize("kind", list(KINDS))
def test_any_change_of_the_restitution_moves_the_etag(kind, users, sessions, api_for):
    """Records share their session's counter, like the session's forms: a second writer is told."""
    prefix, _payload, change = KINDS[kind]
    records = sessions["draft_bfc"]
    client = api_for(users["editor"])
    url = f"/api/v1/{prefix}/{records[kind].pk}/"
    assert client.patch(url, change, format="json").status_code == 428
    etag = etag_of(client, url)
    # Someone else changes another record of the same session.
    other = "diagnostic" if kind != "diagnostic" else "projection"
    other_url = f"/api/v1/{KINDS[other][0]}/{records[other].pk}/"
    admin = api_for(users["territorial_admin"])
    first = admin.patch(other_url, KINDS[other][2], format="json", HTTP_IF_MATCH=etag_of(admin, other_url))
    assert first.status_code == 200, first.content
    stale = client.patch(url, change, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412, stale.content
    assert stale.json()["current"]["id"] == records[kind].pk
    assert client.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    fresh = client.patch(url, change, format="json", HTTP_IF_MATCH=stale["ETag"])
    assert fresh.status_code == 200, fresh.content
    assert fresh["ETag"] != stale["ETag"]


def test_the_chain_is_kept_as_trace_links(users, api_for):
    session = SessionFactory()
    report = ReportFactory(published=True, territory=territory("A03"))
    client = api_for(users["editor"])
    row = client.post(
        "/api/v1/diagnostic-rows/",
        {"session": session.slug, "report": report.pk, "pain_points": "Irritant"},
        format="json",
    ).json()
    projection = client.post(
        "/api/v1/projections/",
        {"session": session.slug, "source": row["id"], "pain_point": "Irritant", "need": "Besoin", "lever": "Levier"},
        format="json",
    ).json()
    item = client.post(
        "/api/v1/action-plan-items/",
        {"session": session.slug, "source": projection["id"], "what": "Quoi", "how": "C", "who": "Q", "when": "2026"},
        format="json",
    ).json()
    assert "source" not in projection
    kinds = set(TraceLink.objects.values_list("kind", "source_id", "target_id"))
    assert kinds == {
        (TraceLink.Kind.DIAGNOSED, report.pk, row["id"]),
        (TraceLink.Kind.PROJECTED, row["id"], projection["id"]),
        (TraceLink.Kind.PLANNED, projection["id"], item["id"]),
    }
    assert [DiagnosticRow.objects.get().position, ActionPlanItem.objects.get().position] == [1, 1]
    url = f"/api/v1/projections/{projection['id']}/"
    assert client.delete(url, HTTP_IF_MATCH=etag_of(client, url)).status_code == 204
    assert not TraceLink.objects.filter(kind=TraceLink.Kind.PROJECTED).exists()
    assert not Projection.objects.exists()


def test_one_flagship_per_session(users, sessions, api_for):
    session = sessions["draft_bfc"]["flagship"].session
    response = api_for(users["editor"]).post(
        "/api/v1/flagship-proposals/", {"session": session.slug, "summary": "Une autre"}, format="json"
    )
    assert response.status_code == 400
    assert "session" in response.json()["errors"]


def assert_field_error(response, field):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and field in body["errors"], body


@pytest.mark.parametrize(
    ("prefix", "payload", "field"),
    [
        ("diagnostic-rows", {"session": "inconnue", "pain_points": "P"}, "session"),
        ("diagnostic-rows", {"session": "a\x00b", "pain_points": "P"}, "session"),
        ("diagnostic-rows", {"session": "{session}"}, "pain_points"),
        ("diagnostic-rows", {"session": "{session}", "pain_points": "a\x00b"}, "pain_points"),
        ("diagnostic-rows", {"session": "{session}", "pain_points": "<script>x</script>"}, "pain_points"),
        ("diagnostic-rows", {"session": "{session}", "pain_points": "P", "theme": 99}, "theme"),
        ("diagnostic-rows", {"session": "{session}", "pain_points": "P", "theme": "1\x00"}, "theme"),
        ("diagnostic-rows", {"session": "{session}", "pain_points": "P", "theme": 10**30}, "theme"),
        ("diagnostic-rows", {"session": "{session}", "pain_points": "P", "report": 10**30}, "report"),
        ("diagnostic-rows", {"session": "{session}", "pain_points": "P", "report": "{draft_report}"}, "report"),
        ("diagnostic-rows", {"session": "{session}", "pain_points": "P", "report": "{corse_report}"}, "report"),
        ("diagnostic-rows", {"session": "{session}", "pain_points": "P", "colour": "bleu"}, "colour"),
        ("projections", {"session": "{session}", "pain_point": "P", "need": "B"}, "lever"),
        (
            "projections",
            {"session": "{session}", "pain_point": "P", "need": "B", "lever": "L", "source": "{other_row}"},
            "source",
        ),
        (
            "projections",
            {"session": "{session}", "pain_point": "P", "need": "B", "lever": "L", "source": "abc"},
            "source",
        ),
        ("action-plan-items", {"session": "{session}", "what": "Q", "how": "C", "who": "Q", "when": "x" * 301}, "when"),
        ("action-plan-items", {"session": ["{session}"], "what": "Q", "how": "C", "who": "Q", "when": "w"}, "session"),
        ("flagship-proposals", {"session": "{bare_session}", "summary": "S", "impact_pupils": -1}, "impact_pupils"),
        ("flagship-proposals", {"session": "{bare_session}", "summary": "S", "impact_pupils": 10**30}, "impact_pupils"),
        ("flagship-proposals", {"session": "{bare_session}", "summary": "S", "effort": "énorme"}, "effort"),
        ("flagship-proposals", {"session": "{bare_session}", "summary": "S", "theme": 1}, "theme"),
        ("flagship-proposals", {"session": "{bare_session}"}, "summary"),
    ],
)
def test_bad_input_names_the_field(prefix, payload, field, users, sessions, api_for):
    records = sessions["draft_bfc"]
    values = {
        "{session}": records["diagnostic"].session.slug,
        "{bare_session}": SessionFactory().slug,
        "{draft_report}": ReportFactory(territory=territory("R27")).pk,
        "{corse_report}": ReportFactory(published=True, territory=territory("R94")).pk,
        "{other_row}": sessions["published_bfc"]["diagnostic"].pk,
    }

    def fill(value):
        if isinstance(value, list):
            return [fill(item) for item in value]
        return values.get(value, value) if isinstance(value, str) else value

    payload = {key: fill(value) for key, value in payload.items()}
    assert_field_error(api_for(users["editor"]).post(f"/api/v1/{prefix}/", payload, format="json"), field)


def test_a_record_does_not_change_session(users, sessions, api_for):
    client = api_for(users["national_admin"])
    record = sessions["draft_bfc"]["projection"]
    url = f"/api/v1/projections/{record.pk}/"
    response = client.patch(
        url,
        {"session": sessions["draft_corse"]["projection"].session.slug},
        format="json",
        HTTP_IF_MATCH=etag_of(client, url),
    )
    assert_field_error(response, "session")


@pytest.mark.parametrize("prefix", ["diagnostic-rows", "projections", "action-plan-items", "flagship-proposals"])
def test_unknown_ids_and_bad_filters(prefix, users, api_for):
    client = api_for(users["national_admin"])
    for pk in ("987654", str(10**30), "abc"):
        assert client.get(f"/api/v1/{prefix}/{pk}/").status_code == 404
    assert client.get(f"/api/v1/{prefix}/", {"session": "a\x00b"}).status_code == 400
    assert client.get(f"/api/v1/{prefix}/", {"event": "x" * 81}).status_code == 400


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("anonymous", {"published_bfc"}),
        ("partner", {"published_bfc"}),
        ("editor", {"published_bfc", "draft_bfc"}),
        ("national_admin", {"published_bfc", "draft_bfc", "draft_corse"}),
    ],
)
@pytest.mark.parametrize("kind", list(KINDS))
def test_lists_show_the_records_of_visible_sessions(kind, role, visible, users, sessions, api_for):
    response = api_for(users[role]).get(f"/api/v1/{KINDS[kind][0]}/")
    assert response.status_code == 200
    assert {item["id"] for item in response.json()["results"]} == {sessions[key][kind].pk for key in visible}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("role", ["anonymous", "partner", "editor", "national_admin"])
def test_record_lists_queries_do_not_grow(kind, role, users, api_for):
    client = api_for(users[role])

    def grow():
        for published in (True, False, True):
            session = SessionFactory(published=published, facilitators=[UserFactory(partner=True)])
            records = _records(session)
            records["diagnostic"].report = ReportFactory(published=True)
            records["diagnostic"].save()

    grow()
    url = f"/api/v1/{KINDS[kind][0]}/"
    client.get(url)
    assert_queries_do_not_grow(lambda: client.get(url), grow)


@pytest.mark.parametrize("kind", list(KINDS))
def test_put_what_was_read_with_a_change(kind, users, sessions, api_for):
    """A full update (PUT) of the representation just read, with one field changed."""
    prefix, _payload, change = KINDS[kind]
    client = api_for(users["editor"])
    url = f"/api/v1/{prefix}/{sessions['draft_bfc'][kind].pk}/"
    read = client.get(url)
    response = client.put(url, {**read.json(), **change}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert response.status_code == 200, response.content
    assert {name: response.json()[name] for name in change} == change


PROMOTE_MATRIX = [
    # (session, roadmap of the programme, expected per role)
    ("draft_bfc", "draft_bfc", expect(401, 404, 201, 201, 201)),
    ("draft_bfc", "validated_bfc", expect(401, 404, 403, 403, 403)),
    ("draft_bfc", "draft_corse", expect(401, 404, 400, 400, 201)),
    ("published_bfc", "draft_bfc", expect(401, 403, 201, 201, 201)),
    ("draft_corse", "draft_bfc", expect(401, 404, 404, 404, 201)),
]


@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize(("session", "roadmap", "expected"), PROMOTE_MATRIX, ids=lambda v: str(v)[:14])
def test_promote_matrix(role, session, roadmap, expected, users, sessions, api_for):
    """An action plan item goes into a roadmap programme: one must record the session and write the roadmap."""
    from roadmaps.models import Action
    from tests.roadmaps.factories import ProgrammeFactory, RoadmapFactory

    roadmaps = {
        "draft_bfc": RoadmapFactory(),
        "validated_bfc": RoadmapFactory(validated=True),
        "draft_corse": RoadmapFactory(territory=territory("R94")),
    }
    programme = ProgrammeFactory(axis__roadmap=roadmaps[roadmap])
    item = sessions[session]["action"]
    response = api_for(users[role]).post(
        f"/api/v1/action-plan-items/{item.pk}/promote/", {"programme": programme.pk}, format="json"
    )
    assert response.status_code == expected[role], response.content
    if response.status_code == 201:
        action = Action.objects.get(pk=response.json()["action"])
        assert (action.programme, action.what) == (programme, item.what)
        assert response.json() == {"action": action.pk, "programme": programme.pk, "roadmap": programme.roadmap.slug}
        assert TraceLink.objects.filter(kind=TraceLink.Kind.PROMOTED, source_id=item.pk, target_id=action.pk).exists()
    else:
        assert not Action.objects.filter(programme=programme).exists()


@pytest.mark.parametrize(
    ("payload", "field"), [({}, "programme"), ({"programme": 10**30}, "programme"), ({"programme": "x", "y": 1}, "y")]
)
def test_promote_bad_input(payload, field, users, sessions, api_for):
    item = sessions["draft_bfc"]["action"]
    response = api_for(users["editor"]).post(f"/api/v1/action-plan-items/{item.pk}/promote/", payload, format="json")
    assert_field_error(response, field)


def test_an_upstream_record_of_an_unseen_session_is_unknown(users, sessions, api_for):
    """The id of a diagnostic row of another territory's unpublished session is refused as unknown."""
    session = sessions["draft_bfc"]["projection"].session
    hidden = sessions["draft_corse"]["diagnostic"]
    payload = {"session": session.slug, "pain_point": "P", "need": "B", "lever": "L", "source": hidden.pk}
    response = api_for(users["editor"]).post("/api/v1/projections/", payload, format="json")
    assert_field_error(response, "source")
    assert response.json()["errors"]["source"] != ["Cet élément n'appartient pas à la même session."]
