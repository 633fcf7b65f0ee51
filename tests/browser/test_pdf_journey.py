"""An administrator asks for the Corse restitution, follows the progress bar and downloads the PDF;
the form tells bad input next to the field. Accessibility checked with axe-core on each page."""

import pytest
from django.core.management import call_command

from commons_portal.jobs.models import PdfJob
from tests.factories import PASSWORD, UserFactory

from .conftest import assert_accessible, login, screenshot


@pytest.fixture
def demo(transactional_db):
    from io import StringIO

    call_command("load_demo", quiet_accounts=True, stdout=StringIO())


def test_request_follow_and_download_a_restitution(page, demo, tmp_path):
    admin = UserFactory(national_admin=True)
    login(page, admin.email, PASSWORD)

    page.goto("/syntheses/demander/?kind=restitution&object=corse-2020-10-12")
    assert_accessible(page, "formulaire de demande")
    screenshot(page, "pdf-request-form")

    # Bad input first: the message is next to the field and what was typed stays.
    page.get_by_label("Objet du document").fill("session-inconnue")
    page.get_by_role("button", name="Lancer la production").click()
    page.wait_for_load_state()
    assert page.locator("#id_object_ref-desc-error").inner_text().startswith("Session introuvable")
    assert page.get_by_label("Objet du document").input_value() == "session-inconnue"
    assert_accessible(page, "formulaire en erreur")
    screenshot(page, "pdf-request-error")

    page.get_by_label("Objet du document").fill("corse-2020-10-12")
    page.get_by_role("button", name="Lancer la production").click()
    page.wait_for_load_state()
    job = PdfJob.objects.get()
    assert page.url.endswith(f"/syntheses/{job.pk}/")
    # Jobs run in-process here: the page shows the finished document.
    page.get_by_role("heading", name="Votre document est prêt").wait_for()
    assert_accessible(page, "page du document")
    screenshot(page, "pdf-job-done")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le PDF").click()
    target = tmp_path / "restitution.pdf"
    download_info.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF-")

    page.goto("/syntheses/")
    assert page.get_by_role("link", name=job.title, exact=True).is_visible()
    assert_accessible(page, "mes synthèses")
    screenshot(page, "pdf-my-syntheses")


def test_the_progress_bar_follows_the_job_with_htmx(page, demo):
    """A job still running: the page polls its fragment and swaps in the download link once done."""
    admin = UserFactory(national_admin=True)
    from commons_portal.jobs.services import pdf_job_request

    job = pdf_job_request(kind="ecosystem", object_ref=None, territory_code="R27", user=admin)  # not enqueued
    PdfJob.objects.filter(pk=job.pk).update(status="running", progress=40)
    login(page, admin.email, PASSWORD)
    page.goto(f"/syntheses/{job.pk}/")
    assert page.locator("progress#job-progress").get_attribute("value") == "40"
    assert_accessible(page, "document en cours")
    screenshot(page, "pdf-job-running")
    PdfJob.objects.filter(pk=job.pk).update(status="running", progress=80)
    page.wait_for_function("document.querySelector('progress#job-progress')?.value == 80", timeout=10_000)
    from commons_portal.jobs.services import pdf_job_render

    PdfJob.objects.filter(pk=job.pk).update(status="queued", attempts=0)
    pdf_job_render(job_id=job.pk)
    page.get_by_role("link", name="Télécharger le PDF").wait_for(timeout=10_000)
