"""The request form, the job page (htmx fragment), the download and the list: permission matrix, bad
input next to the fields, query counts."""

import pytest
from django.urls import reverse

from commons_portal.jobs.models import PdfJob
from tests.conftest import ANONYMOUS
from tests.factories import MembershipFactory, OrganisationFactory, territory
from tests.utils import assert_queries_do_not_grow

pytestmark = pytest.mark.usefixtures("test_kinds")

REQUEST_URL = reverse("jobs:request")


def post_request(client, **data):
    payload = {"kind": "test-plain", "object_ref": "canope-bourgogne", "territory": ""}
    payload.update(data)
    return client.post(REQUEST_URL, payload)


@pytest.fixture
def done_job(organisation, users, django_capture_on_commit_callbacks):
    from commons_portal.jobs.services import pdf_job_request

    with django_capture_on_commit_callbacks(execute=True):
        job = pdf_job_request(
            kind="test-plain", object_ref="canope-bourgogne", territory_code=None, user=users["national_admin"]
        )
    job.refresh_from_db()
    assert job.status == PdfJob.Status.DONE
    return job


@pytest.mark.parametrize(
    ("role", "expected"),
    [(ANONYMOUS, 302), ("partner", 200), ("editor", 200), ("territorial_admin", 200), ("national_admin", 200)],
)
def test_who_may_open_the_request_form(role_client, role, expected):
    assert role_client(role).get(REQUEST_URL).status_code == expected


def test_someone_without_a_role_gets_403(client_for, make_user):
    assert client_for(make_user()).get(REQUEST_URL).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    # The test kind follows partners.change_organisation: administrators of R27, where it acts.
    [("partner", 200), ("editor", 200), ("territorial_admin", 302), ("national_admin", 302)],
)
def test_who_may_request_a_document_of_an_organisation(role_client, organisation, role, status):
    response = post_request(role_client(role))
    assert response.status_code == status
    if status == 200:
        assert "Aucun document de ce type que vous puissiez consulter" in response.content.decode()
        assert not PdfJob.objects.exists()
    else:
        job = PdfJob.objects.get()
        assert response["Location"] == reverse("jobs:detail", args=[job.pk])


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "inconnu"}, "kind", "Sélectionnez un choix valide"),
        ({"kind": ""}, "kind", "Ce champ est obligatoire"),
        ({"object_ref": "nulle-part"}, "object_ref", "Organisation introuvable"),
        ({"object_ref": ""}, "object_ref", "Indiquez l&#x27;objet du document"),
        ({"object_ref": "a\x00b"}, "object_ref", "octet nul"),
        ({"kind": "ecosystem", "object_ref": "", "territory": "R99"}, "territory", "Territoire inconnu"),
        ({"kind": "ecosystem", "object_ref": "", "territory": ""}, "territory", "Indiquez le territoire"),
    ],
)
def test_bad_input_is_told_next_to_the_field_and_kept(role_client, organisation, data, field, message):
    response = post_request(role_client("national_admin"), **data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'id="id_{field}-desc-error"' in page or f"{field}-desc-error" in page
    typed = data.get("object_ref") or data.get("territory")
    if typed and "\x00" not in typed:
        assert f'value="{typed}"' in page
    assert not PdfJob.objects.exists()


def test_the_form_is_prefilled_from_the_query_string(role_client):
    page = role_client("editor").get(REQUEST_URL, {"kind": "ecosystem", "territory": "R27"}).content.decode()
    assert 'value="R27"' in page and '<option value="ecosystem" selected>' in page


@pytest.mark.parametrize(
    ("role", "page", "download"),
    [(ANONYMOUS, 302, 302), ("partner", 403, 403), ("editor", 403, 403), ("territorial_admin", 200, 200)],
)
def test_who_may_follow_and_download_a_job(role_client, done_job, role, page, download):
    client = role_client(role)
    assert client.get(reverse("jobs:detail", args=[done_job.pk])).status_code == page
    response = client.get(reverse("jobs:download", args=[done_job.pk]))
    response.close()
    assert response.status_code == download


def test_a_member_of_the_organisation_may_download(client_for, make_user, organisation, done_job):
    member = make_user()
    MembershipFactory(user=member, role="partner", territory=None, organisation=organisation)
    response = client_for(member).get(reverse("jobs:download", args=[done_job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    response.close()
    assert 'attachment; filename="dossier-de-test-reseau-canope-bourgogne.pdf"' == response["Content-Disposition"]


def test_the_job_page_shows_the_download_link_when_done(role_client, done_job):
    page = role_client("national_admin").get(reverse("jobs:detail", args=[done_job.pk])).content.decode()
    assert reverse("jobs:download", args=[done_job.pk]) in page
    assert "3 pages" in page
    assert "hx-trigger" not in page  # nothing left to poll


def test_a_running_job_polls_its_fragment_and_works_without_javascript(role_client, organisation):
    client = role_client("national_admin")
    post_request(client)  # not executed: no on_commit callbacks in this test
    job = PdfJob.objects.get()
    PdfJob.objects.filter(pk=job.pk).update(status="running", progress=40)
    url = reverse("jobs:detail", args=[job.pk])
    page = client.get(url).content.decode()
    assert f'hx-get="{url}"' in page and 'hx-trigger="every 2s"' in page
    assert '<progress id="job-progress" class="jobs-progress" max="100" value="40">' in page
    assert f'href="{url}">Actualiser' in page.replace("\n", "")
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="job-status"') and "<html" not in fragment
    assert reverse("jobs:download", args=[job.pk]) not in page
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_the_failed_job_page_shows_the_error_and_a_retry_link(role_client, organisation, users):
    from commons_portal.jobs.services import pdf_job_request

    job = pdf_job_request(kind="test-broken", object_ref="canope-bourgogne", user=users["national_admin"])
    PdfJob.objects.filter(pk=job.pk).update(status="failed", error="Le rendu a échoué : panne")
    page = role_client("national_admin").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Le rendu a échoué : panne" in page and "Relancer la demande" in page


def test_unknown_job_is_404(role_client):
    assert role_client("national_admin").get(reverse("jobs:detail", args=[999999])).status_code == 404


def test_my_syntheses_lists_only_mine_with_a_constant_query_count(role_client, users, organisation):
    from commons_portal.jobs.services import pdf_job_request

    admin = users["national_admin"]
    client = role_client("national_admin")
    counter = iter(range(100))

    def grow():
        for _ in range(5):
            other = OrganisationFactory(territories=[territory("R27")], description=f"d{next(counter)}")
            pdf_job_request(kind="test-plain", object_ref=other.slug, user=admin)

    grow()
    pdf_job_request(kind="test-plain", object_ref=organisation.slug, user=users["territorial_admin"])
    assert_queries_do_not_grow(lambda: client.get(reverse("jobs:list")), grow)
    page = client.get(reverse("jobs:list")).content.decode()
    assert page.count("Dossier de test — Collectivité") == 10
    assert "Réseau Canopé Bourgogne" not in page
