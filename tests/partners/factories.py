"""Factories of the partner ecosystem (organisations come from tests/factories.py, shared by all apps)."""

import datetime

import factory
from django.utils import timezone

from partners.models import Commons, CommonsAdoption, Contact, Partnership, PartnershipAmbition, PartnershipParty
from tests.factories import OrganisationFactory, territory

__all__ = [
    "CommonsAdoptionFactory",
    "CommonsFactory",
    "ContactFactory",
    "OrganisationFactory",
    "PartnershipFactory",
    "PartnershipPartyFactory",
]


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    # Acting in the Doubs, so that the staff of Bourgogne-Franche-Comté deal with its contacts.
    organisation = factory.SubFactory(OrganisationFactory, territories=factory.LazyFunction(lambda: [territory("D25")]))
    full_name = factory.Sequence(lambda n: f"Personne Contact {n}")
    role_title = "Chargée de mission numérique"
    email = factory.Sequence(lambda n: f"contact{n}@collectivite.fr")
    phone = "03 81 00 00 00"
    purpose = "Suivi de la convention"
    consent_given = True
    consent_date = factory.LazyFunction(timezone.now)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Convention numéro {n}")
    slug = factory.Sequence(lambda n: f"convention-{n}")
    territory = factory.LazyFunction(lambda: territory("R27"))
    status = Partnership.Status.SIGNED
    start_date = datetime.date(2024, 9, 1)

    @factory.post_generation
    def ambitions(self, create, extracted, **kwargs):
        if create and extracted:
            for position, text in enumerate(extracted):
                PartnershipAmbition.objects.create(partnership=self, position=position, text=text)

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if create and extracted:
            for position, organisation in enumerate(extracted):
                PartnershipParty.objects.create(
                    partnership=self, organisation=organisation, role="Signataire", position=position
                )


class PartnershipPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipParty

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Signataire"


class CommonsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commons

    name = factory.Sequence(lambda n: f"Commun numéro {n}")
    slug = factory.Sequence(lambda n: f"commun-{n}")
    description = "Un service numérique partagé."
    licence = "AGPL-3.0"


class CommonsAdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommonsAdoption

    commons = factory.SubFactory(CommonsFactory)
    territory = factory.LazyFunction(lambda: territory("R27"))
    adopted_on = datetime.date(2024, 9, 1)
