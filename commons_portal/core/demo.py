"""The kernel's demo data: one account per role, with the embedded-mode password."""

from django.conf import settings

from commons_portal.accounts.models import Membership, Role, User
from commons_portal.territories.models import Territory

DEMO_DOMAIN = "demo.communs.education.gouv.fr"

# (e-mail, first name, last name, role, territory code or organisation slug)
DEMO_ACCOUNTS = [
    ("admin.national@" + DEMO_DOMAIN, "Nadia", "Nationale", Role.NATIONAL_ADMIN, "national"),
    ("admin.bfc@" + DEMO_DOMAIN, "Thomas", "Territorial", Role.TERRITORIAL_ADMIN, "R27"),
    ("drane.bfc@" + DEMO_DOMAIN, "Émilie", "Rédactrice", Role.EDITOR, "R27"),
    ("partenaire@" + DEMO_DOMAIN, "Paul", "Partenaire", Role.PARTNER, "reseau-canope"),
]


def demo_password() -> str:
    password = getattr(settings, "DEMO_PASSWORD", None)
    if not password:
        raise RuntimeError("Demo accounts exist only in embedded mode (settings.dev): DEMO_PASSWORD is not set.")
    return password


def load_accounts() -> list[tuple[str, str]]:
    """Create (or reset) the demo accounts; returns (e-mail, role label) pairs."""
    from partners.models import Organisation

    password = demo_password()
    created = []
    for email, first_name, last_name, role, scope in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(email=email, defaults={"first_name": first_name, "last_name": last_name})
        user.set_password(password)
        user.is_staff = role == Role.NATIONAL_ADMIN
        user.save()
        if role == Role.PARTNER:
            organisation, _ = Organisation.objects.get_or_create(
                slug=scope,
                defaults={
                    "name": "Réseau Canopé",
                    "acronym": "Canopé",
                    "kind": Organisation.Kind.PUBLIC_OPERATOR,
                    "website": "https://www.reseau-canope.fr",
                },
            )
            Membership.objects.get_or_create(user=user, role=role, organisation=organisation)
        else:
            Membership.objects.get_or_create(user=user, role=role, territory=Territory.objects.get(code=scope))
        created.append((email, str(Role(role).label)))
    return created
