"""Factories of the kernel, shared by every app's tests (each app adds its own in tests/<app>/factories.py)."""

import factory
from django.utils import timezone

from commons_portal.accounts.models import Invitation, Membership, Role, User
from commons_portal.territories.models import Territory
from commons_portal.territories.services import territories_load
from partners.models import Organisation

PASSWORD = "un-mot-de-passe-de-test"  # noqa: S105


def territory(code: str) -> Territory:
    """A territory of the reference tree ("R27", "A03", "D25", "national"), reloading the tree if a
    transactional test flushed it."""
    found = Territory.objects.filter(code=code).first()
    if found is None:
        territories_load()
        found = Territory.objects.get(code=code)
    return found


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Collectivité numéro {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.COMMUNE

    @factory.post_generation
    def territories(self, create, extracted, **kwargs):
        if create and extracted:
            self.territories.set(extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.django.Password(PASSWORD)

    class Params:
        # Traits, one per role: UserFactory(editor=True, territory_code="R27").
        territory_code = "R27"
        national_admin = factory.Trait(
            is_staff=True,
            membership=factory.RelatedFactory(
                "tests.factories.MembershipFactory",
                "user",
                role=Role.NATIONAL_ADMIN,
                territory=factory.LazyFunction(lambda: territory("national")),
            ),
        )
        territorial_admin = factory.Trait(
            membership=factory.RelatedFactory(
                "tests.factories.MembershipFactory",
                "user",
                role=Role.TERRITORIAL_ADMIN,
                territory=factory.LazyAttribute(lambda o: territory(o.factory_parent.territory_code)),
            ),
        )
        editor = factory.Trait(
            membership=factory.RelatedFactory(
                "tests.factories.MembershipFactory",
                "user",
                role=Role.EDITOR,
                territory=factory.LazyAttribute(lambda o: territory(o.factory_parent.territory_code)),
            ),
        )
        partner = factory.Trait(
            membership=factory.RelatedFactory(
                "tests.factories.MembershipFactory",
                "user",
                role=Role.PARTNER,
                territory=None,
                organisation=factory.SubFactory(OrganisationFactory),
            ),
        )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.EDITOR
    territory = factory.LazyFunction(lambda: territory("R27"))
    organisation = None


class InvitationFactory(factory.django.DjangoModelFactory):
    """`InvitationFactory(token="…")` stores the hash of that token, so a test can open the link."""

    class Meta:
        model = Invitation
        exclude = ["token"]

    token = factory.Sequence(lambda n: f"jeton-de-test-{n}")
    email = factory.Sequence(lambda n: f"invitee{n}@exemple.fr")
    role = Role.EDITOR
    territory = factory.LazyFunction(lambda: territory("R27"))
    token_hash = factory.LazyAttribute(lambda o: Invitation.hash_token(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=14))
