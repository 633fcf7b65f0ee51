"""API reads are kept in the cache until any content changes, for each client alone (whether known by
session or by token), and never served stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import OrganisationFactory, UserFactory
from tests.roadmaps.factories import RoadmapFactory

pytestmark = pytest.mark.django_db


def _read(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response, len(context.captured_queries)


def test_a_list_is_read_again_without_its_queries_until_something_changes():
    url = reverse("api:organisation-list")
    client = APIClient()
    OrganisationFactory(name="Atelier Canopé 25")
    first, cold = _read(client, url)
    second, warm = _read(client, url)
    assert second.json() == first.json() and warm < cold
    assert second["Link"] == first["Link"]
    OrganisationFactory(name="Atelier Canopé 39")
    third, _ = _read(client, url)
    assert "Atelier Canopé 39" in [item["name"] for item in third.json()["results"]]


def test_a_detail_keeps_its_etag_and_a_draft_never_reaches_another_client():
    editor = UserFactory(editor=True)
    draft = RoadmapFactory(title="Brouillon de la DRANE")
    url = reverse("api:roadmap-detail", args=[draft.slug])
    token = Token.objects.create(user=editor)
    by_token = APIClient()
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    first, _ = _read(by_token, url)
    kept, _ = _read(by_token, url)
    assert kept["ETag"] == first["ETag"] and kept.json()["title"] == "Brouillon de la DRANE"
    assert APIClient().get(url).status_code == 404
    assert "Brouillon de la DRANE" not in APIClient().get(reverse("api:roadmap-list")).content.decode()
