"""The job lifecycle on a real Celery worker on Redis and PostgreSQL: success, failure, a worker killed
mid-render, two simultaneous requests. CI runs these (`-m celery_worker`)."""

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from commons_portal.jobs.models import PdfJob
from tests.factories import OrganisationFactory, UserFactory, territory

from . import workers
from .pdftools import pdf_info, pdf_pages, pdf_text
from .workers import ask, finished, wait_for

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def worker_media(celery_worker, settings):
    """Read what the worker wrote: its media folder."""
    settings.MEDIA_ROOT = celery_worker["media_dir"]
    return celery_worker


def test_the_worker_renders_the_ecosystem_report_and_emails_the_requester(worker_media):
    admin = UserFactory(national_admin=True)
    OrganisationFactory(name="Région Bourgogne-Franche-Comté", kind="region", territories=[territory("R27")])
    OrganisationFactory(name="Atelier Canopé 21", kind="public_operator", territories=[territory("A07")])
    job = wait_for(ask(admin, kind="ecosystem", object_ref=None, territory_code="R27"), finished)
    assert job.status == PdfJob.Status.DONE, job.error
    path = Path(job.output.path)
    text = pdf_text(path)
    assert "Écosystème des partenaires — Bourgogne-Franche-Comté" in text
    assert "Région Bourgogne-Franche-Comté" in text and "Atelier Canopé 21" in text
    info = pdf_info(path)
    assert info["Tagged"] == "yes" and info["Title"] == job.title
    assert pdf_pages(path) == job.page_count >= 3
    link = f"/syntheses/{job.pk}/"
    deadline = time.monotonic() + 10
    while not any(link in p.read_text() for p in worker_media["mail_dir"].glob("*.log")):
        assert time.monotonic() < deadline, "no e-mail told the requester"
        time.sleep(0.1)


# --- a worker of our own, with the test-only kinds, that we may kill ---------------------------------


@pytest.fixture
def own_worker(celery_worker, settings):
    """A prefork worker of this test on the suite's Redis. Killing its child is what a crash or the OOM
    killer does."""
    with workers.own_worker(
        settings,
        name=f"pdf-kill-{os.getpid()}",
        redis_url=os.environ["REDIS_URL"],
        mail_dir=celery_worker["mail_dir"],
        media_dir=celery_worker["media_dir"],
    ) as worker:
        yield worker


@pytest.fixture
def member_org(test_kinds):
    organisation = OrganisationFactory(name="Dossier fragile", slug="dossier-fragile", territories=[territory("R27")])
    return organisation


def test_a_failing_render_is_failed_with_a_readable_error_by_the_worker(own_worker, member_org):
    admin = UserFactory(national_admin=True)
    job = wait_for(ask(admin, kind="test-broken", object_ref=member_org.slug), finished)
    assert job.status == PdfJob.Status.FAILED
    assert job.error == "Le rendu a échoué : RuntimeError : la source de données ne répond pas"
    assert job.attempts == 1 and not job.output


def test_a_worker_killed_mid_render_retries_then_fails_never_stuck(own_worker, member_org):
    """acks_late + reject_on_worker_lost hand the task back each time its process dies; the delivery
    after the third attempt fails the job instead of looping."""
    member_org.acronym = "60"  # the slow kind sleeps that long: we kill it well before
    member_org.save()
    admin = UserFactory(national_admin=True)
    job = ask(admin, kind="test-slow", object_ref=member_org.slug)
    parent = own_worker["process"].pid
    for attempt in (1, 2, 3):
        wait_for(job, lambda j, a=attempt: j.status == PdfJob.Status.RUNNING and j.attempts == a, timeout=60)
        time.sleep(0.3)
        children = workers.children(parent)
        assert children, "the prefork worker has no child process"
        for child in children:
            os.kill(child, signal.SIGKILL)
    job = wait_for(job, finished, timeout=60)
    assert job.status == PdfJob.Status.FAILED
    assert job.attempts == 3
    assert "interrompu 3 fois" in job.error
    assert own_worker["process"].poll() is None  # the worker itself survived


def test_two_requests_at_once_render_once(own_worker, member_org):
    member_org.acronym = "1"  # long enough for both requests to meet a live job
    member_org.save()
    first, second = UserFactory(national_admin=True), UserFactory(national_admin=True)
    barrier = threading.Barrier(2)
    jobs, errors = [], []

    def request(user):
        try:
            barrier.wait(timeout=10)
            jobs.append(ask(user, kind="test-slow", object_ref=member_org.slug).pk)
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=request, args=(user,)) for user in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors and len(jobs) == 2 and jobs[0] == jobs[1]
    job = wait_for(PdfJob.objects.get(pk=jobs[0]), finished)
    assert job.status == PdfJob.Status.DONE and job.attempts == 1
    assert PdfJob.objects.count() == 1
    assert set(job.subscribers.all()) == {first, second}
    assert "Section 2 de Dossier fragile" in pdf_text(job.output.path)
    # Asked again once done: the same file, no new render.
    again = ask(first, kind="test-slow", object_ref=member_org.slug)
    assert again.pk == job.pk and PdfJob.objects.count() == 1
