"""The PDF syntheses API: bad input is a 400 JSON naming the field, never a 500 and never a row."""

import pytest
from rest_framework.test import APIClient

from commons_portal.jobs.models import PdfJob

pytestmark = pytest.mark.usefixtures("test_kinds")

URL = "/api/v1/syntheses/"


@pytest.fixture
def api(users):
    def make(role):
        client = APIClient()
        if users[role] is not None:
            client.force_authenticate(users[role])
        return client

    return make


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "inconnu", "object": "canope-bourgogne"}, "kind"),
        ({"kind": ["test-plain"], "object": "canope-bourgogne"}, "kind"),
        ({"object": "canope-bourgogne"}, "kind"),
        ({"kind": "test-plain", "object": {"slug": "x"}}, "object"),
        ({"kind": "test-plain", "object": "nulle-part"}, "object"),
        ({"kind": "test-plain", "object": "a\x00b"}, "object"),
        ({"kind": "ecosystem", "territory": ["R27"]}, "territory"),
        ({"kind": "ecosystem", "territory": "R99"}, "territory"),
        ({"kind": "ecosystem", "territory": "x" * 50}, "territory"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, organisation, payload, field):
    response = api("national_admin").post(URL, payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"], response.json()
    assert not PdfJob.objects.exists()


def test_request_then_the_same_again(api, organisation, django_capture_on_commit_callbacks):
    client = api("national_admin")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL, {"kind": "test-plain", "object": organisation.pk}, format="json")
    assert first.status_code == 201
    body = client.get(f"{URL}{first.json()['id']}/").json()
    assert body["status"] == "done" and body["download_url"].endswith("/telecharger/")
    again = client.post(URL, {"kind": "test-plain", "object": "canope-bourgogne"}, format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert [job["id"] for job in client.get(URL).json()["results"]] == [first.json()["id"]]


@pytest.mark.parametrize(("role", "status"), [("anonymous", 403), ("partner", 400), ("territorial_admin", 201)])
def test_who_may_request(api, organisation, role, status):
    response = api(role).post(URL, {"kind": "test-plain", "object": "canope-bourgogne"}, format="json")
    assert response.status_code in ((401, 403) if status == 403 else (status,))


def test_a_job_one_may_not_see_is_404(api, organisation, users):
    from commons_portal.jobs.services import pdf_job_request

    job = pdf_job_request(kind="test-plain", object_ref="canope-bourgogne", user=users["national_admin"])
    assert api("editor").get(f"{URL}{job.pk}/").status_code == 404
    assert api("territorial_admin").get(f"{URL}{job.pk}/").status_code == 200
