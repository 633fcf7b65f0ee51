import json
from datetime import timedelta

from axes.helpers import get_cool_off
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from . import services
from .forms import InvitationAcceptForm, InvitationForm, LoginForm, PasswordResetForm, SetPasswordForm
from .models import Invitation, Membership, User


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {
        "page_title": gettext_lazy("Se connecter au portail"),
        "submit_label": gettext_lazy("Se connecter"),
    }


def axes_username(request, credentials=None) -> str:
    """The address a login attempt counts against, whatever its case (rate limiting by django-axes)."""
    source = credentials or getattr(request, "POST", {})
    return str(source.get("username") or "").strip().lower()


def lockout(request, credentials=None, *args, **kwargs):
    """What django-axes answers once an address has failed too often: the login page, saying until when."""
    cool_off = get_cool_off(request) or timedelta(minutes=15)
    retry_at = timezone.localtime(timezone.now() + cool_off)
    form = LoginForm(request, initial={"username": (credentials or {}).get("username", "")})
    context = {**LoginView.extra_context, "form": form}
    message = _(
        "Trop de tentatives de connexion ont échoué. Pour protéger ce compte, la connexion est bloquée : "
        "réessayez à %(time)s (dans %(minutes)s minutes)."
    ) % {"time": retry_at.strftime("%H:%M"), "minutes": int(cool_off.total_seconds() // 60)}
    response = render(request, "accounts/login.html", {**context, "lockout_message": message}, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "core/form_page.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {
        "page_title": gettext_lazy("Mot de passe oublié"),
        "intro": gettext_lazy(
            "Indiquez l'adresse électronique de votre compte : nous vous enverrons un lien pour choisir un "
            "nouveau mot de passe."
        ),
        "submit_label": gettext_lazy("Recevoir le lien"),
    }


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {
        "page_title": gettext_lazy("Choisir un nouveau mot de passe"),
        "submit_label": gettext_lazy("Enregistrer le mot de passe"),
    }


@require_http_methods(["GET", "POST"])
def invitation_create(request):
    if not request.user.has_perm("accounts.invite"):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        candidate = form.as_invitation()
        if not request.user.has_perm("accounts.add_invitation", candidate):
            form.add_error(
                None, _("Vous ne pouvez pas inviter à ce rôle sur ce territoire ou dans cette organisation.")
            )
        else:
            services.invitation_create(
                email=candidate.email,
                role=candidate.role,
                territory=candidate.territory,
                organisation=candidate.organisation,
                message=form.cleaned_data["message"],
                invited_by=request.user,
            )
            messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": candidate.email})
            return redirect("accounts:invitation_create")
    sent = Invitation.objects.filter(invited_by=request.user).select_related("territory", "organisation")[:20]
    context = {
        "form": form,
        "sent": sent,
        "now": timezone.now(),
        "page_title": _("Inviter une personne"),
        "submit_label": _("Envoyer l'invitation"),
        "intro": _(
            "La personne reçoit par courriel un lien à usage unique, valable 14 jours, qui lui donne ce rôle "
            "(et crée son compte si besoin)."
        ),
    }
    return render(request, "accounts/invitation_form.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """The one-time link: a logged-in person accepts the role for their account; a newcomer creates an
    account; someone whose address already has an account logs in first."""
    try:
        invitation = services.invitation_from_token(token)
    except ValidationError as error:
        return message_page(
            request,
            title=_("Invitation inutilisable"),
            body=error.messages[0],
            status=410,
            link=(reverse("accounts:login"), _("Se connecter")),
        )
    page = {"invitation": invitation, "page_title": _("Accepter l'invitation"), "submit_label": _("Créer mon compte")}
    needs_account = (
        not request.user.is_authenticated and not User.objects.filter(email__iexact=invitation.email).exists()
    )
    form = InvitationAcceptForm(request.POST or None, email=invitation.email) if needs_account else None
    if request.method == "POST":
        if request.user.is_authenticated:
            services.invitation_accept(token=token, user=request.user)
        elif form is None:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        elif form.is_valid():
            user = services.invitation_accept(
                token=token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        else:
            return render(request, "accounts/invitation_accept.html", {**page, "form": form})
        messages.success(
            request, _("Bienvenue ! Votre rôle « %(role)s » est actif.") % {"role": invitation.get_role_display()}
        )
        return redirect("accounts:profile")
    return render(request, "accounts/invitation_accept.html", {**page, "form": form})


def message_page(request, *, title, body, status=200, link=None):
    context = {
        "page_title": title,
        "body": body,
        "link_url": link[0] if link else "",
        "link_label": link[1] if link else "",
    }
    return render(request, "accounts/message_page.html", context, status=status)


@login_not_required
@require_GET
def password_reset_done(request):
    return message_page(
        request,
        title=_("Vérifiez votre messagerie"),
        body=_(
            "Si un compte existe pour cette adresse, un message vient de lui être envoyé avec un lien valable "
            "24 heures. Pensez à regarder dans les courriers indésirables."
        ),
    )


@login_not_required
@require_GET
def password_reset_complete(request):
    return message_page(
        request,
        title=_("Mot de passe enregistré"),
        body=_("Votre nouveau mot de passe est enregistré : vous pouvez vous connecter."),
        link=(reverse("accounts:login"), _("Se connecter")),
    )


@require_GET
def profile(request):
    memberships = Membership.objects.filter(user=request.user).with_related()
    return render(request, "accounts/profile.html", {"memberships": memberships})


@require_GET
def my_data(request):
    """Download my data: everything the portal holds about the logged-in person, as JSON."""
    data = services.user_personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees.json"'
    return response
