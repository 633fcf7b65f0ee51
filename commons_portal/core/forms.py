"""Form bases: DSFR markup, errors next to each field, optional fields marked (DSFR's advice)."""

from django import forms
from dsfr.forms import DsfrBaseForm, DsfrBoundField
from dsfr.utils import dsfr_input_class_attr


class PortalFormMixin:
    template_name = "dsfr/form_snippet.html"
    bound_field_class = DsfrBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)

    def get_context(self):
        # django-dsfr warns on every render unless optional fields are marked; we mark them, as the
        # DSFR now recommends, without going through its transitional setting.
        context = forms.BaseForm.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class PortalForm(PortalFormMixin, DsfrBaseForm):
    pass


class PortalModelForm(PortalFormMixin, forms.ModelForm):
    pass


def reject_nul(value: str) -> str:
    """PostgreSQL refuses NUL bytes in text: refuse them with a message instead of a server error."""
    if isinstance(value, str) and "\x00" in value:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError(_("Ce texte contient un caractère invalide (octet nul)."), code="nul")
    return value
