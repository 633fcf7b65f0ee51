"""Many simultaneous API writes with the same ETag: exactly one wins (200), the others get a 412 with the
current version, and the winner's change is the one kept (PostgreSQL: SQLite serialises every write)."""

import pytest
from rest_framework.test import APIClient

from retex.models import Projection
from roadmaps.models import Programme
from tests.factories import UserFactory
from tests.retex.factories import ProjectionFactory, SessionFactory
from tests.roadmaps.factories import ProgrammeFactory
from tests.utils import at_once, skip_unless_postgresql

pytestmark = pytest.mark.django_db(transaction=True)
WRITERS = 6


def _race(url: str, field: str, user) -> list[tuple[int, str]]:
    reader = APIClient()
    reader.force_authenticate(user)
    etag = reader.get(url)["ETag"]

    def writer(n: int) -> tuple[int, str]:
        client = APIClient()
        client.force_authenticate(user)
        value = f"Écrit par la personne {n}"
        return client.patch(url, {field: value}, format="json", HTTP_IF_MATCH=etag).status_code, value

    return at_once(writer, WRITERS)


@pytest.fixture
def editor():
    skip_unless_postgresql()
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
