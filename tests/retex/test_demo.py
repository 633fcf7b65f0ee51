"""The demo loader: the Corse session of seed 003 figure for figure, the IH2EF cycle of seed 000, idempotent."""

import pytest

from commons_portal.core.demo import load_accounts
from retex.demo import CORSE_SESSION_SLUG, load_demo
from retex.models import AgendaItem, Event, ExperienceReport, ReportStatus, Session, Speaker, Theme
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings):
    settings.DEMO_PASSWORD = "demo-commons"  # noqa: S105
    load_accounts()
    load_demo()


def test_corse_session_figure_for_figure(loaded):
    session = Session.objects.get(slug=CORSE_SESSION_SLUG)
    assert session.date.isoformat() == "2020-10-12" and session.format == Session.Format.ON_SITE
    assert session.event.territory.code == "R94"
    counts = {c.category: (c.count, c.establishments) for c in session.participant_counts.all()}
    assert counts == {
        "primary_teams": (8, 2),
        "secondary_teams": (18, 10),
        "academic": (8, None),
        "users": (2, None),
        "elected": (1, None),
        "operators": (2, None),
    }
    assert session.diagnosticrow_set.count() == 3 and session.projection_set.count() == 3
    assert [item.when for item in session.actionplanitem_set.all()][1:] == ["Rentrée 2021", "Rentrée 2021"]
    flagship = session.flagship
    assert (
        flagship.impact_establishments,
        flagship.impact_pupils,
        flagship.impact_parents,
        flagship.impact_teachers,
    ) == (
        300,
        45000,
        85000,
        5000,
    )
    assert flagship.effort == "high" and flagship.time_horizon == "medium"
    assert session.is_published


def test_themes_and_ih2ef_cycle(loaded):
    assert list(Theme.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    event = Event.objects.get(slug="ih2ef-communs-numeriques-2024")
    assert event.sessions.count() == 4
    assert AgendaItem.objects.filter(session__event=event, kind=AgendaItem.Kind.ROUND_TABLE).count() == 1
    assert Speaker.objects.filter(agenda_item__session__event=event, name="Alexis Kauffmann").exists()
    moderator = Speaker.objects.get(is_moderator=True, agenda_item__session__event=event)
    assert moderator.name == "Jean-François Cerisier"


def test_partner_reports_in_several_statuses(loaded):
    statuses = set(
        ExperienceReport.objects.filter(author__email__startswith="partenaire@").values_list("status", flat=True)
    )
    assert statuses == {ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.PUBLISHED}


def test_a_second_run_changes_nothing_and_is_quick(loaded):
    before = ExperienceReport.objects.count(), Session.objects.count(), AgendaItem.objects.count()
    queries, _result = count_queries(load_demo)
    assert (ExperienceReport.objects.count(), Session.objects.count(), AgendaItem.objects.count()) == before
    assert queries < 40
