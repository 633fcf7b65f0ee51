from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from commons_portal.core.forms import PortalForm, PortalFormMixin
from commons_portal.territories.models import Territory
from partners.models import Organisation

from .models import Invitation, Role


class LoginForm(PortalFormMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse électronique"),
        help_text=_("Format attendu : prenom.nom@ac-academie.fr"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mot de passe"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect. Vérifiez-les et réessayez ; après 5 essais, "
            "la connexion est bloquée pendant 15 minutes."
        ),
        "inactive": _("Ce compte est désactivé. Contactez l'administrateur de votre territoire."),
    }


class PasswordResetForm(PortalFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("Adresse électronique"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class SetPasswordForm(PortalFormMixin, auth_forms.SetPasswordForm):
    pass


class InvitationForm(PortalForm):
    """Used by administrators; the view asks the permission module whether the invitation is allowed."""

    email = forms.EmailField(label=_("Adresse électronique de la personne invitée"))
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)
    territory = forms.ModelChoiceField(
        label=_("Territoire"),
        queryset=Territory.objects.exclude(level=Territory.Level.DEPARTEMENT),
        required=False,
        help_text=_("Pour les rôles d'administration et de rédaction."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("Pour les membres d'une organisation partenaire."),
    )
    message = forms.CharField(label=_("Message personnel"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role"):
            candidate = Invitation(
                role=cleaned["role"], territory=cleaned.get("territory"), organisation=cleaned.get("organisation")
            )
            for name, message in candidate.scope_errors().items():
                self.add_error(name, message)
        return cleaned

    def as_invitation(self) -> Invitation:
        """An unsaved invitation, for the permission check before anything is written."""
        data = self.cleaned_data
        return Invitation(
            email=data["email"],
            role=data["role"],
            territory=data.get("territory"),
            organisation=data.get("organisation"),
        )


class InvitationAcceptForm(PortalForm):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("12 caractères au moins, ni trop courant ni uniquement des chiffres."),
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        elif password1:
            from .models import User

            candidate = User(
                email=self.email, first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", "")
            )
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned
