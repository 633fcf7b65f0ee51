"""Helpers of the tests on a real Celery worker: ask for a job and wait for it; a worker of the test's
own (prefork, one child, on a queue of its own, with the test kinds), on the suite's Redis or on a Redis
the test started."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import transaction
from kombu import pools

from commons_portal.jobs.services import pdf_job_request


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


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in found.read_text().split()] if found.exists() else []


def _set_routes(app, routes):
    """Celery caches its router: drop it so that the new routes apply to the next message."""
    app.conf.task_routes = routes
    app.amqp._rtable = None
    for cached in ("routes", "router"):
        app.amqp.__dict__.pop(cached, None)


def _drop_connections(app):
    """Close the pools of broker connections (kombu's, shared by URL, and the app's handle on them), as
    Celery does after a fork, so that the next send connects to the URL now configured."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker(app, url: str):
    """Send this process's tasks (and control messages) to another broker for a while."""
    previous = app.conf.broker_url
    _drop_connections(app)
    app.conf.broker_url = url
    try:
        yield
    finally:
        _drop_connections(app)
        app.conf.broker_url = previous


@contextmanager
def own_worker(settings, *, name: str, redis_url: str, mail_dir: Path, media_dir: Path):
    """Start the worker, wait until it answers a ping, route the render task to it; stop it after."""
    from commons_portal.celery import app

    hostname = f"{name}@{socket.gethostname()}"
    log = Path(settings.BASE_DIR) / "var" / f"celery-{name}.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "commons_portal.settings.worker_test",
        "TEST_DATABASE_NAME": settings.DATABASES["default"]["NAME"],
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": name,
        "EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(media_dir),
    }
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "commons_portal", "worker", "--pool=prefork", "--concurrency=1"]
        + ["-Q", name, "-n", hostname, "--include", "tests.jobs.kinds", "--without-heartbeat"]
        + ["--without-gossip", "--without-mingle", "-l", "INFO", f"--logfile={log}"],
        env=env,
        cwd=settings.BASE_DIR,
    )
    routes = app.conf.task_routes
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[hostname], timeout=1.0):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the test worker did not start: see {log}")
        _set_routes(app, {"jobs.render_pdf_job": {"queue": name}})
        settings.MEDIA_ROOT = media_dir
        yield {"process": process, "log": log, "hostname": hostname}
    finally:
        _set_routes(app, routes)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
