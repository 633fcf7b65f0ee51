"""Fixtures shared by the whole suite: users by role, logged-in clients, the real Celery worker."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from commons_portal.accounts.models import Role

from .factories import PASSWORD, UserFactory

pytest_plugins = ["tests.browser.fixtures"]

# The roles of the permission matrix, in the order rows are written.
ANONYMOUS = "anonymous"
MATRIX_ROLES = (ANONYMOUS, "partner", "editor", "territorial_admin", "national_admin")


@pytest.fixture(autouse=True, scope="session")
def _keep_test_connections_open():
    """Closing a streamed response (a download) sends `request_finished`, whose handler closes the
    database connection when it is inside a transaction, as every test is: never close it there."""
    from django.db.backends.base.base import BaseDatabaseWrapper

    original = BaseDatabaseWrapper.close_if_unusable_or_obsolete

    def close_unless_in_transaction(self):
        if not self.in_atomic_block:
            original(self)

    BaseDatabaseWrapper.close_if_unusable_or_obsolete = close_unless_in_transaction
    yield
    BaseDatabaseWrapper.close_if_unusable_or_obsolete = original


@pytest.fixture(autouse=True, scope="session")
def _celery_runs_tasks_in_process():
    """Celery reads Django's settings once, at first use: pin its configuration at the start, so that a
    test changing a CELERY_* setting for its own purpose cannot leave it for the rest of the run."""
    from commons_portal.celery import app

    app.conf.task_always_eager = True
    yield


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


@pytest.fixture(autouse=True)
def _reference_data(request, _django_db_marker):
    """The rows data migrations load (territories, RETEX themes) are flushed by any transactional test;
    put them back before a test that uses the database, whatever ran before it."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if not (marker or DB_FIXTURES & names):
        return
    transactional = bool({"transactional_db", "live_server"} & names) or bool(
        marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from commons_portal.territories.models import Territory
    from commons_portal.territories.services import territories_load
    from retex.models import Theme
    from retex.themes import DEFAULT_THEMES

    if not Territory.objects.exists():
        territories_load()
    if not Theme.objects.exists():
        Theme.objects.bulk_create([Theme(**theme) for theme in DEFAULT_THEMES])


@pytest.fixture(autouse=True)
def _fresh_fragment_cache():
    """Each test starts with no cached fragment: rows of an earlier test may share ids with its own."""
    from commons_portal.core.caching import forget_fragments

    forget_fragments()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"


@pytest.fixture
def make_user(db):
    """`make_user("editor", territory_code="R27")`, or "partner", "territorial_admin", "national_admin"."""

    def make(role: str | None = None, **kwargs):
        traits = {role: True} if role else {}
        return UserFactory(**traits, **kwargs)

    return make


@pytest.fixture
def users(make_user):
    """One user per role of the matrix, on the région académique Bourgogne-Franche-Comté (R27)."""
    return {role: None if role == ANONYMOUS else make_user(role) for role in MATRIX_ROLES}


@pytest.fixture
def client_for(client, django_user_model):
    """A logged-in test client for a user (or anonymous for None)."""
    from django.test import Client

    def make(user):
        new_client = Client()
        if user is not None:
            new_client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return new_client

    return make


@pytest.fixture
def role_client(users, client_for):
    """`role_client("editor")`: a client logged in as that role's user."""
    return lambda role: client_for(users[role])


def _must_have(what: str, reason: str):
    """In CI a missing real part fails the run; on a developer's machine it skips with the reason."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, worker_id):
    """A real Celery worker on Redis, on a queue of its own, reading the test database.

    Tests that use it commit their data (`transactional_db`), as a worker only sees committed rows.
    """
    redis_url = os.environ.get("REDIS_URL")
    database = settings.DATABASES["default"]
    if not redis_url or database["ENGINE"] != "django.db.backends.postgresql":
        _must_have("A Celery worker", "set REDIS_URL and a PostgreSQL DATABASE_URL to run the real worker tests")
    queue = f"tests-{worker_id}-{os.getpid()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "commons_portal.settings.worker_test",
        "TEST_DATABASE_NAME": database["NAME"],
        "CELERY_QUEUE": queue,
        "REDIS_URL": redis_url,
    }
    var = Path(settings.BASE_DIR) / "var"
    log = var / f"celery-{queue}.log"
    mail_dir = var / f"mail-{queue}"
    media_dir = var / f"media-{queue}"
    for folder in (mail_dir, media_dir):
        folder.mkdir(parents=True, exist_ok=True)
    env["EMAIL_FILE_PATH"] = str(mail_dir)
    env["MEDIA_ROOT"] = str(media_dir)
    hostname = f"{queue}@{socket.gethostname()}"
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "commons_portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "-n",
            hostname,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "INFO",
            f"--logfile={log}",
        ],
        env=env,
        cwd=settings.BASE_DIR,
    )
    from commons_portal.celery import app

    app.conf.task_default_queue = queue
    app.conf.task_always_eager = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(destination=[hostname], timeout=1.0):
            break
        if process.poll() is not None:
            pytest.fail(f"the Celery worker exited at start: see {log}")
    else:
        process.kill()
        pytest.fail(f"the Celery worker did not answer within 60 s: see {log}")
    yield {"process": process, "queue": queue, "log": log, "mail_dir": mail_dir, "media_dir": media_dir}
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    app.conf.task_always_eager = True


@pytest.fixture
def celery_worker(celery_worker_process, transactional_db, settings):
    """Send tasks to the real worker for this test (they run eagerly everywhere else)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from commons_portal.celery import app

    app.conf.task_always_eager = False
    yield celery_worker_process
    app.conf.task_always_eager = True


__all__ = ["ANONYMOUS", "MATRIX_ROLES", "PASSWORD", "Role"]
