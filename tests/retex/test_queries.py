"""Lists and pages run a number of queries that does not grow with the data."""

import pytest
from django.urls import reverse

from retex import services
from retex.models import TraceLink
from tests.factories import UserFactory
from tests.utils import assert_queries_do_not_grow

from .factories import (
    ActionPlanItemFactory,
    AttachmentFactory,
    DiagnosticRowFactory,
    ProjectionFactory,
    ReportFactory,
    SessionFactory,
    theme,
)

pytestmark = pytest.mark.django_db


def many_reports(**kwargs):
    def grow():
        for number in range(10):
            ReportFactory(themes=[theme(1), theme(1 + number % 5)], **kwargs)

    return grow


@pytest.mark.parametrize("role", [None, "editor"])
def test_report_list(client_for, make_user, role):
    client = client_for(make_user(role) if role else None)
    ReportFactory(published=True)
    assert_queries_do_not_grow(lambda: client.get(reverse("retex:report_list")), many_reports(published=True))


def test_review_queue(client_for):
    client = client_for(UserFactory(editor=True))
    ReportFactory(submitted=True)
    assert_queries_do_not_grow(lambda: client.get(reverse("retex:review_queue")), many_reports(submitted=True))


def test_my_reports(client_for):
    author = UserFactory(partner=True)
    ReportFactory(author=author)
    client = client_for(author)
    assert_queries_do_not_grow(lambda: client.get(reverse("retex:my_reports")), many_reports(author=author))


def test_report_detail_with_attachments(client_for):
    report = ReportFactory(published=True)
    AttachmentFactory(report=report)
    client = client_for(report.author)

    def grow():
        for _ in range(5):
            AttachmentFactory(report=report)

    client.get(report.get_absolute_url())  # warms the content types cache, as any running server has
    assert_queries_do_not_grow(lambda: client.get(report.get_absolute_url()), grow)


@pytest.mark.parametrize("page", ["session_detail", "session_record"])
def test_session_pages_with_records_and_chains(client_for, page):
    editor = UserFactory(editor=True)
    session = SessionFactory()
    client = client_for(editor)

    def add_chain():
        report = ReportFactory(published=True)
        row = DiagnosticRowFactory(session=session, report=report)
        projection = ProjectionFactory(session=session)
        item = ActionPlanItemFactory(session=session)
        services.trace_link(source=report, target=row, kind=TraceLink.Kind.DIAGNOSED)
        services.trace_link(source=row, target=projection, kind=TraceLink.Kind.PROJECTED)
        services.trace_link(source=projection, target=item, kind=TraceLink.Kind.PLANNED)

    add_chain()

    def grow():
        for _ in range(5):
            add_chain()

    assert_queries_do_not_grow(lambda: client.get(reverse(f"retex:{page}", args=[session.slug])), grow)


def test_event_detail(client_for):
    from retex.models import AgendaItem, Speaker

    session = SessionFactory()
    client = client_for(None)

    def add_item():
        item = AgendaItem.objects.create(
            session=session, start_time="09:00", end_time="10:00", kind="workshop", title="A"
        )
        Speaker.objects.create(agenda_item=item, name="B", role="C", organisation="D")

    add_item()

    def grow():
        for _ in range(5):
            SessionFactory(event=session.event)
            add_item()

    assert_queries_do_not_grow(lambda: client.get(session.event.get_absolute_url()), grow)


def test_event_list(client_for):
    from .factories import EventFactory

    client = client_for(None)
    SessionFactory()

    def grow():
        for _ in range(5):
            SessionFactory(event=EventFactory())

    assert_queries_do_not_grow(lambda: client.get(reverse("retex:event_list")), grow)


def test_review_queue_is_paginated(client_for):
    """A territory may have hundreds of reports waiting: the queue shows them 20 at a time."""
    reviewer = UserFactory(editor=True)
    author = UserFactory(partner=True)
    ReportFactory.create_batch(25, submitted=True, author=author)
    client = client_for(reviewer)
    first = client.get(reverse("retex:review_queue"))
    assert first.context["page"].paginator.count == 25
    assert len(first.context["page"].object_list) == 20
    assert "Page suivante" in first.content.decode()
    second = client.get(reverse("retex:review_queue") + "?page=2")
    assert len(second.context["page"].object_list) == 5
