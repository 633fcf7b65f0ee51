from django import forms
from django.utils.translation import gettext_lazy as _

from commons_portal import permissions as p
from commons_portal.core.forms import PortalForm, PortalModelForm
from commons_portal.territories.models import Territory

from .models import Commons, CommonsAdoption, Contact, Organisation, Partnership
from .validators import compact_siren, compact_siret, validate_siren, validate_siret

TERRITORY_ERRORS = {
    "invalid_choice": _("Ce territoire est inconnu : choisissez-le dans la liste."),
    "invalid_pk_value": _("Ce territoire est inconnu : choisissez-le dans la liste."),
}
ORGANISATION_ERRORS = {
    "invalid_choice": _("Cette organisation est inconnue : choisissez-la dans la liste."),
    "invalid_pk_value": _("Cette organisation est inconnue : choisissez-la dans la liste."),
}
URL_ERRORS = {"invalid": _("Saisissez une adresse web complète, par exemple https://www.exemple.fr.")}


def url_field(label):
    return forms.URLField(label=label, required=False, assume_scheme="https", error_messages=URL_ERRORS)


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedFormMixin:
    """A hidden `version` the service compares with the stored one (optimistic concurrency)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def mark_stale(self, error) -> None:
        """Tell the person and let the next submit replace the current version knowingly."""
        self.add_error(None, str(error))
        data = self.data.copy()
        data["version"] = str(error.current_version)
        self.data = data


class OrganisationForm(VersionedFormMixin, PortalModelForm):
    # Wider than the stored value: people type spaces ("180 020 026"), removed before the checksum.
    siren = forms.CharField(label=_("SIREN"), max_length=20, required=False, help_text=_("9 chiffres."))
    siret = forms.CharField(
        label=_("SIRET du siège"),
        max_length=30,
        required=False,
        help_text=_("14 chiffres : le SIREN suivi du numéro d'établissement."),
    )
    website = url_field(_("Site web"))
    territories = forms.ModelMultipleChoiceField(
        label=_("Territoires d'action"),
        queryset=Territory.objects.all(),
        required=False,
        error_messages=TERRITORY_ERRORS,
        help_text=_("Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "kind", "siren", "siret", "website", "description", "territories"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user, restricted: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if restricted:
            # A partner member completes their page; who administers it (kind, territories) is not theirs.
            del self.fields["kind"]
            del self.fields["territories"]

    def clean_siren(self):
        siren = compact_siren(self.cleaned_data.get("siren", ""))
        validate_siren(siren)
        if siren:
            duplicate = Organisation.objects.filter(siren=siren).exclude(pk=self.instance.pk).first()
            if duplicate:
                raise forms.ValidationError(
                    _(
                        "Une organisation porte déjà ce SIREN : « %(name)s ». Complétez sa fiche plutôt que d'en "
                        "créer une autre."
                    ),
                    params={"name": duplicate.name},
                    code="duplicate",
                )
        return siren

    def clean_siret(self):
        siret = compact_siret(self.cleaned_data.get("siret", ""))
        validate_siret(siret)
        return siret

    def clean(self):
        cleaned = super().clean()
        siren, siret = cleaned.get("siren"), cleaned.get("siret")
        if siren and siret and not siret.startswith(siren):
            self.add_error(
                "siret", _("Ce SIRET ne commence pas par le SIREN de l'organisation (%(siren)s).") % {"siren": siren}
            )
        territories = cleaned.get("territories")
        if "territories" in self.fields and territories is not None and not p.is_national_admin(self.user):
            if not p.administers_any(self.user, territories) and not p.is_member_of(self.user, self.instance):
                self.add_error(
                    "territories",
                    _("Choisissez au moins un territoire que vous administrez, pour pouvoir gérer cette organisation."),
                )
        return cleaned


class ContactForm(PortalModelForm):
    consent_given = forms.BooleanField(
        label=_("La personne a donné son consentement pour que ces coordonnées soient conservées"),
        required=True,
        error_messages={
            "required": _("Sans le consentement de la personne, ses coordonnées ne peuvent pas être conservées.")
        },
    )

    class Meta:
        model = Contact
        fields = ["full_name", "role_title", "email", "phone", "purpose", "consent_given"]


class InviteMemberForm(PortalForm):
    email = forms.EmailField(label=_("Adresse électronique de la personne invitée"))
    message = forms.CharField(label=_("Message personnel"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class PartnershipForm(VersionedFormMixin, PortalModelForm):
    territory = forms.ModelChoiceField(
        label=_("Territoire"),
        queryset=Territory.objects.exclude(level=Territory.Level.DEPARTEMENT),
        error_messages={**TERRITORY_ERRORS, "required": _("Choisissez le territoire couvert par la convention.")},
        help_text=_("« National » pour une convention nationale."),
    )
    ambitions_text = forms.CharField(
        label=_("Ambitions partagées"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Une ambition par ligne, dans l'ordre du texte signé."),
    )

    class Meta:
        model = Partnership
        fields = ["title", "kind", "status", "territory", "start_date", "end_date", "description"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk and not self.is_bound:
            self.initial["ambitions_text"] = "\n".join(a.text for a in self.instance.ambitions.all())
        if not self.instance.pk:
            self.fields["parties"] = forms.ModelMultipleChoiceField(
                label=_("Parties à la convention"),
                queryset=Organisation.objects.all(),
                required=False,
                error_messages=ORGANISATION_ERRORS,
                help_text=_(
                    "Vous préciserez le rôle de chacune ensuite. Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."
                ),
                widget=forms.SelectMultiple(attrs={"size": 8}),
            )

    def clean_territory(self):
        territory = self.cleaned_data["territory"]
        if not p.administers(self.user, territory):
            raise forms.ValidationError(_("Vous n'administrez pas ce territoire : choisissez l'un des vôtres."))
        return territory

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La date de fin doit suivre la date de début."))
        return cleaned

    @property
    def ambitions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("ambitions_text", "").splitlines() if line.strip()]


class PartyForm(PortalForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), error_messages=ORGANISATION_ERRORS
    )
    role = forms.CharField(label=_("Rôle dans la convention"), max_length=200, required=False)


class DocumentForm(PortalForm):
    title = forms.CharField(label=_("Titre du document"), max_length=200)
    file = forms.FileField(
        label=_("Fichier"),
        help_text=_("PDF, ODT, DOCX, PNG ou JPEG, 10 Mo au plus."),
        error_messages={"required": _("Choisissez un fichier."), "empty": _("Ce fichier est vide.")},
    )


class CommonsForm(VersionedFormMixin, PortalModelForm):
    repository_url = url_field(_("Dépôt du code source"))
    website = url_field(_("Site web"))
    steward_organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations qui en prennent soin"),
        queryset=Organisation.objects.all(),
        required=False,
        error_messages=ORGANISATION_ERRORS,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    user_organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations qui l'utilisent"),
        queryset=Organisation.objects.all(),
        required=False,
        error_messages=ORGANISATION_ERRORS,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Commons
        fields = [
            "name",
            "description",
            "licence",
            "repository_url",
            "website",
            "steward_community",
            "steward_organisations",
            "user_organisations",
            "maturity",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "steward_community": forms.Textarea(attrs={"rows": 3}),
        }


class AdoptionForm(PortalModelForm):
    territory = forms.ModelChoiceField(
        label=_("Territoire"), queryset=Territory.objects.all(), error_messages=TERRITORY_ERRORS
    )

    class Meta:
        model = CommonsAdoption
        fields = ["territory", "adopted_on", "organisation", "note"]
        widgets = {"adopted_on": DATE_WIDGET, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, commons, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.commons = commons

    def clean_territory(self):
        territory = self.cleaned_data["territory"]
        if not self.user.has_perm("partners.add_commonsadoption", CommonsAdoption(territory=territory)):
            raise forms.ValidationError(_("Vous ne pouvez pas déclarer d'adoption pour ce territoire."))
        if CommonsAdoption.objects.filter(commons=self.commons, territory=territory).exists():
            raise forms.ValidationError(_("Ce territoire a déjà adopté ce commun."))
        return territory

    def validate_unique(self):
        # The commons is set by the view, not the form: uniqueness is checked in clean_territory.
        pass


class DirectoryFilterForm(forms.Form):
    """The directory's filters; invalid values are ignored rather than refused (it is a GET search)."""

    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Tous les types")), *Organisation.Kind.choices]
    )
    territory = forms.ModelChoiceField(
        label=_("Territoire"),
        required=False,
        queryset=Territory.objects.filter(level__in=[Territory.Level.NATIONAL, Territory.Level.REGION]),
        to_field_name="code",
        empty_label=_("Tous les territoires"),
    )
    commons = forms.ModelChoiceField(
        label=_("Commun utilisé"),
        required=False,
        queryset=Commons.objects.only("slug", "name"),
        to_field_name="slug",
        empty_label=_("Tous les communs"),
    )
