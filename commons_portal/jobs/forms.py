from django import forms
from django.utils.translation import gettext_lazy as _

from commons_portal.core.forms import PortalForm, reject_nul

from .registry import PdfInputError, kinds
from .services import pdf_resolve


class PdfRequestForm(PortalForm):
    kind = forms.ChoiceField(label=_("Type de document"))
    object_ref = forms.CharField(
        label=_("Objet du document"),
        required=False,
        max_length=200,
        validators=[reject_nul],
        help_text=_("Identifiant ou slug. Laissez vide pour une synthèse territoriale."),
    )
    territory = forms.CharField(
        label=_("Territoire"),
        required=False,
        max_length=20,
        validators=[reject_nul],
        help_text=_("Code du territoire : R27, A03, D25, ou « national » pour la France entière."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choisir un type de document"))] + [
            (kind.name, kind.label) for kind in kinds()
        ]
        examples = " ".join(f"{kind.label} : {kind.object_help}" for kind in kinds() if kind.object_help)
        if examples:
            self.fields["object_ref"].help_text = f"{self.fields['object_ref'].help_text} {examples}"

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            pdf_resolve(kind=data["kind"], object_ref=data["object_ref"], territory_code=data["territory"])
        except PdfInputError as error:
            self.add_error_from(error)
        return data

    def add_error_from(self, error: PdfInputError) -> None:
        field = {"object": "object_ref"}.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, error.message)
