"""Export a dataset to a file, import a file into a dataset (preview first; all rows or none)."""

from dataclasses import dataclass, field

import tablib
from django.db import transaction
from django.utils.translation import gettext as _

from . import formats
from .registry import Dataset

NON_FIELD = "__all__"


@dataclass
class RowError:
    line: int  # the line in the spreadsheet (the header is line 1); 1 for a header error
    column: str
    message: str


@dataclass
class ImportReport:
    columns: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # {"line", "status", "values"}
    errors: list[RowError] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    saved: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors


def dataset_export(*, dataset: Dataset, user, file_format: str, columns: list[str] | None, source_url: str):
    """The rows `user` may see, in `file_format`, with only `columns` (all of them when empty)."""
    resource = dataset.resource(user=user)
    selected = [name for name in resource.column_names() if not columns or name in columns]
    data = resource.export(queryset=dataset.queryset(user), export_fields=selected)
    return formats.render(
        data,
        file_format=file_format,
        key=dataset.key,
        title=str(dataset.title),
        description=str(dataset.description),
        source_url=source_url,
        fields=resource.describe_columns(selected),
    )


def _header_errors(resource, table: tablib.Dataset) -> list[RowError]:
    known = set(resource.column_names())
    headers = [str(header or "") for header in (table.headers or [])]
    errors = [
        RowError(1, header or "?", _("Colonne inconnue : les colonnes possibles sont décrites dans l'export."))
        for header in headers
        if header not in known
    ]
    errors += [
        RowError(1, name, _("Colonne obligatoire absente : elle identifie chaque ligne."))
        for name in resource.get_import_id_fields()
        if name not in headers
    ]
    if len(set(headers)) != len(headers):
        errors.append(RowError(1, "", _("Une colonne apparaît deux fois.")))
    if not table.height:
        errors.append(RowError(2, "", _("Le fichier ne contient aucune ligne de données.")))
    return errors


def dataset_import(*, dataset: Dataset, user, table: tablib.Dataset, dry_run: bool) -> ImportReport:
    """Check (dry run) or import the rows of `table`. Any wrong row, and nothing is saved: the report
    names the line and the column of each error."""
    resource = dataset.resource(user=user)
    report = ImportReport(columns=[str(header) for header in (table.headers or [])])
    report.errors = _header_errors(resource, table)
    if report.errors:
        return report
    with transaction.atomic():
        result = resource.import_data(
            table, dry_run=dry_run, raise_errors=False, use_transactions=True, rollback_on_validation_errors=True
        )
        for invalid in result.invalid_rows:
            for column, messages in invalid.error_dict.items():
                for message in messages:
                    report.errors.append(RowError(invalid.number + 1, "" if column == NON_FIELD else column, message))
        for number, errors in result.row_errors():
            for error in errors:
                report.errors.append(
                    RowError(number + 1, "", _("Erreur inattendue : %(error)s") % {"error": error.error})
                )
        for number, row_result in enumerate(result.rows, start=1):
            report.rows.append(
                {"line": number + 1, "status": row_result.import_type, "values": list(table[number - 1])}
            )
        report.totals = {kind: count for kind, count in result.totals.items() if count}
        report.errors.sort(key=lambda error: (error.line, error.column))
        if report.errors or dry_run:
            transaction.set_rollback(True)
        else:
            report.saved = True
    return report
