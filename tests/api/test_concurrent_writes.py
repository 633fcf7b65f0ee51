"""Many simultaneous API writes with the same ETag: exactly one wins (200), the others get a 412 with the
current version, and the winner's change is the one kept (PostgreSQL: SQLite serialises every write)."""

import threading

import pytest
from django.conf import settings
from django.db import connection
from rest_framework.test import APIClient

from retex.models import Projection
from roadmaps.models import Programme
from tests.factories import UserFactory
from tests.retex.factories import ProjectionFactory, SessionFactory
from tests.roadmaps.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)
WRITERS = 6


def _race(url: str, field: str, user) -> list[tuple[int, str]]:
    reader = APIClient()
    reader.force_authenticate(user)
    etag = reader.get(url)["ETag"]
    barrier = threading.Barrier(WRITERS)
    outcomes: list[tuple[int, str]] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        client = APIClient()
        client.force_authenticate(user)
        value = f"Écrit par la personne {n}"
        try:
            barrier.wait()
            status = client.patch(url, {field: value}, format="json", HTTP_IF_MATCH=etag).status_code
        finally:
            connection.close()
        with lock:
            outcomes.append((status, value))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def editor():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises whole-database writes)")
    return UserFactory(editor=True)


def test_one_programme_write_wins(editor):
    programme = ProgrammeFactory()
    outcomes = _race(f"/api/v1/programmes/{programme.pk}/", "description", editor)
    winners = [value for status, value in outcomes if status == 200]
    assert sorted(status for status, _value in outcomes) == [200] + [412] * (WRITERS - 1)
    saved = Programme.objects.get(pk=programme.pk)
    assert (saved.description, saved.version) == (winners[0], 2)


def test_one_workshop_record_write_wins(editor):
    projection = ProjectionFactory(session=SessionFactory())
    outcomes = _race(f"/api/v1/projections/{projection.pk}/", "need", editor)
    winners = [value for status, value in outcomes if status == 200]
    assert sorted(status for status, _value in outcomes) == [200] + [412] * (WRITERS - 1)
    saved = Projection.objects.select_related("session").get(pk=projection.pk)
    assert (saved.need, saved.session.version) == (winners[0], 2)
