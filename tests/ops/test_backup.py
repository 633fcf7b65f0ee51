"""`make backup` / `make restore` round trip on PostgreSQL: the same rows come back."""

import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in counts or not model._meta.managed:
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608  (table names from the models)
            counts[table] = cursor.fetchone()[0]
    return counts


def test_backup_then_restore_gives_back_identical_row_counts(tmp_path):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        if os.environ.get("CI"):
            pytest.fail("the backup test needs PostgreSQL in CI")
        pytest.skip("backups are pg_dump based: set a PostgreSQL DATABASE_URL")
    UserFactory(editor=True)
    OrganisationFactory.create_batch(3)
    before = _row_counts()
    host, port = database["HOST"] or "127.0.0.1", database["PORT"] or 5432
    url = f"postgres://{database['USER'] or 'postgres'}@{host}:{port}/{database['NAME']}"
    env = {**os.environ, "DATABASE_URL": url}
    dump = tmp_path / "commons.dump"
    run = [sys.executable, "-m", "commons_portal.ops.backup"]
    subprocess.run([*run, "dump", str(dump)], env=env, check=True, cwd=settings.BASE_DIR)
    assert dump.stat().st_size > 0
    OrganisationFactory.create_batch(2)  # changes made after the backup are undone by the restore
    connection.close()
    subprocess.run([*run, "restore", str(dump)], env=env, check=True, cwd=settings.BASE_DIR)
    assert _row_counts() == before
