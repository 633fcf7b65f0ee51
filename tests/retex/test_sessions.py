"""Session records, restitution approval, traceability and the promotion into a roadmap."""

import pytest
from django.core.exceptions import ValidationError

from retex import services
from retex.models import Session, TraceLink
from retex.trace import chain_key, chains_for
from tests.factories import UserFactory

from .factories import (
    ActionPlanItemFactory,
    DiagnosticRowFactory,
    ProjectionFactory,
    ReportFactory,
    SessionFactory,
    roadmap_programme,
)

pytestmark = pytest.mark.django_db


def test_restitution_is_published_once_every_facilitator_has_validated():
    first, second = UserFactory(), UserFactory()
    session = SessionFactory(facilitators=[first, second])
    services.session_approve(session=session, user=first)
    assert session.restitution_status == Session.RestitutionStatus.DRAFT
    with pytest.raises(ValidationError, match="Seuls les animateurs"):
        services.session_approve(session=session, user=UserFactory())
    services.session_approve(session=session, user=second)
    session.refresh_from_db()
    assert session.is_published and session.restitution_published_at


def test_the_chain_runs_from_the_report_to_the_action_plan_item():
    report = ReportFactory(published=True)
    row = DiagnosticRowFactory(report=report)
    projection = ProjectionFactory(session=row.session)
    item = ActionPlanItemFactory(session=row.session)
    services.trace_link(source=report, target=row, kind=TraceLink.Kind.DIAGNOSED)
    services.trace_link(source=row, target=projection, kind=TraceLink.Kind.PROJECTED)
    services.trace_link(source=projection, target=item, kind=TraceLink.Kind.PLANNED)
    chains = chains_for([projection, item, report])
    assert [step.obj for step in chains[chain_key(projection)].steps] == [report, row, projection, item]
    assert [step.obj for step in chains[chain_key(report)].steps] == [report, row, projection, item]
    assert chains[chain_key(item)].steps[-1].is_current


def test_promoting_an_action_plan_item_creates_a_roadmap_action_and_links_it():
    import datetime

    from roadmaps import services as roadmap_services
    from roadmaps.models import Action, Indicator

    editor = UserFactory(editor=True)
    programme = roadmap_programme(user=editor)
    indicator = roadmap_services.indicator_create(
        roadmap=programme.roadmap,
        programme=programme,
        name="Part des formateurs certifiés",
        unit=Indicator.Unit.PERCENT,
        baseline_value=10,
        baseline_date=datetime.date(2025, 9, 1),
        target_value=50,
        target_date=datetime.date(2028, 6, 30),
        user=editor,
    )
    item = ActionPlanItemFactory()
    action = services.action_plan_item_promote(item=item, programme=programme, user=editor)
    assert Action.objects.get(pk=action.pk).what == item.what
    assert "Plan d'action de l'atelier" in action.source_label
    chain = chains_for([item])[chain_key(item)]
    assert [step.obj for step in chain.steps] == [item, action, indicator]
    assert chain.steps[-1].kind_label == "mesurée par l'indicateur"


def test_session_end_before_start_is_refused():
    session = SessionFactory.build(start_time="14:00", end_time="10:00")
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert "L'heure de fin doit suivre l'heure de début." in error.value.message_dict["end_time"]
