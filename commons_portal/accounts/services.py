"""Writes on accounts: invitations, accepting them, personal data export and erasure."""

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commons_portal.permissions import forget_scope

from .models import Invitation, Membership, Role, User


@transaction.atomic
def invitation_create(
    *, email: str, role: str, territory=None, organisation=None, message: str = "", invited_by: User
) -> tuple[Invitation, str]:
    """Create an invitation and send its one-time link by e-mail (after commit, through Celery).

    Returns the invitation and the link; the link is not stored, only a hash of its token.
    """
    invitation = Invitation(
        email=User.objects.normalize_email(email).lower(),
        role=role,
        message=message,
        territory=territory if role != Role.PARTNER else None,
        organisation=organisation if role == Role.PARTNER else None,
        invited_by=invited_by,
        expires_at=timezone.now() + settings.INVITATION_VALIDITY,
    )
    token = Invitation.new_token()
    invitation.token_hash = Invitation.hash_token(token)
    invitation.save()
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:invitation_accept", args=[token])

    from .tasks import send_invitation_email

    transaction.on_commit(partial(send_invitation_email.delay, invitation.pk, link))
    return invitation, link


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, user: User) -> None:
    """Withdraw an invitation that has not been accepted: its link stops working (it is deleted, and with
    it the hash of its token). An accepted invitation is history: the role it gave is removed instead."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_used:
        raise ValidationError(
            _("Cette invitation a déjà été acceptée : retirez plutôt le rôle qu'elle a donné."), code="used"
        )
    invitation.delete()


def invitation_send_email(*, invitation_id: int, link: str) -> None:
    invitation = Invitation.objects.select_related("territory", "organisation", "invited_by").get(pk=invitation_id)
    context = {"invitation": invitation, "link": link, "portal_name": settings.PORTAL_NAME}
    send_mail(
        subject=_("Invitation sur le %(portal)s") % {"portal": settings.PORTAL_NAME},
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def invitation_from_token(token: str) -> Invitation:
    """The invitation a link points to; ValidationError with a message a person can act on otherwise."""
    invitation = (
        Invitation.objects.select_related("territory", "organisation")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None:
        raise ValidationError(_("Ce lien d'invitation n'est pas valide. Vérifiez qu'il est complet."), code="unknown")
    if invitation.is_used:
        raise ValidationError(
            _("Ce lien d'invitation a déjà servi. Connectez-vous avec votre adresse électronique."), code="used"
        )
    if invitation.is_expired:
        raise ValidationError(
            _(
                "Ce lien d'invitation a expiré le %(date)s. Demandez une nouvelle invitation à la personne "
                "qui vous a invité."
            )
            % {"date": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y")},
            code="expired",
        )
    return invitation


@transaction.atomic
def invitation_accept(
    *, token: str, first_name: str = "", last_name: str = "", password: str | None = None, user: User | None = None
) -> User:
    """Accept an invitation: create the account if the e-mail has none (with `password`), then grant the role.

    `user` is the logged-in person accepting for their existing account. The link works once.
    """
    invitation = invitation_from_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_used:  # accepted meanwhile, in another request
        raise ValidationError(_("Ce lien d'invitation a déjà servi."), code="used")
    if user is None:
        user = User.objects.filter(email__iexact=invitation.email).first()
        if user is None:
            user = User.objects.create_user(
                email=invitation.email, password=password, first_name=first_name, last_name=last_name
            )
    Membership.objects.get_or_create(
        user=user, role=invitation.role, territory=invitation.territory, organisation=invitation.organisation
    )
    if invitation.role == Role.NATIONAL_ADMIN and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_scope(user)
    return user


def user_personal_data(*, user: User) -> dict:
    """Everything the portal holds about the person's account, for "download my data"."""
    return {
        "compte": {
            "adresse_electronique": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "inscrit_le": user.date_joined.isoformat(),
            "derniere_connexion": user.last_login.isoformat() if user.last_login else None,
        },
        "roles": [
            {
                "role": m.get_role_display(),
                "territoire": str(m.territory) if m.territory else None,
                "organisation": str(m.organisation) if m.organisation else None,
                "depuis": m.created_at.isoformat(),
            }
            for m in Membership.objects.filter(user=user).with_related()
        ],
        "invitations_recues": [
            {
                "role": i.get_role_display(),
                "creee_le": i.created_at.isoformat(),
                "acceptee_le": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in Invitation.objects.filter(email__iexact=user.email)
        ],
    }
