"""The one tabular format of the portal: what is exported can be imported back.

A `PortalResource` (django-import-export) names its columns after the model's attributes, documents
each one (title, description, type, allowed values: a Table Schema, shipped with every export) and,
on import, checks each row against the model's rules and the kernel's permission rules, naming the
row and the column of every error.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from import_export import resources, widgets


class CodesWidget(widgets.ManyToManyWidget):
    """Related objects written as their codes separated by "|" ("R27|A03"); an unknown code is an error
    (django-import-export's widget would silently drop it)."""

    def __init__(self, model, field, **kwargs):
        super().__init__(model, separator="|", field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        codes = [code.strip() for code in force_str(value or "").split(self.separator) if code.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": codes})
        missing = sorted(set(codes) - {force_str(getattr(obj, self.field)) for obj in found})
        if missing:
            raise ValueError(_("Code inconnu : %(codes)s.") % {"codes": ", ".join(missing)})
        return found


_TYPES = {
    models.IntegerField: "integer",
    models.DecimalField: "number",
    models.FloatField: "number",
    models.BooleanField: "boolean",
    models.DateTimeField: "datetime",
    models.DateField: "date",
    models.URLField: "string",
    models.ManyToManyField: "string",
    models.ForeignKey: "string",
}


class PortalResource(resources.ModelResource):
    """Base of every dataset's resource. `user` is who imports (their rules are checked per row)."""

    # Model permission checked per imported row: `<app>.add_<model>` for a new row, `change` otherwise.
    check_row_permissions = True

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    # --- documentation ---------------------------------------------------------------------------

    def column_names(self) -> list[str]:
        return [field.column_name for field in self.get_export_fields()]

    def describe_columns(self, columns: list[str] | None = None) -> list[dict]:
        """The Table Schema fields of the export: name, title, description, type, allowed values."""
        model = self._meta.model
        described = []
        for field in self.get_export_fields():
            if columns and field.column_name not in columns:
                continue
            description = {"name": field.column_name, "title": field.column_name, "type": "string"}
            try:
                model_field = model._meta.get_field(field.attribute)
            except Exception:  # noqa: BLE001 (a computed column has no model field)
                model_field = None
            if model_field is not None:
                description["title"] = force_str(getattr(model_field, "verbose_name", field.column_name))
                if getattr(model_field, "help_text", ""):
                    description["description"] = force_str(model_field.help_text)
                for field_class, type_name in _TYPES.items():
                    if isinstance(model_field, field_class):
                        description["type"] = type_name
                        break
                if getattr(model_field, "choices", None):
                    description["constraints"] = {"enum": [str(value) for value, _label in model_field.choices]}
                    description["description"] = "; ".join(
                        f"{value} = {force_str(label)}" for value, label in model_field.choices
                    )
                if isinstance(model_field, models.ManyToManyField):
                    description["description"] = _("Codes séparés par « | ».") + (
                        " " + force_str(model_field.help_text) if model_field.help_text else ""
                    )
                if not getattr(model_field, "blank", True):
                    description.setdefault("constraints", {})["required"] = True
            if field.column_name in self.get_import_id_fields():
                description.setdefault("constraints", {})["unique"] = True
                description["description"] = (
                    description.get("description", "") + " " + _("Identifiant : une ligne existante est mise à jour.")
                ).strip()
            described.append(description)
        return described

    # --- import checks ---------------------------------------------------------------------------

    def before_import_row(self, row, **kwargs):
        # Spreadsheets give None for an empty cell where CSV gives "": read both the same way.
        for column, value in row.items():
            if value is None:
                row[column] = ""
        super().before_import_row(row, **kwargs)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)
        except (ArithmeticError, TypeError, OverflowError) as error:
            # Widgets raise these for "not a number" or out-of-range values: a value error of the column.
            raise ValueError(_("Valeur invalide pour ce type de colonne.")) from error

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            value = row[field.column_name]
            if isinstance(value, str) and "\x00" in value:
                errors[field.attribute] = [_("Ce texte contient un caractère invalide (octet nul).")]
            elif isinstance(field.widget, widgets.ManyToManyWidget):
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def row_permission(self, instance, action: str) -> tuple[str, object]:
        """The rule an imported row needs: `<app>.add_<model>` for a new row, `change` on an existing one.
        Resources of objects that follow a parent's rules override it."""
        meta = instance._meta
        return f"{meta.app_label}.{action}_{meta.model_name}", None if action == "add" else instance

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if self.check_row_permissions and not errors:
            action = "add" if instance._state.adding else "change"
            allowed = self.user is not None and self.user.has_perm(*self.row_permission(instance, action))
            if not allowed:
                errors["__all__"] = [_("Vous n'avez pas le droit de créer ou de modifier cette ligne.")]
        super().validate_instance(instance, errors or None, validate_unique)

    def before_save_instance(self, instance, row, **kwargs):
        # Imports are writes like the others: history says who, and the version moves on (so that an
        # edit form open during the import is told of the change).
        instance._history_user = self.user
        if not instance._state.adding and hasattr(instance, "version"):
            instance.version += 1
