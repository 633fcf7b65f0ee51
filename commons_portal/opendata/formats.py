"""Files in and out: CSV (a zip with the column documentation), XLSX and ODS (data sheet, then the
columns sheet and an "about" sheet) and JSON (`licence`, `schema` and `data` keys)."""

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

import tablib
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commons_portal.core.uploads import MEGABYTE, validate_upload

LICENCE = {
    "id": "lov2",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
FORMATS = {
    "csv": {
        "label": gettext_lazy("CSV (archive zip avec la documentation des colonnes)"),
        "extension": "zip",
        "media_type": "application/zip",
        "dcat_format": "CSV",
    },
    "xlsx": {
        "label": gettext_lazy("Tableur Excel (XLSX)"),
        "extension": "xlsx",
        "media_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "dcat_format": "XLSX",
    },
    "ods": {
        "label": gettext_lazy("Tableur OpenDocument (ODS)"),
        "extension": "ods",
        "media_type": "application/vnd.oasis.opendocument.spreadsheet",
        "dcat_format": "ODS",
    },
    "json": {
        "label": gettext_lazy("JSON"),
        "extension": "json",
        "media_type": "application/json",
        "dcat_format": "JSON",
    },
}
IMPORT_EXTENSIONS = ("zip", "csv", "xlsx", "ods", "json")
MAX_IMPORT_SIZE = 5 * MEGABYTE
DATA_SHEET = "donnees"
COLUMNS_SHEET = "colonnes"
ABOUT_SHEET = "a_propos"


@dataclass
class ExportFile:
    filename: str
    media_type: str
    content: bytes


def table_schema(title: str, fields: list[dict]) -> dict:
    return {
        "title": title,
        "licenses": [{"name": LICENCE["id"], "title": LICENCE["title"], "path": LICENCE["url"]}],
        "fields": fields,
    }


def _columns_sheet(fields: list[dict]) -> tablib.Dataset:
    sheet = tablib.Dataset(headers=[_("colonne"), _("intitulé"), _("type"), _("obligatoire"), _("description")])
    for field in fields:
        required = field.get("constraints", {}).get("required", False)
        sheet.append(
            [
                field["name"],
                field["title"],
                field["type"],
                _("oui") if required else _("non"),
                field.get("description", ""),
            ]
        )
    sheet.title = COLUMNS_SHEET
    return sheet


def _about(title: str, description: str, source_url: str) -> list[tuple[str, str]]:
    return [
        (_("jeu de données"), title),
        (_("description"), description),
        (_("licence"), f"{LICENCE['title']} — {LICENCE['url']}"),
        (_("source"), source_url),
        (_("exporté le"), timezone.localtime().isoformat(timespec="seconds")),
    ]


def _readme(title: str, description: str, source_url: str, fields: list[dict]) -> str:
    lines = [f"{key} : {value}" for key, value in _about(title, description, source_url)]
    lines += ["", _("Colonnes du fichier de données :"), ""]
    for field in fields:
        lines.append(f"- {field['name']} ({field['type']}) : {field['title']}")
        if field.get("description"):
            lines.append(f"    {field['description']}")
    return "\n".join(lines) + "\n"


def render(
    data: tablib.Dataset,
    *,
    file_format: str,
    key: str,
    title: str,
    description: str,
    source_url: str,
    fields: list[dict],
) -> ExportFile:
    spec = FORMATS[file_format]
    stamp = timezone.localdate().isoformat()
    filename = f"{key}-{stamp}.{spec['extension']}"
    if file_format == "json":
        body = {
            "title": title,
            "description": description,
            "licence": LICENCE,
            "source": source_url,
            "schema": table_schema(title, fields),
            "data": data.dict,
        }
        content = json.dumps(body, ensure_ascii=False, indent=2, default=str).encode()
    elif file_format == "csv":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{key}.csv", data.export("csv"))
            archive.writestr("LISEZMOI.txt", _readme(title, description, source_url, fields))
            archive.writestr("schema.json", json.dumps(table_schema(title, fields), ensure_ascii=False, indent=2))
        content = buffer.getvalue()
    else:
        data.title = DATA_SHEET
        about = tablib.Dataset(*_about(title, description, source_url), headers=[_("rubrique"), _("valeur")])
        about.title = ABOUT_SHEET
        content = tablib.Databook([data, _columns_sheet(fields), about]).export(file_format)
    return ExportFile(filename=filename, media_type=spec["media_type"], content=content)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Ce fichier n'est pas encodé en UTF-8."), code="encoding") from error


def _from_records(records) -> tablib.Dataset:
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        raise ValidationError(_("Le JSON doit contenir une liste d'objets sous la clé « data »."), code="json")
    headers: list[str] = []
    for record in records:
        headers += [key for key in record if key not in headers]
    table = tablib.Dataset(headers=headers)
    for record in records:
        table.append(["" if record.get(header) is None else record.get(header) for header in headers])
    return table


def read(upload) -> tablib.Dataset:
    """The rows of an uploaded file in one of the export formats, or a ValidationError saying why not."""
    name = upload.name or ""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    if extension not in IMPORT_EXTENSIONS:
        raise ValidationError(
            _("Format non reconnu : envoyez un fichier %(formats)s.") % {"formats": ", ".join(IMPORT_EXTENSIONS)},
            code="extension",
        )
    if extension in ("zip", "xlsx", "ods"):
        validate_upload(upload, extensions=(extension,), max_size=MAX_IMPORT_SIZE)
    elif upload.size > MAX_IMPORT_SIZE:
        raise ValidationError(_("Ce fichier dépasse 5 Mo."), code="size")
    raw = upload.read()
    try:
        if extension == "json":
            try:
                body = json.loads(_decode(raw))
            except json.JSONDecodeError as error:
                raise ValidationError(
                    _("Ce JSON n'est pas lisible (ligne %(line)d, colonne %(column)d).")
                    % {"line": error.lineno, "column": error.colno},
                    code="json",
                ) from error
            return _from_records(body.get("data") if isinstance(body, dict) else body)
        if extension == "zip":
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                members = [item for item in archive.namelist() if item.lower().endswith(".csv")]
                if len(members) != 1:
                    raise ValidationError(_("L'archive doit contenir un seul fichier CSV."), code="zip")
                if archive.getinfo(members[0]).file_size > 10 * MAX_IMPORT_SIZE:
                    raise ValidationError(_("Le CSV de l'archive est trop volumineux."), code="size")
                raw = archive.read(members[0])
            extension = "csv"
        if extension == "csv":
            return tablib.Dataset().load(_decode(raw), format="csv")
        book = tablib.Databook()
        book.load(raw, format=extension)
        sheets = book.sheets()
        return next((sheet for sheet in sheets if sheet.title == DATA_SHEET), sheets[0])
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 (any parser failure is a bad file, told to the person)
        raise ValidationError(
            _("Ce fichier ne peut pas être lu : est-ce bien un export du portail ?"), code="unreadable"
        ) from error
