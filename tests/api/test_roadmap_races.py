"""Simultaneous API writes on one roadmap (PostgreSQL: SQLite serialises every write): one edit with a
given ETag wins and the others get 412; one workflow step applies and the others are refused; asking
for the next version many times at once drafts one."""

import pytest
from rest_framework.test import APIClient

from roadmaps.models import Roadmap
from tests.factories import UserFactory
from tests.roadmaps.factories import RoadmapFactory
from tests.utils import at_once, skip_unless_postgresql

pytestmark = pytest.mark.django_db(transaction=True)
WRITERS = 6


def _race(user, send) -> list[int]:
    """`send(client, n)` from WRITERS threads released together; their status codes."""

    def writer(n: int) -> int:
        client = APIClient()
        client.force_authenticate(user)
        return send(client, n).status_code

    return sorted(at_once(writer, WRITERS))


@pytest.fixture
def editor():
    skip_unless_postgresql()
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
