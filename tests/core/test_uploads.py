"""The hostile upload set: each is refused with a message, and a genuine document passes."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commons_portal.core.uploads import MEGABYTE, attachment_response, random_upload_path, validate_upload

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def odt_bytes(payload: bytes = b"<office:document/>", *, mime_first: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", payload)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content"), [("rapport.pdf", PDF), ("photo.png", PNG), ("compte-rendu.odt", odt_bytes())]
)
def test_genuine_documents_pass(name, content):
    assert validate_upload(upload(name, content)) == name.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("rapport.pdf", b"<html><script>alert(1)</script></html>", "content"),  # HTML renamed .pdf
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "extension"),
        ("page.html", b"<html></html>", "extension"),
        ("rapport\x00.pdf", PDF, "name"),
        ("dossier\\rapport.pdf", PDF, "name"),
        (".htaccess", b"deny", "name"),
        ("image.png", PDF, "content"),
        ("bombe.odt", odt_bytes(b"0" * (30 * MEGABYTE)), "zip_bomb"),
    ],
)
def test_hostile_uploads_are_refused_with_a_message(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_upload(upload(name, content))
    assert error.value.code == code
    assert error.value.messages[0]


def test_path_traversal_never_reaches_the_file_system():
    """Django keeps only the base name of an upload, and the stored name is random anyway."""
    traversal = upload("../../etc/passwd.pdf", PDF)
    assert validate_upload(traversal) == "pdf"
    assert "/" not in traversal.name
    assert ".." not in random_upload_path("docs", traversal.name)


def test_oversized_upload_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("gros.pdf", PDF + b"0" * (2 * MEGABYTE)), max_size=MEGABYTE)
    assert error.value.code == "size"
    assert "la limite est de 1 Mo" in error.value.messages[0]


def test_stored_names_are_random_and_keep_only_the_extension():
    first, second = random_upload_path("retex", "Mon rapport.PDF"), random_upload_path("retex", "Mon rapport.PDF")
    assert first != second
    assert first.startswith("retex/") and first.endswith(".pdf")
    assert "rapport" not in first


@pytest.mark.django_db  # closing the response sends request_finished, which looks at the connection
def test_attachment_response_is_a_download_with_nosniff(tmp_path):
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=tmp_path)
    name = storage.save(random_upload_path("docs", "x.pdf"), io.BytesIO(PDF))
    response = attachment_response(storage.open(name), "Convention <signée>.pdf")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "<" not in response["Content-Disposition"]
    response.close()
