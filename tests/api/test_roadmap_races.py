"""Simultaneous API writes on one roadmap (PostgreSQL: SQLite serialises every write): one edit with a
given ETag wins and the others get 412; one workflow step applies and the others are refused; asking
for the next version many times at once drafts one."""

import threading

import pytest
from django.conf import settings
from django.db import connection
from rest_framework.test import APIClient

from roadmaps.models import Roadmap
from tests.factories import UserFactory
from tests.roadmaps.factories import RoadmapFactory

pytestmark = pytest.mark.django_db(transaction=True)
WRITERS = 6


def _race(user, send) -> list[int]:
    """`send(client, n)` from WRITERS threads released together; their status codes."""
    barrier = threading.Barrier(WRITERS)
    statuses: list[int] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        client = APIClient()
        client.force_authenticate(user)
        try:
            barrier.wait()
            status = send(client, n).status_code
        finally:
            connection.close()
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


@pytest.fixture
def editor():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises whole-database writes)")
    return UserFactory(editor=True)


def test_one_roadmap_edit_wins(editor):
    roadmap = RoadmapFactory()
    url = f"/api/v1/roadmaps/{roadmap.slug}/"
    reader = APIClient()
    reader.force_authenticate(editor)
    etag = reader.get(url)["ETag"]
    statuses = _race(editor, lambda client, n: client.patch(url, {"title": f"Titre {n}"}, HTTP_IF_MATCH=etag))
    assert statuses == [200] + [412] * (WRITERS - 1)
    assert Roadmap.objects.get(pk=roadmap.pk).version == 2


def test_one_workflow_step_applies(editor):
    roadmap = RoadmapFactory()
    statuses = _race(editor, lambda client, n: client.post(f"/api/v1/roadmaps/{roadmap.slug}/submit/"))
    assert statuses == [200] + [403] * (WRITERS - 1)
    saved = Roadmap.objects.get(pk=roadmap.pk)
    assert (saved.status, saved.version) == (Roadmap.Status.IN_REVIEW, 2)


def test_one_next_version_is_drafted(editor):
    roadmap = RoadmapFactory(validated=True)
    statuses = _race(editor, lambda client, n: client.post(f"/api/v1/roadmaps/{roadmap.slug}/new-version/"))
    assert statuses == [200] * (WRITERS - 1) + [201]
    assert Roadmap.objects.filter(previous_version=roadmap).count() == 1
