"""Convention documents: size and type checked from the content, stored privately, served as attachments."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import PartnershipDocument
from tests.factories import UserFactory

from .factories import PartnershipFactory

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


@pytest.fixture
def setup(db, client_for):
    admin = UserFactory(territorial_admin=True, territory_code="R27")
    return PartnershipFactory(territory=admin.memberships.get().territory), client_for(admin)


def upload(client, partnership, name, content, title="Convention signée"):
    return client.post(
        reverse("partners:document_upload", args=[partnership.slug]),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.django_db
def test_a_pdf_is_stored_privately_under_a_random_name_and_served_as_attachment(setup):
    partnership, client = setup
    assert upload(client, partnership, "convention signée.pdf", PDF).status_code == 302
    document = PartnershipDocument.objects.get()
    assert document.content_type == "application/pdf"
    path = Path(document.file.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT) / "private")
    assert "convention" not in path.name
    response = client.get(reverse("partners:document_download", args=[document.pk]))
    assert response.content == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programme.exe", b"MZ\x90\x00" + b"\x00" * 100, "Ce type de fichier n'est pas accepté"),
        ("notes.pdf", b"<html><script>alert(1)</script></html>", "ne correspond pas à son extension"),
        ("photo.pdf", PNG, "ne correspond pas à son extension"),
    ],
)
def test_wrong_or_spoofed_types_are_refused_next_to_the_field(setup, name, content, message):
    partnership, client = setup
    response = upload(client, partnership, name, content)
    assert response.status_code == 400
    html = response.content.decode()
    file_group = html[html.rindex("fr-input-group", 0, html.index('name="file"')) :]
    assert message in file_group.replace("&#x27;", "'")
    assert 'value="Convention signée"' in html  # the title typed is kept
    assert not PartnershipDocument.objects.exists()


@pytest.mark.django_db
def test_too_large_a_file_is_refused(setup, settings):
    settings.PARTNERS_DOCUMENT_MAX_SIZE = 1024 * 1024
    partnership, client = setup
    response = upload(client, partnership, "gros.pdf", PDF + b"0" * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert "la limite est de 1 Mo" in response.content.decode()
    assert not PartnershipDocument.objects.exists()
