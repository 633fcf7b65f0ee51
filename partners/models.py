"""The partner ecosystem: organisations (local authorities, Canopé, associations, EdTech...)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationQuerySet(models.QuerySet):
    def with_list_related_data(self):
        return self.prefetch_related("territories")


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
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    website = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("description"), blank=True)
    territories = models.ManyToManyField(
        "territories.Territory", verbose_name=_("territoires d'action"), related_name="organisations", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["siren"], condition=~models.Q(siren=""), name="organisation_unique_siren"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
