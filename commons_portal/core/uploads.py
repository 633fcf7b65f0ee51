"""Checking, storing and serving uploaded files, for every app.

A file is accepted only when its name is harmless, its size is within the limit, its extension is
allowed and its content (sniffed with `filetype`, not trusted from the browser) is of that extension;
office documents, being zip archives, are also checked against zip bombs. It is stored under MEDIA_ROOT
(outside the web root) with a random name, and served only by permission-checked views, as an
attachment with `nosniff` and a sandboxing Content-Security-Policy.
"""

import uuid
import zipfile
from pathlib import PurePosixPath

import filetype
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MEGABYTE = 1024 * 1024
DEFAULT_MAX_SIZE = 10 * MEGABYTE
DOCUMENT_EXTENSIONS = ("pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "png", "jpg", "jpeg", "webp")
# Zip-based formats: the content that unpacks must stay reasonable.
_ZIP_EXTENSIONS = {"odt", "ods", "odp", "docx", "xlsx", "pptx"}
MAX_UNPACKED_SIZE = 200 * MEGABYTE
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_ENTRIES = 2000
_SAME_KIND = {"jpeg": "jpg"}


def _check_name(name: str) -> str:
    if not name or "\x00" in name or "/" in name or "\\" in name or name.startswith(".") or ".." in name:
        raise ValidationError(_("Le nom de ce fichier n'est pas accepté. Renommez-le puis réessayez."), code="name")
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    return _SAME_KIND.get(extension, extension)


def _check_zip(upload) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            unpacked = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries) or 1
    except zipfile.BadZipFile as error:
        raise ValidationError(_("Ce document est endommagé : il ne peut pas être ouvert."), code="corrupt") from error
    finally:
        upload.seek(0)
    if len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_UNPACKED_SIZE or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise ValidationError(
            _("Ce document se décompresse en un volume anormal : il est refusé par sécurité."), code="zip_bomb"
        )


def validate_upload(upload, *, extensions=DOCUMENT_EXTENSIONS, max_size: int = DEFAULT_MAX_SIZE) -> str:
    """Check an uploaded file; returns its extension, or raises ValidationError with a French message."""
    extension = _check_name(upload.name or "")
    allowed = {_SAME_KIND.get(ext, ext) for ext in extensions}
    if extension not in allowed:
        raise ValidationError(
            _("Ce type de fichier n'est pas accepté. Formats acceptés : %(formats)s.")
            % {"formats": ", ".join(sorted(allowed))},
            code="extension",
        )
    if upload.size > max_size:
        raise ValidationError(
            _("Ce fichier pèse %(size).1f Mo : la limite est de %(limit)d Mo.")
            % {"size": upload.size / MEGABYTE, "limit": max_size // MEGABYTE},
            code="size",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    sniffed = _SAME_KIND.get(kind.extension, kind.extension) if kind else None
    if sniffed != extension:
        raise ValidationError(
            _("Le contenu de ce fichier ne correspond pas à son extension « .%(extension)s ».")
            % {"extension": extension},
            code="content",
        )
    if extension in _ZIP_EXTENSIONS:
        _check_zip(upload)
    return extension


def random_upload_path(folder: str, filename: str) -> str:
    """`<folder>/<random>.<ext>`: the name a person gave never reaches the file system."""
    extension = PurePosixPath(filename).suffix.lower()
    return f"{folder}/{uuid.uuid4().hex}{extension}"


def attachment_response(field_file, download_name: str) -> FileResponse:
    """Serve a stored file as a download that the browser neither renders nor sniffs."""
    extension = PurePosixPath(field_file.name).suffix.lower()
    name = get_valid_filename(PurePosixPath(download_name).stem or "document") + extension
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
