"""The OpenAPI schema is valid, and a schemathesis run over all of it (bounded examples, fixed seed,
in-process against the WSGI application) finds no server error and no answer that the schema does not
describe."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from commons_portal.accounts.services import invitation_create
from commons_portal.wsgi import application
from retex.models import FlagshipProposal
from roadmaps.models import GovernanceBody, Phase
from tests.factories import OrganisationFactory, UserFactory, territory
from tests.partners.factories import CommonsFactory, PartnershipFactory
from tests.retex.factories import (
    ActionPlanItemFactory,
    DiagnosticRowFactory,
    ProjectionFactory,
    ReportFactory,
    SessionFactory,
)
from tests.roadmaps.factories import (
    ActionFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    StakeFactory,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_schema_is_valid_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


# Generating the schema reads no table: it can be loaded when the module is collected.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def keep_test_connection():
    """Schemathesis calls the WSGI application directly: like Django's test client, keep the request
    signals from closing the test database connection (PostgreSQL) in the middle of the test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def admin_token(db, keep_test_connection):
    OrganisationFactory(name="Région Bourgogne-Franche-Comté", territories=[territory("R27")])
    # One object of each resource, so that details, filters and writes meet real rows.
    programme = ProgrammeFactory()
    StakeFactory(axis=programme.axis)
    ActionFactory(programme=programme)
    ObjectiveFactory(programme=programme)
    GovernanceBody.objects.create(roadmap=programme.roadmap, acronym="COREA")
    Phase.objects.create(roadmap=programme.roadmap, number=1, title="Analyse")
    IndicatorValueFactory(indicator=IndicatorFactory(roadmap=programme.roadmap, programme=programme))
    CommonsFactory()
    PartnershipFactory()
    ReportFactory(published=True)
    ReportFactory(submitted=True)  # for publish and return
    session = SessionFactory(published=True)
    for factory in (DiagnosticRowFactory, ProjectionFactory, ActionPlanItemFactory):
        factory(session=session)
    FlagshipProposal.objects.create(session=session, summary="Une forge académique")
    user = UserFactory(national_admin=True)
    invitation_create(email="invitee@example.org", role="editor", territory=territory("R27"), invited_by=user)
    return Token.objects.create(user=user).key


@schema.parametrize()
@settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_api_against_its_schema(case, admin_token):
    admin = {"Authorization": f"Token {admin_token}"}
    # Anonymous readers and an authenticated national administrator (who may write anything).
    for headers in ({}, admin) if case.method.upper() == "GET" else (admin,):
        case.call_and_validate(headers=headers, checks=CHECKS)
