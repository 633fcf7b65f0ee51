"""The job lifecycle on a real Celery worker on Redis and PostgreSQL: success, failure, a worker killed
mid-render, two simultaneous requests. CI runs these (`-m celery_worker`)."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, transaction

from commons_portal.jobs.models import PdfJob
from commons_portal.jobs.services import pdf_job_request
from tests.factories import OrganisationFactory, UserFactory, territory

from .pdftools import pdf_info, pdf_pages, pdf_text

pytestmark = pytest.mark.celery_worker


def wait_for(job, condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if condition(job):
            return job
        time.sleep(0.1)
    pytest.fail(f"job {job.pk} stayed {job.status} (attempts {job.attempts}): {job.error}")


def finished(job):
    return job.is_finished


def ask(user, **kwargs):
    with transaction.atomic():  # the task is sent when this commits
        return pdf_job_request(user=user, **kwargs)


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


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in found.read_text().split()] if found.exists() else []


def _set_routes(app, routes):
    """Celery caches its router: drop it so that the new routes apply to the next message."""
    app.conf.task_routes = routes
    app.amqp._rtable = None
    for cached in ("routes", "router"):
        app.amqp.__dict__.pop(cached, None)


@pytest.fixture
def own_worker(celery_worker, settings):
    """A prefork worker (one child process) on a queue of its own that imports the test kinds; the render
    task is routed to it for the test. Killing its child is what a crash or the OOM killer does."""
    from commons_portal.celery import app

    queue = f"pdf-kill-{os.getpid()}"
    hostname = f"{queue}@{socket.gethostname()}"
    log = Path(settings.BASE_DIR) / "var" / f"celery-{queue}.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "commons_portal.settings.worker_test",
        "TEST_DATABASE_NAME": settings.DATABASES["default"]["NAME"],
        "CELERY_QUEUE": queue,
        "EMAIL_FILE_PATH": str(celery_worker["mail_dir"]),
        "MEDIA_ROOT": str(celery_worker["media_dir"]),
    }
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "commons_portal", "worker", "--pool=prefork", "--concurrency=1"]
        + ["-Q", queue, "-n", hostname, "--include", "tests.jobs.kinds", "--without-heartbeat"]
        + ["--without-gossip", "--without-mingle", "-l", "INFO", f"--logfile={log}"],
        env=env,
        cwd=settings.BASE_DIR,
    )
    deadline = time.monotonic() + 60
    while not app.control.ping(destination=[hostname], timeout=1.0):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the test worker did not start: see {log}")
    routes = app.conf.task_routes
    _set_routes(app, {"jobs.render_pdf_job": {"queue": queue}})
    settings.MEDIA_ROOT = celery_worker["media_dir"]
    yield {"process": process, "log": log}
    _set_routes(app, routes)
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


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
        children = _children(parent)
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
