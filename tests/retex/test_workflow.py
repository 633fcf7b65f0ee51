"""The RETEX lifecycle: draft → submitted → published | returned, revisions, e-mails, concurrency."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from retex import services
from retex.models import ExperienceReport, ReportStatus
from tests.factories import UserFactory

from .factories import ReportFactory

pytestmark = pytest.mark.django_db


def test_an_incomplete_draft_saves_but_does_not_submit(make_user):
    partner = make_user("partner")
    report = services.report_create(user=partner)
    services.report_update(report=report, user=partner, data={"title": "Mon RETEX"}, version=report.version)
    with pytest.raises(ValidationError) as error:
        services.report_submit(report=report, user=partner)
    assert set(error.value.message_dict) == {"summary", "territory", "strengths", "pain_points", "themes"}
    assert "Renseignez « résumé » avant de soumettre." in error.value.message_dict["summary"]
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.title == "Mon RETEX"


def test_submit_publish_and_emails(django_capture_on_commit_callbacks):
    reviewer = UserFactory(editor=True, territory_code="R27")
    report = ReportFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=report, user=report.author)
    assert report.status == ReportStatus.SUBMITTED
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {report.author.email, reviewer.email}
    assert "soumis" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.report_publish(report=report, user=reviewer)
    assert report.status == ReportStatus.PUBLISHED and report.published_at
    assert mail.outbox[1].to == [report.author.email]
    assert "publié" in mail.outbox[1].subject


def test_return_needs_a_comment_and_blocks_publication_until_resubmitted(django_capture_on_commit_callbacks):
    reviewer = UserFactory(editor=True)
    report = ReportFactory(submitted=True)
    with pytest.raises(ValidationError) as error:
        services.report_return(report=report, user=reviewer, comment="  ")
    assert "commentaire est obligatoire" in error.value.message_dict["comment"][0]
    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(report=report, user=reviewer, comment="Ajoutez des chiffres.")
    assert report.status == ReportStatus.RETURNED
    assert "Ajoutez des chiffres." in mail.outbox[-1].body
    with pytest.raises(ValidationError, match="Impossible de publier"):
        services.report_publish(report=report, user=reviewer)
    services.report_submit(report=report, user=report.author)
    services.report_publish(report=report, user=reviewer)
    assert report.status == ReportStatus.PUBLISHED
    assert report.review_comment == ""


def test_a_revision_replaces_the_published_report_only_once_published():
    reviewer = UserFactory(editor=True)
    published = ReportFactory(published=True)
    revision = services.report_new_revision(report=published, user=published.author)
    assert revision.status == ReportStatus.DRAFT and revision.revision_of == published
    assert list(revision.themes.all()) == list(published.themes.all())
    assert services.report_new_revision(report=published, user=published.author) == revision
    services.report_update(
        report=revision, user=revision.author, data={"title": "Titre revu"}, version=revision.version
    )
    services.report_submit(report=revision, user=revision.author)
    published.refresh_from_db()
    assert published.status == ReportStatus.PUBLISHED
    assert list(ExperienceReport.objects.published()) == [published]
    services.report_publish(report=revision, user=reviewer)
    published.refresh_from_db()
    assert published.status == ReportStatus.SUPERSEDED
    assert list(ExperienceReport.objects.published()) == [revision]


def test_the_second_writer_is_told():
    report = ReportFactory()
    opened = report.version
    services.report_update(report=report, user=report.author, data={"title": "Premier"}, version=opened)
    stale = ExperienceReport.objects.get(pk=report.pk)
    with pytest.raises(services.ConcurrentEditError):
        services.report_update(report=stale, user=report.author, data={"title": "Second"}, version=opened)
    report.refresh_from_db()
    assert report.title == "Premier"


def test_a_submitted_report_is_locked_for_edits():
    report = ReportFactory(submitted=True)
    with pytest.raises(ValidationError, match="ne peut plus être modifié"):
        services.report_update(report=report, user=report.author, data={"title": "x"}, version=None)


def test_history_records_each_status():
    reviewer = UserFactory(editor=True)
    report = ReportFactory()
    services.report_submit(report=report, user=report.author)
    services.report_publish(report=report, user=reviewer)
    statuses = [h.status for h in report.history.order_by("history_date", "history_id")]
    # Consecutive records of one status come from the same save (the themes are recorded too).
    assert [s for i, s in enumerate(statuses) if i == 0 or statuses[i - 1] != s] == ["draft", "submitted", "published"]


def test_the_same_page_saving_again_is_not_a_conflict():
    """The page's autosave bumps the version; its own full save right after must not be refused."""
    report = ReportFactory()
    opened = report.version
    services.report_update(
        report=report, user=report.author, data={"title": "A"}, version=opened, edit_token="p1", autosave=True
    )
    stale = ExperienceReport.objects.get(pk=report.pk)
    services.report_update(report=stale, user=report.author, data={"title": "B"}, version=opened, edit_token="p1")
    with pytest.raises(services.ConcurrentEditError):
        services.report_update(report=stale, user=report.author, data={"title": "C"}, version=opened, edit_token="p2")
    report.refresh_from_db()
    assert report.title == "B"


def test_an_autosave_arriving_after_its_page_was_saved_is_refused():
    """On a slow line the page's autosave can reach the server after the page's own full save: it must not move
    the version past the one the next page (the review step) was rendered with, or submitting it fails."""
    report = ReportFactory()
    opened = report.version
    services.report_update(report=report, user=report.author, data={"title": "A"}, version=opened, edit_token="p1")
    next_page_version = report.version
    late = ExperienceReport.objects.get(pk=report.pk)
    with pytest.raises(services.ConcurrentEditError):
        services.report_update(
            report=late, user=report.author, data={"title": "A"}, version=opened, edit_token="p1", autosave=True
        )
    services.report_submit(report=report, user=report.author, version=next_page_version)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_links_to_commons_and_adoption_are_trace_links_too():
    from partners.models import Commons
    from retex.models import TraceLink
    from tests.factories import territory

    staff = UserFactory(editor=True)
    report = ReportFactory(published=True)
    first = Commons.objects.create(name="Apps Éducation", slug="apps-education")
    second = Commons.objects.create(name="La Forge", slug="la-forge")
    services.report_set_links(report=report, user=staff, territories=[territory("R94")], commons=[first, second])
    services.report_set_links(report=report, user=staff, territories=[territory("R94")], commons=[second])
    assert list(report.commons.all()) == [second]
    assert list(report.adopted_in.values_list("code", flat=True)) == ["R94"]
    links = TraceLink.objects.filter(kind=TraceLink.Kind.ABOUT_COMMONS)
    assert [link.target for link in links] == [second]


def test_publishing_links_the_report_to_its_organisation():
    from retex.models import TraceLink

    report = ReportFactory(submitted=True)
    services.report_publish(report=report, user=UserFactory(editor=True))
    assert TraceLink.objects.get(kind=TraceLink.Kind.INVOLVES).target == report.organisation
