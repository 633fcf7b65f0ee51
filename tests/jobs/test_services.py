"""Requesting, deduplicating, rendering and failing PDF jobs (tasks run eagerly here)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from commons_portal.jobs import services
from commons_portal.jobs.models import PdfJob
from commons_portal.jobs.registry import PdfInputError
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def admin(db):
    return UserFactory(national_admin=True)


def request(user, kind="test-plain", object_ref="canope-bourgogne", territory_code=None):
    return services.pdf_job_request(kind=kind, object_ref=object_ref, territory_code=territory_code, user=user)


@pytest.mark.parametrize(
    ("kind", "object_ref", "territory_code", "field"),
    [
        ("inconnu", "canope-bourgogne", None, "kind"),
        (["test-plain"], "canope-bourgogne", None, "kind"),
        ("test-plain", "nulle-part", None, "object"),
        ("test-plain", "", None, "object"),
        ("test-plain", {"slug": "canope-bourgogne"}, None, "object"),
        ("test-plain", 3.5, None, "object"),
        ("test-plain", "canope\x00", None, "object"),
        ("ecosystem", None, "R99", "territory"),
        ("ecosystem", None, None, "territory"),
        ("ecosystem", None, ["R27"], "territory"),
    ],
)
def test_bad_input_is_refused_with_the_field_to_blame_and_no_row(
    test_kinds, organisation, admin, kind, object_ref, territory_code, field
):
    with pytest.raises(PdfInputError) as raised:
        request(admin, kind, object_ref, territory_code)
    assert raised.value.field == field
    assert raised.value.message
    assert not PdfJob.objects.exists()


def test_an_object_the_user_may_not_see_is_told_as_not_found(test_kinds, organisation, make_user):
    stranger = make_user("partner")  # a member of another organisation
    with pytest.raises(PdfInputError) as raised:
        request(stranger)
    assert raised.value.field == "object"
    assert not PdfJob.objects.exists()


def test_someone_without_a_role_may_not_request(test_kinds, organisation):
    with pytest.raises(PermissionDenied):
        request(UserFactory())


def test_request_renders_after_commit_and_emails_the_requester(
    test_kinds, organisation, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = request(admin)
    job.refresh_from_db()
    assert job.status == PdfJob.Status.DONE, job.error
    assert job.progress == 100 and job.attempts == 1 and job.page_count == 3  # cover + 2 sections
    with job.output.open("rb") as output:
        assert output.read(5) == b"%PDF-"
    assert job.finished_at >= job.started_at >= job.created_at
    assert job.parameters == {"object": str(organisation.pk), "territory": ""}
    assert [m.to for m in mail.outbox] == [[admin.email]]
    assert f"/syntheses/{job.pk}/" in mail.outbox[0].body


def test_job_is_not_enqueued_when_the_transaction_rolls_back(
    test_kinds, organisation, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        request(admin)
    assert len(callbacks) == 1  # the enqueue waits for the commit


def test_unchanged_content_is_answered_by_the_done_job_without_rendering(
    test_kinds, organisation, admin, make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = request(admin)
    other = make_user("territorial_admin")
    with django_capture_on_commit_callbacks() as callbacks:
        second = request(other, object_ref=str(organisation.pk))  # an id or a slug: the same object
    assert second.pk == first.pk and not callbacks
    assert set(second.subscribers.all()) == {admin, other}
    # Changed content is a new document.
    organisation.description = "Une nouvelle description."
    organisation.save()
    with django_capture_on_commit_callbacks(execute=True):
        third = request(admin)
    assert third.pk != first.pk
    assert PdfJob.objects.count() == 2


def test_a_request_while_the_same_job_is_queued_joins_it(
    test_kinds, organisation, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first = request(admin)
        second = request(admin)
    assert first.pk == second.pk and len(callbacks) == 1


def test_the_database_refuses_two_live_jobs_for_one_content(test_kinds, organisation, admin):
    """The constraint that makes two simultaneous requests render once, whichever commits first."""
    from django.db import IntegrityError, transaction

    request(admin)
    job = PdfJob.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        PdfJob.objects.create(kind=job.kind, parameters=job.parameters, title="x", dedupe_key=job.dedupe_key)
    job.status = PdfJob.Status.FAILED
    job.save()
    PdfJob.objects.create(kind=job.kind, parameters=job.parameters, title="x", dedupe_key=job.dedupe_key)


def test_a_failing_render_marks_the_job_failed_with_a_readable_error(
    test_kinds, organisation, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = request(admin, kind="test-broken")
    job.refresh_from_db()
    assert job.status == PdfJob.Status.FAILED
    assert job.error == "Le rendu a échoué : RuntimeError : la source de données ne répond pas"
    assert job.finished_at and not job.output
    assert "n'a pas pu être produit" in mail.outbox[0].subject
    # A failed job does not block a new request.
    with django_capture_on_commit_callbacks() as callbacks:
        again = request(admin, kind="test-broken")
    assert again.pk != job.pk and len(callbacks) == 1


def test_the_render_is_idempotent(test_kinds, organisation, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = request(admin)
    job.refresh_from_db()
    output = job.output.name
    services.pdf_job_render(job_id=job.pk)
    job.refresh_from_db()
    assert job.attempts == 1 and job.output.name == output


def test_a_job_whose_worker_keeps_dying_is_failed_after_the_last_attempt(test_kinds, organisation, admin, settings):
    """Each delivery of the task counts an attempt; the process dying leaves the job running, and the
    delivery after the last allowed attempt fails it instead of rendering forever."""
    settings.PDF_JOB_MAX_ATTEMPTS = 3
    job = request(admin)
    PdfJob.objects.filter(pk=job.pk).update(status=PdfJob.Status.RUNNING, attempts=3)
    services.pdf_job_render(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == PdfJob.Status.FAILED
    assert "interrompu 3 fois" in job.error


def test_the_sweep_fails_jobs_stuck_running_or_queued(test_kinds, organisation, admin, settings):
    settings.PDF_JOB_TIMEOUT = 60
    stuck = request(admin)
    lost = request(admin, kind="test-broken")
    fresh = request(admin, kind="test-slow")
    PdfJob.objects.filter(pk=stuck.pk).update(
        status=PdfJob.Status.RUNNING, started_at=timezone.now() - timedelta(minutes=5)
    )
    PdfJob.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(days=1))
    assert services.pdf_jobs_fail_stuck() == 2
    statuses = dict(PdfJob.objects.values_list("pk", "status"))
    assert statuses == {stuck.pk: "failed", lost.pk: "failed", fresh.pk: "queued"}
    assert "délai" in PdfJob.objects.get(pk=stuck.pk).error


def test_the_sweep_sends_again_the_jobs_whose_message_was_lost(
    test_kinds, organisation, admin, django_capture_on_commit_callbacks
):
    """A Redis restarted without persistence loses the message of a waiting job: once it has waited
    `requeue_after()`, the sweep sends it again (and fails it after `queued_timeout()`, as before)."""
    lost = request(admin)  # its message is never sent: the test's transaction does not commit
    fresh = request(admin, kind="test-slow")
    given_up = request(admin, kind="test-broken")
    PdfJob.objects.filter(pk=lost.pk).update(created_at=timezone.now() - services.requeue_after() * 2)
    PdfJob.objects.filter(pk=given_up.pk).update(created_at=timezone.now() - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.pdf_jobs_send_again() == 1
    assert len(callbacks) == 1
    statuses = dict(PdfJob.objects.values_list("pk", "status"))
    assert statuses == {lost.pk: "done", fresh.pk: "queued", given_up.pk: "queued"}
    assert PdfJob.objects.get(pk=lost.pk).attempts == 1


def test_a_request_sweeps_first_so_it_never_joins_a_dead_job(test_kinds, organisation, admin, settings):
    settings.PDF_JOB_TIMEOUT = 60
    stuck = request(admin)
    PdfJob.objects.filter(pk=stuck.pk).update(
        status=PdfJob.Status.RUNNING, started_at=timezone.now() - timedelta(minutes=5)
    )
    assert request(admin).pk != stuck.pk


def test_a_render_finishing_after_the_sweep_gave_up_keeps_the_job_failed(test_kinds, organisation, admin):
    job = request(admin)

    def sweep_meanwhile(percent):
        PdfJob.objects.filter(pk=job.pk).update(status=PdfJob.Status.FAILED, error="abandonné")

    kind, obj, territory = services.pdf_job_objects(job)
    original = services.pdf_render
    services.pdf_render = lambda *args, **kwargs: original(*args, on_progress=sweep_meanwhile)
    try:
        services.pdf_job_render(job_id=job.pk)
    finally:
        services.pdf_render = original
    job.refresh_from_db()
    assert job.status == PdfJob.Status.FAILED and not job.output


def test_partner_member_may_request_their_own_organisation(test_kinds, organisation, make_user):
    member = make_user()
    MembershipFactory(user=member, role="partner", territory=None, organisation=organisation)
    assert request(member).requester == member
