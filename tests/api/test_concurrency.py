"""Optimistic concurrency: no write without If-Match (428), none on a stale one (412 + current)."""

import pytest

from .conftest import etag_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(users, organisations, api_for):
    client = api_for(users["national_admin"])
    return client, f"/api/v1/organisations/{organisations['bfc'].pk}/", organisations["bfc"]


def test_reads_carry_an_etag(setup):
    client, url, _organisation = setup
    first = client.get(url)
    assert first["ETag"].startswith('"')
    assert client.get(url)["ETag"] == first["ETag"]


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_write_without_if_match_is_428(setup, method):
    client, url, organisation = setup
    response = getattr(client, method)(url, {"name": "Autre", "kind": "region"}, format="json")
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    organisation.refresh_from_db()
    assert organisation.name == "Région Bourgogne-Franche-Comté"


def test_second_writer_gets_412_with_the_current_version(setup, users, api_for):
    client, url, organisation = setup
    etag = etag_of(client, url)
    other = api_for(users["territorial_admin"])
    first = other.patch(url, {"description": "Écrit en premier"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200, first.content
    assert first["ETag"] != etag

    second = client.patch(url, {"description": "Écrit en second"}, format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    body = second.json()
    assert body["code"] == "precondition_failed"
    assert body["current"]["description"] == "Écrit en premier"
    assert second["ETag"] == first["ETag"]
    organisation.refresh_from_db()
    assert organisation.description == "Écrit en premier"

    retry = client.patch(url, {"description": "Écrit en second"}, format="json", HTTP_IF_MATCH=second["ETag"])
    assert retry.status_code == 200


def test_stale_delete_is_refused(setup):
    client, url, organisation = setup
    response = client.delete(url, HTTP_IF_MATCH='"stale"')
    assert response.status_code == 412
    assert type(organisation).objects.filter(pk=organisation.pk).exists()
    assert client.delete(url, HTTP_IF_MATCH=etag_of(client, url)).status_code == 204
