"""The partner ecosystem: organisations (local authorities, Canopé, associations, EdTech...), their
contact persons (personal data), partnerships/conventions between them, and the digital commons they
steward, use and spread from one territory to another ("essaimage")."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commons_portal import permissions as p
from commons_portal.core.constraints import ends_after_start
from commons_portal.core.uploads import random_upload_path
from commons_portal.search.fields import search_document_field, search_document_index
from commons_portal.territories.models import Territory

from .validators import validate_siren, validate_siret


class PrivateStorage(FileSystemStorage):
    """Uploaded documents live under MEDIA_ROOT/private, which no URL serves: they are only handed out
    by a view that checks the permission first."""

    @cached_property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "private")

    def url(self, name):
        raise ValueError("Private files have no public URL.")


_private_storage = PrivateStorage()


def private_storage():
    return _private_storage


# --- organisations ------------------------------------------------------------------------------


class OrganisationQuerySet(models.QuerySet):
    def with_list_related_data(self):
        return self.prefetch_related("territories")

    def search(self, text: str):
        """A simple search on names, acronyms and SIREN (works on SQLite and PostgreSQL alike)."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(acronym__icontains=text) | Q(siren=text.replace(" ", "")))

    def in_territory(self, territory):
        """Organisations acting in `territory`, in one of its ancestors or below it."""
        return self.filter(territories__path__startswith=territory.path).distinct()

    def using_commons(self, commons):
        return self.filter(Q(used_commons=commons) | Q(stewarded_commons=commons)).distinct()


class Organisation(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("Ministère ou service de l'État")
        REGION = "region", _("Région")
        DEPARTEMENT = "departement", _("Département")
        COMMUNE = "commune", _("Commune")
        EPCI = "epci", _("EPCI (intercommunalité)")
        ELECTED_ASSOCIATION = "elected_association", _("Association d'élus")
        PUBLIC_OPERATOR = "public_operator", _("Opérateur public")
        HIGHER_EDUCATION = "higher_education", _("Enseignement supérieur ou recherche")
        ASSOCIATION = "association", _("Association")
        COMPANY = "company", _("Entreprise, EdTech ou start-up")
        SYNDICAT_MIXTE = "syndicat_mixte", _("Syndicat mixte")
        OTHER = "other", _("Autre")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    siren = models.CharField(
        _("SIREN"),
        max_length=9,
        blank=True,
        validators=[validate_siren],
        help_text=_("9 chiffres, par exemple 180 020 026."),
    )
    siret = models.CharField(
        _("SIRET du siège"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("14 chiffres : le SIREN suivi du numéro d'établissement."),
    )
    website = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("description"), blank=True)
    territories = models.ManyToManyField(
        "territories.Territory", verbose_name=_("territoires d'action"), related_name="organisations", blank=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SEARCH_FIELDS = ("name", "acronym", "description")
    search_document = search_document_field(*SEARCH_FIELDS)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "search_document"])
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [search_document_index("organisation_search")]
        constraints = [
            models.UniqueConstraint(fields=["siren"], condition=~models.Q(siren=""), name="organisation_unique_siren"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("partners:organisation_detail", kwargs={"slug": self.slug})

    def get_abilities(self, user) -> dict[str, bool]:
        abilities = p.abilities(user, self)
        abilities["invite"] = user.has_perm("partners.invite_member", self)
        abilities["view_contacts"] = user.has_perm("partners.view_contact", self)
        abilities["add_contact"] = user.has_perm("partners.add_contact", self)
        return abilities


# --- contact persons (personal data) ------------------------------------------------------------


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff of a territory overlapping one of the organisation's (see perms.staff_overlapping)."""
        scope = p.scope_of(user)
        if scope.national_admin:
            return self
        query = Q(pk__in=[])
        for path in scope.roles_paths(p.EDITING_ROLES):
            query |= Q(organisation__territories__path__startswith=path)
            ancestors = [path[:end] for end in range(Territory.steplen, len(path) + 1, Territory.steplen)]
            query |= Q(organisation__territories__path__in=ancestors)
        return self.filter(query).distinct()


class Contact(models.Model):
    """A contact person in an organisation: personal data, visible to logged-in staff only, kept for a
    stated purpose with the person's consent, exportable to them and erasable (with its history)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="contacts"
    )
    full_name = models.CharField(_("nom et prénom"), max_length=200)
    role_title = models.CharField(_("fonction"), max_length=200, blank=True)
    email = models.EmailField(_("adresse électronique"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    purpose = models.CharField(
        _("finalité du traitement"),
        max_length=300,
        help_text=_("Pourquoi ces coordonnées sont conservées, par exemple « suivi de la convention »."),
    )
    consent_given = models.BooleanField(_("consentement recueilli"), default=False)
    consent_date = models.DateTimeField(_("date du consentement"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    # Erasing a contact purges these rows too (see services.contact_erase).
    history = HistoricalRecords()
    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("personne à contacter")
        verbose_name_plural = _("personnes à contacter")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                name="contact_consent_has_date",
                condition=Q(consent_given=False) | Q(consent_date__isnull=False),
            ),
        ]

    def __str__(self):
        return self.full_name


# --- partnerships / conventions -----------------------------------------------------------------


class PartnershipQuerySet(models.QuerySet):
    def with_list_related_data(self):
        return self.select_related("territory").annotate(party_count=Count("parties", distinct=True))

    def of_organisation(self, organisation):
        return self.filter(parties__organisation=organisation).distinct()


class Partnership(models.Model):
    """A convention or partnership between organisations: parties with roles, ambitions, documents."""

    class Kind(models.TextChoices):
        CONVENTION = "convention", _("Convention de partenariat")
        FRAMEWORK = "framework", _("Accord-cadre")
        FUNDING = "funding", _("Convention de financement")
        GOVERNANCE = "governance", _("Gouvernance partagée")
        OTHER = "other", _("Autre")

    class Status(models.TextChoices):
        DRAFT = "draft", _("En préparation")
        SIGNED = "signed", _("Signée, en cours")
        ENDED = "ended", _("Terminée")

    title = models.CharField(_("intitulé"), max_length=250)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices, default=Kind.CONVENTION)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("territoire"),
        on_delete=models.PROTECT,
        related_name="partnerships",
        help_text=_("Le territoire couvert : « National » pour une convention nationale."),
    )
    start_date = models.DateField(_("date de début"), null=True, blank=True)
    end_date = models.DateField(_("date de fin"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="PartnershipParty", related_name="partnerships", verbose_name=_("parties")
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SEARCH_FIELDS = ("title", "description")
    search_document = search_document_field(*SEARCH_FIELDS)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "search_document"])
    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partenariat ou convention")
        verbose_name_plural = _("partenariats et conventions")
        ordering = ["-start_date", "title"]
        indexes = [search_document_index("partnership_search")]
        constraints = [
            ends_after_start("partnership_dates_in_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partners:partnership_detail", kwargs={"slug": self.slug})

    def get_abilities(self, user) -> dict[str, bool]:
        return p.abilities(user, self)


class PartnershipParty(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="partnership_parties"
    )
    role = models.CharField(
        _("rôle dans la convention"), max_length=200, blank=True, help_text=_("Par exemple « signataire », « pilote ».")
    )
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partie à la convention")
        verbose_name_plural = _("parties à la convention")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="partnership_party_unique"),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.role}" if self.role else str(self.organisation)


class PartnershipAmbition(models.Model):
    """One of the shared ambitions of a convention, in the order of the signed text."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="ambitions")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("ambition"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ambition partagée")
        verbose_name_plural = _("ambitions partagées")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:80]


def _document_upload_to(instance, filename):
    # A random name: the original one is kept in a field, never used on disk.
    return random_upload_path("partners/documents", filename)


class PartnershipDocument(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(_("fichier"), upload_to=_document_upload_to, storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("document de la convention")
        verbose_name_plural = _("documents de la convention")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partners:document_download", kwargs={"pk": self.pk})


# --- digital commons ----------------------------------------------------------------------------


class CommonsQuerySet(models.QuerySet):
    def with_list_related_data(self):
        return self.prefetch_related("steward_organisations").annotate(adoption_count=Count("adoptions", distinct=True))

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(description__icontains=text))


class Commons(models.Model):
    """A digital commons ("commun numérique"): a shared service or resource the portal helps spread."""

    class Maturity(models.TextChoices):
        IDEA = "idea", _("Idée ou projet")
        EXPERIMENT = "experiment", _("Expérimentation")
        PRODUCTION = "production", _("En production")
        WIDESPREAD = "widespread", _("Généralisé")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True, help_text=_("Par exemple « AGPL-3.0 »."))
    repository_url = models.URLField(_("dépôt du code source"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    steward_community = models.TextField(_("communauté qui en prend soin"), blank=True)
    steward_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations qui en prennent soin"), related_name="stewarded_commons", blank=True
    )
    user_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations qui l'utilisent"), related_name="used_commons", blank=True
    )
    territories = models.ManyToManyField(
        "territories.Territory",
        through="CommonsAdoption",
        related_name="commons_used",
        verbose_name=_("territoires qui l'utilisent"),
    )
    maturity = models.CharField(_("maturité"), max_length=20, choices=Maturity.choices, default=Maturity.EXPERIMENT)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SEARCH_FIELDS = ("name", "description", "steward_community")
    search_document = search_document_field(*SEARCH_FIELDS)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "search_document"])
    objects = CommonsQuerySet.as_manager()

    class Meta:
        verbose_name = _("commun numérique")
        verbose_name_plural = _("communs numériques")
        ordering = ["name"]
        indexes = [search_document_index("commons_search")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:commons_detail", kwargs={"slug": self.slug})

    def get_abilities(self, user) -> dict[str, bool]:
        return p.abilities(user, self)


class CommonsAdoption(models.Model):
    """A territory adopted a commons on a date ("essaimage")."""

    commons = models.ForeignKey(Commons, verbose_name=_("commun"), on_delete=models.CASCADE, related_name="adoptions")
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("territoire"), on_delete=models.PROTECT, related_name="adoptions"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation qui le déploie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
    )
    adopted_on = models.DateField(_("adopté le"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("adoption d'un commun")
        verbose_name_plural = _("adoptions de communs")
        ordering = ["adopted_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["commons", "territory"], name="commons_adoption_unique_territory"),
        ]

    def __str__(self):
        return f"{self.commons} — {self.territory}"
