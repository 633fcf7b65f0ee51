"""Forms of the roadmap editor. Model rules (duplicate titles, dates in order) run through the model's
`clean()`, so their messages land next to the field; `version` carries the copy the editor started from."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commons_portal.core.forms import PortalForm, PortalModelForm, reject_nul
from commons_portal.permissions import EDITING_ROLES, scope_of
from commons_portal.territories.models import Territory
from partners.models import Commons, Organisation

from .models import Action, Axis, GovernanceBody, Indicator, IndicatorValue, Objective, Programme, Roadmap, Stake

CURRENT_YEAR = datetime.date.today().year


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class RoadmapContentForm(PortalModelForm):
    """A form on one roadmap object, with the version it was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text_fields: tuple[str, ...] = ()

    def __init__(self, *args, roadmap=None, **kwargs):
        self.roadmap = roadmap
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(reject_nul)
            if isinstance(field, forms.DecimalField):
                field.localize = True
                field.widget.is_localized = True
                field.widget.input_type = "text"
                field.widget.attrs["inputmode"] = "decimal"

    def clean(self):
        cleaned = super().clean()
        for name in self.text_fields:
            value = cleaned.get(name)
            if name in self.fields and isinstance(value, str) and not value.strip():
                self.add_error(name, _("Ce champ ne peut pas être vide."))
        return cleaned

    def data_for_service(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class RoadmapForm(RoadmapContentForm):
    text_fields = ("title",)

    class Meta:
        model = Roadmap
        fields = ["title", "period_start", "period_end", "introduction", "conclusion"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 6}), "conclusion": forms.Textarea(attrs={"rows": 4})}


def editable_territories(user):
    """Territories where the user may write (the territories of their roles and those below)."""
    paths = scope_of(user).roles_paths(EDITING_ROLES)
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(path__startswith=path)
    return Territory.objects.filter(query).order_by("path")


class RoadmapCreateForm(PortalForm):
    """A new roadmap, empty or declining the national roadmap (whose axes are then copied)."""

    territory = forms.ModelChoiceField(label=_("Territoire"), queryset=Territory.objects.none())
    title = forms.CharField(label=_("Titre"), max_length=250, validators=[reject_nul])
    period_start = forms.IntegerField(
        label=_("Première année scolaire"),
        min_value=2000,
        max_value=2100,
        help_text=_("Année de la rentrée, par exemple 2024 pour 2024-2025."),
    )
    period_end = forms.IntegerField(
        label=_("Dernière année scolaire"),
        min_value=2000,
        max_value=2100,
        help_text=_("Année de la rentrée, par exemple 2027 pour 2027-2028."),
    )
    national = forms.ModelChoiceField(
        label=_("Décliner la feuille de route nationale"),
        queryset=Roadmap.objects.none(),
        required=False,
        empty_label=_("Non : partir d'une feuille de route vide"),
        help_text=_("Ses axes sont copiés et reliés aux axes nationaux qu'ils déclinent."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = editable_territories(user)
        self.fields["national"].queryset = Roadmap.objects.published().filter(territory__level=Territory.Level.NATIONAL)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("La dernière année scolaire ne peut pas précéder la première."))
        if not (cleaned.get("title") or "x").strip():
            self.add_error("title", _("Ce champ ne peut pas être vide."))
        return cleaned


class AxisForm(RoadmapContentForm):
    text_fields = ("title",)

    class Meta:
        model = Axis
        fields = [
            "kind",
            "title",
            "framing",
            "strategic_approach",
            "weight",
            "national_axis",
            "partners",
            "partners_text",
        ]
        widgets = {
            "framing": forms.Textarea(attrs={"rows": 4}),
            "strategic_approach": forms.Textarea(attrs={"rows": 4}),
            "partners_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roadmap = self.roadmap
        if roadmap.parent_id:
            self.fields["national_axis"].queryset = Axis.objects.filter(roadmap_id=roadmap.parent_id)
        else:
            del self.fields["national_axis"]
        self.fields["partners"].queryset = Organisation.objects.order_by("name")
        self.fields["partners"].required = False


class AxisAddForm(RoadmapContentForm):
    text_fields = ("title",)

    class Meta:
        model = Axis
        fields = ["kind", "title"]


class StakeForm(RoadmapContentForm):
    text_fields = ("text",)

    class Meta:
        model = Stake
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ObjectiveForm(RoadmapContentForm):
    text_fields = ("text",)

    class Meta:
        model = Objective
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ProgrammeForm(RoadmapContentForm):
    text_fields = ("title",)

    class Meta:
        model = Programme
        fields = [
            "title",
            "axis",
            "description",
            "status",
            "progress",
            "weight",
            "lead_organisations",
            "contributing_organisations",
            "commons",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = Axis.objects.filter(roadmap=self.roadmap)
        for name in ("lead_organisations", "contributing_organisations"):
            self.fields[name].queryset = Organisation.objects.order_by("name")
        self.fields["commons"].queryset = Commons.objects.order_by("name")


class ProgrammeAddForm(RoadmapContentForm):
    text_fields = ("title",)

    class Meta:
        model = Programme
        fields = ["title"]


class ActionForm(RoadmapContentForm):
    text_fields = ("what",)

    class Meta:
        model = Action
        fields = ["what", "how", "who", "when", "start_date", "end_date", "success_indicators", "progress", "weight"]
        widgets = {
            "how": forms.Textarea(attrs={"rows": 2}),
            "who": forms.Textarea(attrs={"rows": 2}),
            "success_indicators": forms.Textarea(attrs={"rows": 2}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }


class ActionAddForm(RoadmapContentForm):
    text_fields = ("what",)

    class Meta:
        model = Action
        fields = ["what"]


class IndicatorForm(RoadmapContentForm):
    text_fields = ("name",)

    class Meta:
        model = Indicator
        fields = [
            "name",
            "programme",
            "unit",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "source",
            "frequency",
        ]
        widgets = {"baseline_date": DateInput(), "target_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(roadmap=self.roadmap)


class GovernanceBodyForm(RoadmapContentForm):
    text_fields = ("acronym",)

    class Meta:
        model = GovernanceBody
        fields = ["acronym", "name", "composition", "frequency", "scope"]
        widgets = {"composition": forms.Textarea(attrs={"rows": 3}), "scope": forms.Textarea(attrs={"rows": 3})}


class IndicatorValueForm(PortalModelForm):
    """A value dated by a day or by a school year (one of the two)."""

    school_year = forms.TypedChoiceField(
        label=_("Année scolaire"), required=False, coerce=int, empty_value=None, choices=()
    )

    class Meta:
        model = IndicatorValue
        fields = ["school_year", "measured_on", "value", "comment"]
        widgets = {"measured_on": DateInput(), "comment": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"measured_on": _("Ou une date précise, si la mesure n'est pas annuelle.")}

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        first = min(indicator.baseline_date.year, indicator.target_date.year) - 1
        last = max(indicator.target_date.year, CURRENT_YEAR)
        self.fields["school_year"].choices = [("", _("— choisir —"))] + [
            (year, f"{year}-{year + 1}") for year in range(first, last + 1)
        ]
        self.fields["measured_on"].required = False
        value = self.fields["value"]
        value.localize = True
        value.widget.is_localized = True
        value.widget.input_type = "text"
        value.widget.attrs["inputmode"] = "decimal"
        value.error_messages["invalid"] = _("Saisissez un nombre, par exemple 42 ou 3,5.")
        self.fields["comment"].validators.append(reject_nul)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("school_year") and not cleaned.get("measured_on") and "measured_on" not in self.errors:
            raise ValidationError(
                {"school_year": _("Indiquez une année scolaire ou une date de mesure.")}, code="required"
            )
        return cleaned

    def _post_clean(self):
        # The measure's date is computed by the service; nothing else to validate on the model here.
        pass


class MoveForm(PortalForm):
    position = forms.IntegerField(label=_("Nouvelle position"), min_value=1)


class ImportForm(PortalForm):
    document = forms.FileField(
        label=_("Document"),
        help_text=_("Markdown (.md), ODT (.odt) ou DOCX (.docx), 5 Mo au plus, selon le modèle décrit ci-dessous."),
    )
    territory = forms.ModelChoiceField(label=_("Territoire"), queryset=Territory.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = editable_territories(user)


class CompareForm(PortalForm):
    other = forms.ModelChoiceField(label=_("Comparer avec"), queryset=Roadmap.objects.none(), to_field_name="slug")

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = queryset
