from django import forms
from django.utils.translation import gettext_lazy as _

from commons_portal.core.forms import PortalForm, reject_nul

from .backend import MAX_QUERY_LENGTH
from .registry import search_sources


class SearchForm(PortalForm):
    q = forms.CharField(
        label=_("Rechercher"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        validators=[reject_nul],
        help_text=_("Les accents et les majuscules ne comptent pas : « communs numeriques » suffit."),
    )
    sources = forms.MultipleChoiceField(label=_("Chercher dans"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].choices = [(source.key, source.label) for source in search_sources()]
