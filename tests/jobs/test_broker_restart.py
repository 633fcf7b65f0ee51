"""Redis restarted under a real worker, on a Redis this test starts on a port of its own, set up as
docker-compose.yml runs it: no persistence, so the restart loses every message it held. The job being
rendered still ends done, rendered once; the job whose message was lost is sent again by the sweep and
rendered once; a second delivery of a job being rendered does not render it again; the worker
reconnects by itself. CI runs it (`-m celery_worker`)."""

import shutil
import signal
import socket
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.utils import timezone

from commons_portal.jobs.models import PdfJob
from commons_portal.jobs.services import pdf_job_render, pdf_jobs_send_again, requeue_after
from tests.conftest import _must_have
from tests.factories import OrganisationFactory, UserFactory, territory

from . import workers
from .workers import ask, finished, wait_for

pytestmark = pytest.mark.celery_worker


class RedisServer:
    """A redis-server on a free loopback port, with the persistence settings of docker-compose.yml."""

    def __init__(self, executable: str, folder: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.executable, self.folder = executable, folder
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.client = redis.Redis.from_url(self.url, socket_timeout=5)
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.folder), "--logfile", str(self.folder / "redis.log")],
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not start: see {self.folder / 'redis.log'}")
                time.sleep(0.05)

    def kill(self):
        """What a crash, or a restart without persistence, does: everything in it is gone."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path, settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        _must_have("A Celery worker", "set a PostgreSQL DATABASE_URL to run the real worker tests")
    executable = shutil.which("redis-server")
    if executable is None:
        _must_have("redis-server", "install the Debian package redis-server (make debs-test)")
    server = RedisServer(executable, tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture
def worker_on_own_redis(own_redis, transactional_db, settings, tmp_path, test_kinds):
    """A worker, and this process's tasks, on the Redis of this test."""
    from commons_portal.celery import app

    name = f"pdf-redis-{own_redis.port}"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    try:
        with (
            workers.broker(app, own_redis.url),
            workers.own_worker(
                settings, name=name, redis_url=own_redis.url, mail_dir=tmp_path / "mail", media_dir=tmp_path / "media"
            ) as worker,
        ):
            yield {**worker, "queue": name, "media_dir": tmp_path / "media"}
    finally:
        app.conf.task_always_eager = True


def test_redis_restarted_mid_render_no_job_stuck_each_rendered_once(worker_on_own_redis, own_redis):
    """One job renders when Redis restarts, a second waits in Redis behind it: the first ends done (its
    render needs only the database), the second's message is lost with the restart; the sweep sends it
    again and the reconnected worker renders it. Each job is claimed and rendered once."""
    admin = UserFactory(national_admin=True)
    slow = OrganisationFactory(name="Dossier lent", slug="dossier-lent", acronym="4", territories=[territory("R27")])
    other = OrganisationFactory(name="Dossier en attente", slug="dossier-attente", territories=[territory("R27")])
    rendering = ask(admin, kind="test-slow", object_ref=slow.slug)
    wait_for(rendering, lambda job: job.status == PdfJob.Status.RUNNING, timeout=30)
    waiting = ask(admin, kind="test-slow", object_ref=other.slug)
    queue = worker_on_own_redis["queue"]
    assert own_redis.client.llen(queue) == 1, "the second job should wait in Redis behind the busy worker"
    # A second delivery while the worker renders (the broker hands back unacknowledged messages when the
    # connection comes back; the sweep may send a job twice) leaves the job to the live render.
    again = pdf_job_render(job_id=rendering.pk)
    assert again.status == PdfJob.Status.RUNNING and again.attempts == 1

    own_redis.kill()
    time.sleep(1)
    own_redis.start()
    assert own_redis.client.llen(queue) == 0  # the restart lost the waiting message

    rendering = wait_for(rendering, finished, timeout=30)
    assert rendering.status == PdfJob.Status.DONE, rendering.error
    assert rendering.attempts == 1
    waiting.refresh_from_db()
    assert waiting.status == PdfJob.Status.QUEUED and waiting.attempts == 0

    # What beat's sweep does once the job has waited too long; the worker must have reconnected to run it.
    assert pdf_jobs_send_again(now=timezone.now() + requeue_after() + timedelta(seconds=1)) == 1
    waiting = wait_for(waiting, finished, timeout=30)
    assert waiting.status == PdfJob.Status.DONE, waiting.error
    assert waiting.attempts == 1
    files = sorted(path.name for path in (worker_on_own_redis["media_dir"] / "syntheses").rglob("*.pdf"))
    assert files == sorted(Path(job.output.name).name for job in (rendering, waiting))
    assert own_redis.client.llen(queue) == 0
    assert worker_on_own_redis["process"].poll() is None
