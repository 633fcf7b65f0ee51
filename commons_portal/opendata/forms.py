from django import forms
from django.utils.translation import gettext_lazy as _

from commons_portal.core.forms import PortalForm

from .formats import FORMATS, IMPORT_EXTENSIONS


class ExportForm(PortalForm):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[(key, spec["label"]) for key, spec in FORMATS.items()],
        initial="csv",
        widget=forms.RadioSelect,
    )
    columns = forms.MultipleChoiceField(
        label=_("Colonnes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucune case cochée : toutes les colonnes."),
    )

    def __init__(self, *args, columns: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["columns"].choices = [
            (column["name"], f"{column['title']} ({column['name']})") for column in columns
        ]


class ImportForm(PortalForm):
    file = forms.FileField(
        label=_("Fichier à importer"),
        help_text=_("Un fichier au format d'un export (%(formats)s), 5 Mo au plus.")
        % {"formats": ", ".join(IMPORT_EXTENSIONS)},
    )
