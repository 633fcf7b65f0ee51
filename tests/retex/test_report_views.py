"""The multi-step RETEX form, uploads and the review screens, in HTML: bad input answered next to the field."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from retex.forms import ATTACHMENT_MAX_SIZE
from retex.models import ExperienceReport, ReportStatus
from tests.factories import UserFactory

from .factories import AttachmentFactory, ReportFactory, theme

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0d50000000049454e44ae426082"
)


def step_url(report, step):
    return reverse("retex:report_step", args=[report.pk, step])


@pytest.fixture
def partner_client(make_user, client_for):
    partner = make_user("partner")
    return partner, client_for(partner)


def test_partner_starts_a_draft_and_moves_through_the_steps(partner_client):
    partner, client = partner_client
    response = client.post(reverse("retex:report_create"))
    report = ExperienceReport.objects.get(author=partner)
    assert response.url == step_url(report, "identite")
    assert report.organisation == partner.memberships.get().organisation
    response = client.post(
        step_url(report, "identite"),
        {
            "title": "Tablettes prêtées",
            "summary": "Un prêt aux familles.",
            "link": "exemple.fr/video",
            "version": 1,
            "next": "",
        },
    )
    assert response.status_code == 302 and response.url == step_url(report, "thematiques")
    report.refresh_from_db()
    assert report.link == "https://exemple.fr/video"
    response = client.post(
        step_url(report, "thematiques"), {"themes": [theme(1).pk], "version": report.version, "quit": ""}
    )
    assert response.url == reverse("retex:my_reports")
    assert list(report.themes.all()) == [theme(1)]
    page = client.get(reverse("retex:my_reports")).content.decode()
    assert "Tablettes prêtées" in page and "Brouillon" in page


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"summary": "x" * 401}, "Le résumé doit tenir en 400 caractères (2 ou 3 lignes) ; il en compte 401."),
        ({"title": "<script>alert(1)</script>Titre"}, "balises HTML ou du script"),
        ({"summary": 'Bien <img src=x onerror="alert(1)">'}, "balises HTML ou du script"),
        ({"link": "pas une adresse"}, "Saisissez une adresse web complète"),
    ],
)
def test_bad_input_is_answered_next_to_the_field_and_kept(partner_client, data, field_message):
    partner, client = partner_client
    report = ReportFactory(author=partner, title="Titre d'origine")
    posted = {"title": "Mon titre", "summary": "Résumé", "link": "", "version": report.version, **data}
    response = client.post(step_url(report, "identite"), posted)
    assert response.status_code == 200
    page = response.content.decode()
    assert field_message in page
    assert "fr-input-group--error" in page or "fr-error-text" in page
    typed = next(iter(data.values()))
    assert typed[:50].replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")[:30] in page
    report.refresh_from_db()
    assert report.title == "Titre d'origine"


def test_plain_text_with_a_lower_than_sign_is_fine(partner_client):
    partner, client = partner_client
    report = ReportFactory(author=partner)
    response = client.post(
        step_url(report, "points-forts"), {"strengths": "Coût < 100 € & rapide", "version": report.version}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.strengths == "Coût < 100 € & rapide"


def test_htmx_autosave_answers_a_status_and_the_new_version(partner_client):
    partner, client = partner_client
    report = ReportFactory(author=partner)
    response = client.post(
        step_url(report, "irritants"),
        {"pain_points": "Logistique", "version": report.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Brouillon enregistré automatiquement" in page
    assert f'value="{report.version + 1}"' in page and 'hx-swap-oob="true"' in page
    response = client.post(
        step_url(report, "irritants"),
        {"pain_points": "Écrasé", "version": report.version},
        headers={"HX-Request": "true"},
    )
    assert "modifié entre-temps" in response.content.decode()
    report.refresh_from_db()
    assert report.pain_points == "Logistique"


def test_an_autosave_landing_after_its_page_moved_on_does_not_block_the_submission(partner_client):
    """The browser sends the autosave of a field left by a click on a step button; on a slow line it reaches the
    server after the page's full save: it is refused, and the review page rendered meanwhile still submits."""
    partner, client = partner_client
    report = ReportFactory(author=partner)
    page = {"summary": "120 familles équipées.", "version": report.version, "edit_token": "page-1"}
    response = client.post(step_url(report, "identite"), {**page, "title": report.title, "goto": "verification"})
    assert response.url == step_url(report, "verification")
    review = client.get(response.url).content.decode()
    response = client.post(
        step_url(report, "identite"), {**page, "title": report.title}, headers={"HX-Request": "true"}
    )
    assert "modifié entre-temps" in response.content.decode()
    report.refresh_from_db()
    assert f'name="version" value="{report.version}"' in review
    response = client.post(step_url(report, "verification"), {"version": report.version})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.summary == "120 familles équipées."


def test_a_stale_full_save_keeps_what_was_typed(partner_client):
    partner, client = partner_client
    report = ReportFactory(author=partner)
    ExperienceReport.objects.filter(pk=report.pk).update(version=5)
    response = client.post(step_url(report, "points-forts"), {"strengths": "Mon texte tapé", "version": 1})
    page = response.content.decode()
    assert "modifié entre-temps" in page and "Mon texte tapé" in page


def test_submission_with_missing_fields_lists_each_next_to_its_field(partner_client):
    partner, client = partner_client
    report = ExperienceReport.objects.create(author=partner, title="Incomplet")
    response = client.post(step_url(report, "verification"), {"version": report.version})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Le RETEX n'a pas pu être soumis" in page
    for message in (
        "Renseignez « résumé » avant de soumettre.",
        "Choisissez au moins une thématique avant de soumettre.",
    ):
        assert message in page
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.title == "Incomplet"


def test_complete_report_is_submitted_and_locked(partner_client, django_capture_on_commit_callbacks):
    partner, client = partner_client
    report = ReportFactory(author=partner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url(report, "verification"), {"version": report.version})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert partner.email in mail.outbox[0].to
    assert client.get(step_url(report, "identite")).status_code == 403


# --- attachments ----------------------------------------------------------------------------------------------


def upload(client, report, name, content):
    return client.post(step_url(report, "pieces-jointes"), {"upload": "", "file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("gros.pdf", PDF + b"0" * ATTACHMENT_MAX_SIZE, "la limite est de 5 Mo"),
        ("..pdf", PDF, "Le nom de ce fichier n&#x27;est pas accepté"),
        ("programme.exe", b"MZ\x90\x00" + b"\x00" * 100, "Ce type de fichier n&#x27;est pas accepté"),
        ("faux.pdf", PNG, "Le contenu de ce fichier ne correspond pas à son extension « .pdf »"),
        ("faux.png", b"<html><script>alert(1)</script></html>", "ne correspond pas à son extension « .png »"),
    ],
)
def test_bad_attachments_are_refused_with_a_message(partner_client, name, content, message):
    partner, client = partner_client
    report = ReportFactory(author=partner)
    response = upload(client, report, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not report.attachments.exists()


def test_a_pdf_is_stored_under_a_random_name_and_downloaded_as_an_attachment(partner_client, client_for, settings):
    partner, client = partner_client
    report = ReportFactory(author=partner)
    response = upload(client, report, "Compte rendu.pdf", PDF)
    assert response.status_code == 302
    attachment = report.attachments.get()
    assert attachment.original_name == "Compte rendu.pdf" and attachment.content_type == "application/pdf"
    assert "Compte" not in attachment.file.name and attachment.file.name.startswith("retex/")
    assert str(settings.MEDIA_ROOT) in attachment.file.path
    url = reverse("retex:attachment_download", args=[report.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    response.close()
    assert client_for(None).get(url).status_code == 404
    assert client_for(UserFactory(partner=True)).get(url).status_code == 404


def test_attachments_of_published_reports_are_public(client_for):
    attachment = AttachmentFactory(report=ReportFactory(published=True))
    url = reverse("retex:attachment_download", args=[attachment.report.pk, attachment.pk])
    response = client_for(None).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    response.close()


# --- review --------------------------------------------------------------------------------------------------


def test_reviewer_returns_with_a_comment_then_publishes_after_resubmission(
    client_for, django_capture_on_commit_callbacks
):
    reviewer = UserFactory(editor=True)
    report = ReportFactory(submitted=True)
    client = client_for(reviewer)
    url = reverse("retex:report_review", args=[report.pk])
    response = client.post(url, {"decision": "return", "comment": ""})
    assert response.status_code == 200
    assert "le commentaire est obligatoire" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "return", "comment": "Précisez la fréquentation."})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert "Précisez la fréquentation." in mail.outbox[-1].body
    assert client.post(url, {"decision": "publish"}).status_code == 403
    author = client_for(report.author)
    page = author.get(step_url(report, "identite")).content.decode()
    assert "Précisez la fréquentation." in page
    author.post(step_url(report, "verification"), {"version": report.version})
    response = client.post(url, {"decision": "publish"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert escape(report.title) in client_for(None).get(reverse("retex:report_list")).content.decode()


def test_editing_a_published_report_makes_a_revision_and_keeps_the_published_one(client_for):
    report = ReportFactory(published=True, title="Version publiée")
    client = client_for(report.author)
    response = client.post(reverse("retex:report_revise", args=[report.pk]))
    revision = ExperienceReport.objects.get(revision_of=report)
    assert response.url == step_url(revision, "identite")
    client.post(
        step_url(revision, "identite"),
        {"title": "Version revue", "summary": report.summary, "version": revision.version},
    )
    public = client_for(None).get(reverse("retex:report_list")).content.decode()
    assert "Version publiée" in public and "Version revue" not in public


def test_list_filters(client_for):
    ReportFactory(published=True, title="Sur le thème un", themes=[theme(1)])
    ReportFactory(published=True, title="Sur le thème trois", themes=[theme(3)])
    ReportFactory(submitted=True, title="Pas encore publié", themes=[theme(1)])
    page = client_for(None).get(reverse("retex:report_list"), {"theme": theme(1).pk}).content.decode()
    assert "Sur le thème un" in page and "Sur le thème trois" not in page and "Pas encore publié" not in page
    staff = client_for(UserFactory(editor=True)).get(reverse("retex:report_list"), {"status": "submitted"})
    assert "Pas encore publié" in staff.content.decode()


def test_list_filter_by_organisation_name_or_acronym(client_for):
    """Thousands of organisations publish RETEX: the filter is typed (name or acronym), not a list."""
    from tests.factories import OrganisationFactory

    canope = OrganisationFactory(name="Réseau Canopé", acronym="CANOPE")
    ReportFactory(published=True, title="Raconté par Canopé", organisation=canope)
    ReportFactory(published=True, title="Raconté par une autre", organisation=OrganisationFactory(name="Ville"))
    for text in ("canopé", "CANOPE"):
        response = client_for(None).get(reverse("retex:report_list"), {"organisation": text})
        page = response.content.decode()
        assert "Raconté par Canopé" in page and "Raconté par une autre" not in page
        assert f'value="{text}"' in page  # what was typed stays in the field
    assert "<option" not in page.split('name="organisation"')[1].split(">")[0]


def test_browser_line_breaks_are_plain_text(partner_client):
    partner, client = partner_client
    report = ReportFactory(author=partner)
    response = client.post(step_url(report, "points-forts"), {"strengths": "Un\r\nDeux\r\n", "version": report.version})
    assert response.status_code == 302


def test_the_step_links_save_before_moving(partner_client):
    partner, client = partner_client
    report = ReportFactory(author=partner)
    response = client.post(
        step_url(report, "irritants"), {"pain_points": "Nouveau", "version": report.version, "goto": "identite"}
    )
    assert response.url == step_url(report, "identite")
    report.refresh_from_db()
    assert report.pain_points == "Nouveau"


@pytest.mark.parametrize("version", ["abc", "", "99999999999999999999999"])
def test_a_garbled_version_at_submission_is_a_conflict_not_an_error(partner_client, version):
    partner, client = partner_client
    report = ReportFactory(author=partner)
    response = client.post(step_url(report, "verification"), {"version": version})
    assert response.status_code == 400
    assert "modifié entre-temps" in response.content.decode()
