"""Recording a session in HTML: inline forms (with and without htmx), bad input, approval, promotion."""

import pytest
from django.urls import reverse

from retex.models import Event, ParticipantCount, Projection, TraceLink
from tests.factories import UserFactory, territory

from .factories import ActionPlanItemFactory, DiagnosticRowFactory, SessionFactory, roadmap_programme, theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator_setup(client_for):
    facilitator = UserFactory()
    session = SessionFactory(facilitators=[facilitator])
    return session, facilitator, client_for(facilitator)


def add_url(session, section):
    return reverse("retex:record_add", args=[session.slug, section])


def test_facilitator_adds_a_projection_from_a_diagnostic_row_without_js(facilitator_setup):
    session, facilitator, client = facilitator_setup
    row = DiagnosticRowFactory(session=session)
    response = client.post(
        add_url(session, "projections"),
        {
            "projections-version": session.version,
            "projections-theme": theme(2).pk,
            "projections-source": row.pk,
            "projections-pain_point": "Formation non reconnue",
            "projections-need": "Valoriser les formés",
            "projections-lever": "Certifier",
        },
    )
    assert response.status_code == 302
    projection = Projection.objects.get(session=session)
    assert TraceLink.objects.filter(kind=TraceLink.Kind.PROJECTED, target_id=projection.pk).exists()
    page = client.get(reverse("retex:session_record", args=[session.slug])).content.decode()
    assert "Certifier" in page and "Traçabilité" in page


def test_htmx_add_answers_the_page_with_the_section_and_its_errors(facilitator_setup):
    session, facilitator, client = facilitator_setup
    response = client.post(
        add_url(session, "plan-action"),
        {"plan-action-version": session.version, "plan-action-what": "Valoriser", "plan-action-how": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="record-sections"' in page and 'id="section-plan-action"' in page
    assert "Ce champ est obligatoire." in page
    assert "Valoriser</textarea>" in page


def test_participants_must_be_whole_numbers_and_are_kept(facilitator_setup):
    session, facilitator, client = facilitator_setup
    response = client.post(
        add_url(session, "participants"),
        {
            "participants-version": session.version,
            "participants-primary_teams_count": "8,5",
            "participants-primary_teams_establishments": "2",
            "participants-secondary_teams_count": "-3",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Saisissez un nombre entier, sans espace ni lettre." in page
    assert "Le nombre ne peut pas être négatif." in page
    assert 'value="8,5"' in page
    assert not ParticipantCount.objects.exists()
    response = client.post(
        add_url(session, "participants"),
        {
            "participants-version": session.version,
            "participants-primary_teams_count": "8",
            "participants-primary_teams_establishments": "2",
        },
    )
    assert response.status_code == 302
    assert ParticipantCount.objects.get(session=session, category="primary_teams").establishments == 2


def test_end_before_start_is_refused_next_to_the_field(facilitator_setup):
    session, facilitator, client = facilitator_setup
    response = client.post(
        add_url(session, "identite"),
        {
            "identite-version": session.version,
            "identite-title": session.title,
            "identite-date": "2025-03-11",
            "identite-start_time": "14:00",
            "identite-end_time": "10:00",
            "identite-format": "on_site",
        },
    )
    assert response.status_code == 400
    assert "L&#x27;heure de fin doit suivre l&#x27;heure de début." in response.content.decode()


def test_flagship_impacts_are_whole_numbers(facilitator_setup):
    session, facilitator, client = facilitator_setup
    data = {
        "proposition-phare-version": session.version,
        "proposition-phare-summary": "Mailler l'accompagnement",
        "proposition-phare-impact_pupils": "45 000 élèves",
    }
    response = client.post(add_url(session, "proposition-phare"), data)
    assert response.status_code == 400
    assert "Saisissez un nombre entier" in response.content.decode()
    data["proposition-phare-impact_pupils"] = "45000"
    assert client.post(add_url(session, "proposition-phare"), data).status_code == 302
    session.refresh_from_db()
    assert session.flagship.impact_pupils == 45000


def test_two_facilitators_do_not_overwrite_each_other(facilitator_setup):
    session, facilitator, client = facilitator_setup
    stale = session.version
    data = {
        "projections-version": stale,
        "projections-pain_point": "a",
        "projections-need": "b",
        "projections-lever": "c",
    }
    assert client.post(add_url(session, "projections"), data).status_code == 302
    response = client.post(add_url(session, "projections"), {**data, "projections-lever": "Mon levier"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "modifié entre-temps" in page and "Mon levier" in page
    assert Projection.objects.count() == 1


def test_approval_publishes_the_restitution(facilitator_setup, client_for):
    session, facilitator, client = facilitator_setup
    assert client_for(None).get(session.get_absolute_url()).status_code == 404
    client.post(reverse("retex:session_approve", args=[session.slug]))
    assert client_for(None).get(session.get_absolute_url()).status_code == 200


def test_promote_an_action_plan_item_into_a_roadmap_programme(client_for):
    editor = UserFactory(editor=True)
    programme = roadmap_programme(user=editor)
    item = ActionPlanItemFactory(session=SessionFactory())
    client = client_for(editor)
    url = reverse("retex:action_promote", args=[item.session.slug, item.pk])
    page = client.get(url).content.decode()
    assert programme.title in page
    response = client.post(url, {"programme": programme.pk})
    assert response.status_code == 302
    action = programme.actions.get()
    assert action.what == item.what
    assert TraceLink.objects.get(kind=TraceLink.Kind.PROMOTED).target_id == action.pk
    page = client.get(reverse("retex:session_record", args=[item.session.slug])).content.decode()
    assert "promue dans la feuille de route" in page


def test_promote_refuses_a_programme_the_user_may_not_edit(client_for):
    other_editor = UserFactory(editor=True, territory_code="R94")
    programme = roadmap_programme(user=other_editor, territory_code="R94")
    editor = UserFactory(editor=True)
    item = ActionPlanItemFactory(session=SessionFactory())
    response = client_for(editor).post(
        reverse("retex:action_promote", args=[item.session.slug, item.pk]), {"programme": programme.pk}
    )
    assert response.status_code == 200
    assert not programme.actions.exists()


def test_editor_creates_an_event_and_a_session_with_facilitators(client_for):
    editor = UserFactory(editor=True)
    facilitator = UserFactory(email="animatrice@exemple.fr")
    client = client_for(editor)
    response = client.post(
        reverse("retex:event_create"),
        {
            "title": "Journée des communs",
            "kind": "journee",
            "territory": territory("R27").pk,
            "start_date": "2026-03-02",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(title="Journée des communs")
    assert event.slug == "journee-des-communs"
    url = reverse("retex:session_create", args=[event.slug])
    data = {"title": "Atelier", "date": "2026-03-02", "start_time": "14:00", "end_time": "10:00", "format": "both"}
    response = client.post(url, {**data, "facilitator_emails": "inconnu@exemple.fr"})
    page = response.content.decode()
    assert "Aucun compte pour : inconnu@exemple.fr" in page
    assert "L&#x27;heure de fin doit suivre l&#x27;heure de début." in page
    response = client.post(url, {**data, "end_time": "17:00", "facilitator_emails": "Animatrice@exemple.fr\n"})
    session = event.sessions.get()
    assert response.url == reverse("retex:session_record", args=[session.slug])
    assert list(session.facilitators.all()) == [facilitator]


def test_an_editor_cannot_create_an_event_outside_their_territory(client_for):
    client = client_for(UserFactory(editor=True))
    response = client.post(
        reverse("retex:event_create"), {"title": "Ailleurs", "kind": "journee", "territory": territory("R94").pk}
    )
    assert response.status_code == 200
    assert not Event.objects.filter(title="Ailleurs").exists()


def test_a_diagnostic_row_about_a_report_is_linked_to_it(facilitator_setup):
    from .factories import ReportFactory

    session, facilitator, client = facilitator_setup
    report = ReportFactory(published=True)
    response = client.post(
        add_url(session, "diagnostic"),
        {"diagnostic-version": session.version, "diagnostic-report": report.pk, "diagnostic-pain_points": "Lenteur"},
    )
    assert response.status_code == 302
    link = TraceLink.objects.get(kind=TraceLink.Kind.DIAGNOSED)
    assert link.source == report
    assert "a nourri le diagnostic" in client.get(report.get_absolute_url()).content.decode()


def test_a_diagnostic_row_names_its_report_by_number(facilitator_setup):
    """A territory has thousands of RETEX: the row takes the number shown on the report's page, and a number
    that is not a published RETEX of the session's territory is refused next to the field."""
    from .factories import ReportFactory

    session, facilitator, client = facilitator_setup
    page = client.get(reverse("retex:session_record", args=[session.slug])).content.decode()
    assert 'type="number" name="diagnostic-report"' in page
    draft = ReportFactory()
    response = client.post(
        add_url(session, "diagnostic"),
        {"diagnostic-version": session.version, "diagnostic-report": draft.pk, "diagnostic-pain_points": "Lenteur"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Aucun RETEX publié de ce territoire ne porte ce numéro." in page
    assert "Lenteur" in page
