"""The large, realistic data set of the benchmarks, generated with bulk inserts.

Each domain adds a generator with `@generator(order)`; a generator takes the scale ("small" or "large")
and the data generated so far, and returns the objects the benchmarked pages are opened on.
"""

import random
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.db import transaction

SIZES = {
    # what the issue asks for on the large data set; "small" is the same shape, a few rows each.
    "small": {"organisations": 20, "regions": 18},
    "large": {"organisations": 10_000, "regions": 18},
}

_generators: list[tuple[int, Callable[[str, dict], dict]]] = []


def generator(order: int):
    def register(func):
        _generators.append((order, func))
        return func

    return register


@transaction.atomic
def generate(scale: str) -> dict:
    random.seed(2026)
    data: dict = {}
    for _, func in sorted(_generators, key=lambda item: item[0]):
        data.update(func(scale, data) or {})
    return data


@generator(10)
def kernel(scale: str, data: dict) -> dict:
    """One user per role (on Bourgogne-Franche-Comté) with the demo password."""
    from commons_portal.accounts.models import Membership, Role, User
    from commons_portal.territories.models import Territory

    users = {}
    password = make_password("demo-commons")
    bfc = Territory.objects.get(code="R27")
    national = Territory.objects.get(code="national")
    for role, territory in (
        (Role.NATIONAL_ADMIN, national),
        (Role.TERRITORIAL_ADMIN, bfc),
        (Role.EDITOR, bfc),
    ):
        user, _ = User.objects.get_or_create(email=f"bench.{role}@exemple.fr", defaults={"password": password})
        Membership.objects.get_or_create(user=user, role=role, territory=territory)
        users[role.value] = user.pk
    return {"users": users}


@generator(20)
def organisations(scale: str, data: dict) -> dict:
    from commons_portal.territories.models import Territory
    from partners.models import Organisation

    count = SIZES[scale]["organisations"]
    existing = Organisation.objects.count()
    kinds = [kind for kind, _ in Organisation.Kind.choices]
    departements = list(Territory.objects.filter(level=Territory.Level.DEPARTEMENT).values_list("pk", flat=True))
    new = [
        Organisation(
            name=f"Organisation {n} de l'écosystème numérique éducatif",
            slug=f"bench-organisation-{n}",
            kind=kinds[n % len(kinds)],
            description="Collectivité ou association partenaire engagée dans les communs numériques.",
        )
        for n in range(existing, existing + count)
    ]
    Organisation.objects.bulk_create(new, batch_size=2000)
    through = Organisation.territories.through
    created = Organisation.objects.filter(slug__startswith="bench-organisation-").values_list("pk", flat=True)
    links = [
        through(organisation_id=pk, territory_id=departements[index % len(departements)])
        for index, pk in enumerate(created.order_by("pk")[existing:])
    ]
    through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    return {"organisation": Organisation.objects.order_by("pk").values_list("slug", flat=True).first()}
