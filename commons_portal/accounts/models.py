"""Accounts, memberships (who holds which role where) and invitations by one-time link."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("Administrateur national")
    TERRITORIAL_ADMIN = "territorial_admin", _("Administrateur territorial")
    EDITOR = "editor", _("Rédacteur DRANE/DRASI")
    PARTNER = "partner", _("Membre d'une organisation partenaire")

    @classmethod
    def territorial(cls):
        """Roles held on a territory (the others are held in an organisation)."""
        return [cls.NATIONAL_ADMIN, cls.TERRITORIAL_ADMIN, cls.EDITOR]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address. Personal data: erasable and exportable."""

    email = models.EmailField(_("adresse électronique"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    is_staff = models.BooleanField(_("accès à l'administration"), default=False)
    is_active = models.BooleanField(_("actif"), default=True)
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()


class MembershipQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("territory", "organisation")


class Membership(models.Model):
    """A role held by a user on a territory (and everything below it) or in an organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("territoire"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("rôle d'un utilisateur")
        verbose_name_plural = _("rôles des utilisateurs")
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(role=Role.PARTNER, organisation__isnull=False, territory__isnull=True)
                    | (~Q(role=Role.PARTNER) & Q(territory__isnull=False, organisation__isnull=True))
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "territory"],
                name="membership_unique_territory_role",
                condition=Q(territory__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                name="membership_unique_organisation_role",
                condition=Q(organisation__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.territory or self.organisation}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def visible_to(self, user):
        """The invitations a person may send: all for a national administrator; for a territorial
        administrator, the staff roles on the territories they administer and the partner roles in
        organisations acting there; none for anyone else (see accounts/perms.py)."""
        from commons_portal.permissions import scope_of

        scope = scope_of(user)
        if scope.national_admin:
            return self
        roles = [Role.TERRITORIAL_ADMIN]
        in_organisations = self.filter(scope.territory_q(roles, "organisation__territories")).values("pk")
        on_territories = scope.territory_q(roles, "territory") & ~Q(role=Role.NATIONAL_ADMIN)
        return self.filter(on_territories | Q(pk__in=in_organisations))

    def with_list_related_data(self):
        # The permission rules read the organisation's territories (a partner's invitation).
        return self.select_related("territory", "organisation").prefetch_related("organisation__territories")


class Invitation(models.Model):
    """A one-time link that gives a role (and an account, if needed) to the person who opens it.

    Only a hash of the token is stored: the link itself exists in the e-mail alone.
    """

    email = models.EmailField(_("adresse électronique"))
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("territoire"), on_delete=models.CASCADE, null=True, blank=True
    )
    organisation = models.ForeignKey(
        "partners.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, null=True, blank=True
    )
    message = models.TextField(_("message personnel"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expire le"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} — {self.get_role_display()}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None

    def scope_errors(self) -> dict[str, str]:
        """What the role needs and is missing, by field: an organisation for a partner, a territory for
        the other roles (the national one for a national administrator)."""
        if self.role == Role.PARTNER and self.organisation is None:
            return {"organisation": _("Choisissez l'organisation de la personne invitée.")}
        if self.role and self.role != Role.PARTNER:
            if self.territory is None:
                return {"territory": _("Choisissez le territoire sur lequel porte ce rôle.")}
            if self.role == Role.NATIONAL_ADMIN and not self.territory.is_national:
                return {"territory": _("Un administrateur national porte sur le territoire « National ».")}
        return {}
