"""Forms of the RETEX steps, the review, the session records and the invitations.

A draft may be incomplete, so the step forms require nothing; `ExperienceReport.submit()` checks what a
submission needs. Formats are still checked at each step (summary length, link, no markup).
"""

import html
import secrets

import filetype
import nh3
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commons_portal.accounts.models import Role
from commons_portal.core.forms import PortalForm, PortalModelForm, reject_nul
from commons_portal.core.uploads import MEGABYTE, validate_upload
from commons_portal.territories.models import Territory
from partners.models import Commons, Organisation

from .models import (
    SUMMARY_MAX_LENGTH,
    ActionPlanItem,
    DiagnosticRow,
    Event,
    ExperienceReport,
    FlagshipProposal,
    ParticipantCategory,
    Projection,
    Session,
    Theme,
)

ATTACHMENT_MAX_SIZE = 5 * MEGABYTE
MAX_VERSION = 2**31 - 1
ATTACHMENT_EXTENSIONS = ("pdf", "png", "jpg", "jpeg", "odt", "ods", "odp", "docx", "xlsx", "pptx")


def reject_markup(value: str) -> str:
    """Plain text only: HTML tags or scripts are refused with a message (nh3 decides what markup is)."""
    reject_nul(value)
    # Browsers send line breaks as CRLF; the HTML parser behind nh3 normalises them.
    text = value.replace("\r\n", "\n").replace("\r", "\n") if value else value
    if text and html.unescape(nh3.clean(text, tags=set())) != text:
        raise ValidationError(
            _("Ce texte contient des balises HTML ou du script, qui ne sont pas acceptés : écrivez du texte simple."),
            code="markup",
        )
    return value


def https_urls(model_field, **kwargs):
    """Web addresses typed without a scheme are taken as https (Django 6's default)."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class PlainTextMixin:
    """Every text field of the form goes through `reject_markup`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and reject_markup not in field.validators:
                field.validators.append(reject_markup)


def _territory_choices():
    return Territory.objects.exclude(level=Territory.Level.DEPARTEMENT)


# --- the steps of the RETEX form ---------------------------------------------------------------------------


class ReportStepForm(PlainTextMixin, PortalModelForm):
    """A step of the RETEX form: nothing is required in a draft."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_VERSION)
    edit_token = forms.CharField(widget=forms.HiddenInput, max_length=32, required=False)

    class Meta:
        formfield_callback = https_urls

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "version":
                field.required = False
        self.fields["version"].initial = self.instance.version
        self.fields["edit_token"].initial = secrets.token_hex(16)


class IdentityStepForm(ReportStepForm):
    class Meta(ReportStepForm.Meta):
        model = ExperienceReport
        fields = ["title", "summary", "link"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3, "maxlength": SUMMARY_MAX_LENGTH})}
        error_messages = {
            "summary": {
                "max_length": gettext_lazy(
                    "Le résumé doit tenir en %(limit_value)d caractères (2 ou 3 lignes) ; il en compte %(show_value)d."
                )
            },
            "link": {"invalid": gettext_lazy("Saisissez une adresse web complète, commençant par https://.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser's maxlength would cut a pasted text silently: the server says it instead.
        self.fields["summary"].widget.attrs.pop("maxlength", None)


class ThemesStepForm(ReportStepForm):
    class Meta(ReportStepForm.Meta):
        model = ExperienceReport
        fields = ["themes", "territory"]
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["territory"].queryset = _territory_choices()
        self.fields["territory"].help_text = _("La région académique ou l'académie où l'expérience a eu lieu.")


class StrengthsStepForm(ReportStepForm):
    class Meta(ReportStepForm.Meta):
        model = ExperienceReport
        fields = ["strengths"]
        widgets = {"strengths": forms.Textarea(attrs={"rows": 6})}


class PainPointsStepForm(ReportStepForm):
    class Meta(ReportStepForm.Meta):
        model = ExperienceReport
        fields = ["pain_points"]
        widgets = {"pain_points": forms.Textarea(attrs={"rows": 6})}


class AttachmentForm(PortalForm):
    file = forms.FileField(
        label=gettext_lazy("Ajouter un fichier"),
        help_text=gettext_lazy("PDF, image (PNG, JPEG) ou document bureautique (ODT, ODS, DOCX, XLSX…), 5 Mo au plus."),
    )

    def clean_file(self):
        """The kernel's checks: harmless name, size, allowed extension matching the sniffed content."""
        upload = self.cleaned_data["file"]
        extension = validate_upload(upload, extensions=ATTACHMENT_EXTENSIONS, max_size=ATTACHMENT_MAX_SIZE)
        kind = filetype.get_type(ext=extension)
        self.content_type = kind.mime if kind else "application/octet-stream"
        return upload


class ReviewForm(PlainTextMixin, PortalForm):
    PUBLISH = "publish"
    RETURN = "return"
    decision = forms.ChoiceField(
        label=gettext_lazy("Décision"),
        choices=[(PUBLISH, gettext_lazy("Publier")), (RETURN, gettext_lazy("Renvoyer pour modification"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Commentaire pour l'auteur"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Obligatoire pour renvoyer le RETEX : dites ce qu'il faut modifier."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not (cleaned.get("comment") or "").strip():
            self.add_error(
                "comment", _("Expliquez à l'auteur ce qu'il doit modifier : le commentaire est obligatoire.")
            )
        return cleaned


class ReportFilterForm(PortalForm):
    theme = forms.ModelChoiceField(label=gettext_lazy("Thématique"), queryset=Theme.objects.all(), required=False)
    territory = forms.ModelChoiceField(
        label=gettext_lazy("Territoire"), queryset=Territory.objects.none(), required=False
    )
    # Typed rather than chosen: thousands of organisations have published a RETEX, too many for a list.
    organisation = forms.CharField(
        label=gettext_lazy("Organisation"),
        help_text=gettext_lazy("Nom ou sigle, même partiel."),
        max_length=200,
        required=False,
    )
    status = forms.ChoiceField(label=gettext_lazy("Statut"), required=False)

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = _territory_choices()
        self.fields["status"].choices = [("", _("Tous"))] + list(statuses)
        if len(statuses) <= 1:
            del self.fields["status"]


class AdoptionForm(PortalForm):
    """Links of a published report: the commons it is about and the territories that took it up."""

    commons = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Communs numériques concernés"),
        queryset=Commons.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    territories = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Territoires qui ont repris cette expérience"),
        queryset=Territory.objects.regions(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class InvitePartnerForm(PlainTextMixin, PortalForm):
    email = forms.EmailField(label=gettext_lazy("Adresse électronique du partenaire"))
    organisation = forms.ModelChoiceField(label=gettext_lazy("Son organisation"), queryset=Organisation.objects.all())
    session = forms.ModelChoiceField(
        label=gettext_lazy("Session d'atelier"),
        queryset=Session.objects.none(),
        required=False,
        help_text=gettext_lazy("Laisser vide pour un appel à retours d'expérience."),
    )
    message = forms.CharField(
        label=gettext_lazy("Message personnel"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    role = Role.PARTNER

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sessions is not None:
            self.fields["session"].queryset = sessions


# --- session records -------------------------------------------------------------------------------------------


class RecordForm(PlainTextMixin, PortalModelForm):
    """A workshop record; `version` is the session's, so two facilitators don't overwrite each other."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_VERSION)

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.instance.session = session
        self.fields["version"].initial = session.version
        if "theme" in self.fields:
            self.fields["theme"].queryset = Theme.objects.all()


class SessionIdentityForm(RecordForm):
    class Meta:
        model = Session
        fields = ["title", "date", "start_time", "end_time", "places", "format", "facilitators_text"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "places": forms.Textarea(attrs={"rows": 2}),
            "format": forms.RadioSelect,
        }

    def __init__(self, *args, session: Session, **kwargs):
        kwargs.setdefault("instance", session)
        super().__init__(*args, session=session, **kwargs)


class DiagnosticRowForm(RecordForm):
    class Meta:
        model = DiagnosticRow
        fields = ["theme", "report", "pain_points", "strengths"]
        widgets = {"pain_points": forms.Textarea(attrs={"rows": 3}), "strengths": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A published RETEX of the session's territory (or below), given by its number: a territory has
        # thousands of them, far too many for a list.
        report = self.fields["report"]
        report.queryset = ExperienceReport.objects.published().filter(
            territory__path__startswith=self.session.territory.path
        )
        report.widget = forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"})
        report.label = _("Numéro du RETEX cité")
        report.help_text = _("Le numéro affiché sur la fiche du RETEX publié (n° 123), facultatif.")
        report.error_messages["invalid_choice"] = _("Aucun RETEX publié de ce territoire ne porte ce numéro.")


class ProjectionForm(RecordForm):
    source = forms.ModelChoiceField(
        label=gettext_lazy("Ligne du diagnostic d'où vient l'irritant"),
        queryset=DiagnosticRow.objects.none(),
        required=False,
    )

    class Meta:
        model = Projection
        fields = ["theme", "pain_point", "need", "lever"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("pain_point", "need", "lever")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = DiagnosticRow.objects.filter(session=self.session).select_related("report")


class ActionPlanItemForm(RecordForm):
    source = forms.ModelChoiceField(
        label=gettext_lazy("Levier de la projection mis en œuvre"), queryset=Projection.objects.none(), required=False
    )

    class Meta:
        model = ActionPlanItem
        fields = ["theme", "what", "how", "who", "when", "indicators"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("what", "how", "who", "indicators")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Projection.objects.filter(session=self.session)


class FlagshipForm(RecordForm):
    class Meta:
        model = FlagshipProposal
        exclude = ["session"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("summary", "financial_means", "human_means", "legal_means", "difficulties", "sustain_needs")
        }

    def __init__(self, *args, session: Session, **kwargs):
        kwargs.setdefault("instance", FlagshipProposal.objects.filter(session=session).first())
        super().__init__(*args, session=session, **kwargs)
        for name in ("impact_establishments", "impact_pupils", "impact_parents", "impact_teachers"):
            self.fields[name].error_messages["invalid"] = _("Saisissez un nombre entier, sans espace ni lettre.")
            self.fields[name].error_messages["min_value"] = _("Le nombre ne peut pas être négatif.")


class ParticipantsForm(PortalForm):
    """Two whole numbers per category of participants (participants, establishments represented)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_VERSION)

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["version"].initial = session.version
        existing = {c.category: c for c in session.participant_counts.all()}
        messages = {
            "invalid": _("Saisissez un nombre entier, sans espace ni lettre."),
            "min_value": _("Le nombre ne peut pas être négatif."),
        }
        for category in ParticipantCategory:
            current = existing.get(category.value)
            self.fields[f"{category.value}_count"] = forms.IntegerField(
                label=_("%(category)s : participants") % {"category": category.label},
                required=False,
                min_value=0,
                initial=current.count if current else None,
                error_messages=messages,
            )
            self.fields[f"{category.value}_establishments"] = forms.IntegerField(
                label=_("%(category)s : établissements représentés") % {"category": category.label},
                required=False,
                min_value=0,
                initial=current.establishments if current else None,
                error_messages=messages,
            )

    def counts(self) -> dict:
        return {
            category.value: (
                self.cleaned_data.get(f"{category.value}_count"),
                self.cleaned_data.get(f"{category.value}_establishments"),
            )
            for category in ParticipantCategory
        }

    def rows(self):
        """(category label, count field, establishments field), for a table."""
        return [
            (category.label, self[f"{category.value}_count"], self[f"{category.value}_establishments"])
            for category in ParticipantCategory
        ]


class PromoteForm(PortalForm):
    programme = forms.ModelChoiceField(label=gettext_lazy("Programme de la feuille de route"), queryset=None)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].label_from_instance = lambda programme: f"{programme.roadmap} — {programme}"


class EventForm(PlainTextMixin, PortalModelForm):
    class Meta:
        model = Event
        fields = ["title", "kind", "territory", "organiser", "place", "start_date", "end_date", "description"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories


class SessionCreateForm(PlainTextMixin, PortalModelForm):
    facilitator_emails = forms.CharField(
        label=gettext_lazy("Adresses des animateurs ayant un compte"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Une adresse par ligne : chaque animateur validera la restitution."),
    )

    class Meta:
        model = Session
        fields = ["title", "date", "start_time", "end_time", "places", "format", "facilitators_text"]
        widgets = SessionIdentityForm.Meta.widgets

    def clean_facilitator_emails(self):
        from commons_portal.accounts.models import User

        emails = [line.strip().lower() for line in self.cleaned_data["facilitator_emails"].splitlines() if line.strip()]
        users = list(User.objects.filter(email__in=emails, is_active=True))
        unknown = sorted(set(emails) - {user.email for user in users})
        if unknown:
            raise ValidationError(
                _("Aucun compte pour : %(emails)s. Invitez ces personnes d'abord.") % {"emails": ", ".join(unknown)},
                code="unknown",
            )
        return users
