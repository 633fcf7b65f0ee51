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


def generate(scale: str) -> dict:
    data = _generate(scale)
    # Fresh planner statistics and visibility map, as autovacuum gives a live database after bulk inserts:
    # without them PostgreSQL plans on the row counts of the empty tables, and a count cannot be answered
    # from an index alone. VACUUM runs outside any transaction.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return data


@transaction.atomic
def _generate(scale: str) -> dict:
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


# --- shared helpers -------------------------------------------------------------------------------

LOREM = (
    "Les équipes académiques et les collectivités construisent ensemble des services numériques partagés "
    "pour les écoles et les établissements, avec une gouvernance ouverte et des communs réutilisables."
)


def _organisation_pks() -> list[int]:
    from partners.models import Organisation

    return list(Organisation.objects.filter(slug__startswith="bench-organisation-").values_list("pk", flat=True))


def _territory_pks(*levels) -> list[int]:
    from commons_portal.territories.models import Territory

    return list(Territory.objects.filter(level__in=levels).order_by("path").values_list("pk", flat=True))


def _m2m(field, pairs) -> None:
    """Bulk insert (source pk, target pk) pairs into the through table of a ManyToManyField."""
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    rows = [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in set(pairs)]
    through.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)


# --- partners: conventions and commons ------------------------------------------------------------

SIZES["small"].update(conventions=10, commons=10, adoptions_per_commons=3)
SIZES["large"].update(conventions=2_000, commons=500, adoptions_per_commons=12)


@generator(30)
def partners(scale: str, data: dict) -> dict:
    import datetime

    from commons_portal.territories.models import Territory
    from partners.models import Commons, CommonsAdoption, Partnership, PartnershipAmbition, PartnershipParty

    size = SIZES[scale]
    organisations = _organisation_pks()
    places = _territory_pks(Territory.Level.NATIONAL, Territory.Level.REGION, Territory.Level.ACADEMIE)
    departements = _territory_pks(Territory.Level.DEPARTEMENT)
    kinds = [kind for kind, _ in Partnership.Kind.choices]
    statuses = [status for status, _ in Partnership.Status.choices]

    partnerships = []
    for n in range(size["conventions"]):
        start = datetime.date(2015 + n % 10, 1 + n % 12, 1)
        partnerships.append(
            Partnership(
                title=f"Convention {n} pour la gouvernance partagée du numérique éducatif",
                slug=f"bench-{scale}-convention-{n}",
                kind=kinds[n % len(kinds)],
                status=statuses[n % len(statuses)],
                territory_id=places[n % len(places)],
                start_date=start,
                end_date=start + datetime.timedelta(days=3 * 365),
                description=LOREM,
            )
        )
    Partnership.objects.bulk_create(partnerships, batch_size=2000)
    parties, ambitions = [], []
    for partnership in partnerships:
        chosen = random.sample(organisations, k=min(len(organisations), random.randint(2, 4)))
        parties += [
            PartnershipParty(
                partnership=partnership,
                organisation_id=pk,
                role="signataire" if position == 0 else "partenaire",
                position=position,
            )
            for position, pk in enumerate(chosen)
        ]
        ambitions += [
            PartnershipAmbition(partnership=partnership, position=position, text=f"Ambition {position + 1}. {LOREM}")
            for position in range(2)
        ]
    PartnershipParty.objects.bulk_create(parties, batch_size=5000)
    PartnershipAmbition.objects.bulk_create(ambitions, batch_size=5000)

    maturities = [maturity for maturity, _ in Commons.Maturity.choices]
    commons = [
        Commons(
            name=f"Commun numérique {n} ({scale})",
            slug=f"bench-{scale}-commun-{n}",
            description=LOREM,
            licence="AGPL-3.0",
            repository_url=f"https://forge.exemple.fr/communs/{scale}-{n}",
            steward_community="Une communauté d'enseignants, de collectivités et d'opérateurs.",
            maturity=maturities[n % len(maturities)],
        )
        for n in range(size["commons"])
    ]
    Commons.objects.bulk_create(commons, batch_size=2000)
    stewards, users, adoptions = [], [], []
    for commons_obj in commons:
        stewards += [(commons_obj.pk, pk) for pk in random.sample(organisations, k=2)]
        users += [(commons_obj.pk, pk) for pk in random.sample(organisations, k=3)]
        for territory_pk in random.sample(departements, k=size["adoptions_per_commons"]):
            adoptions.append(
                CommonsAdoption(
                    commons=commons_obj,
                    territory_id=territory_pk,
                    organisation_id=random.choice(organisations),
                    adopted_on=datetime.date(2018 + random.randint(0, 7), random.randint(1, 12), 1),
                    note="Déploiement dans les écoles du département.",
                )
            )
    _m2m(Commons.steward_organisations.field, stewards)
    _m2m(Commons.user_organisations.field, users)
    CommonsAdoption.objects.bulk_create(adoptions, batch_size=5000)
    return {
        "partnership": partnerships[0].slug,
        "commons": commons[0].slug,
        "commons_pks": [c.pk for c in commons],
    }


# --- roadmaps: a national roadmap and, for each région académique, editions v1 (validated) and v2 --

SIZES["small"].update(programmes=3, actions=6, indicators=3, years=3)
SIZES["large"].update(programmes=25, actions=150, indicators=100, years=10)

AXES = (("structurant", 1), ("structurant", 2), ("operationnel", 1), ("operationnel", 2))
GOVERNANCE = (("COREA", "Comité régional académique"), ("CODIR", "Comité de direction"), ("COPIL", "Pilotage"))


def _roadmap_content(roadmap, *, size: dict, national_axes: list | None, organisations, commons, user_pk) -> None:
    """Axes, stakes, programmes, objectives, actions, indicators and their values, bodies and phases."""
    import datetime
    from decimal import Decimal

    from roadmaps.models import (
        Action,
        Axis,
        GovernanceBody,
        Indicator,
        IndicatorValue,
        Objective,
        Phase,
        Programme,
        Stake,
    )

    axes = Axis.objects.bulk_create(
        [
            Axis(
                roadmap=roadmap,
                kind=kind,
                number=number,
                title=f"Axe {kind} {number} : gouvernance et usages du numérique",
                framing=LOREM,
                strategic_approach=LOREM,
                position=position,
                national_axis=national_axes[position] if national_axes else None,
            )
            for position, (kind, number) in enumerate(AXES)
        ]
    )
    Stake.objects.bulk_create(
        [Stake(axis=axis, text=f"Enjeu {n + 1} de l'axe. {LOREM}", position=n) for axis in axes for n in range(2)]
    )
    GovernanceBody.objects.bulk_create(
        [
            GovernanceBody(roadmap=roadmap, acronym=acronym, name=name, frequency="Trimestrielle", position=n)
            for n, (acronym, name) in enumerate(GOVERNANCE)
        ]
    )
    Phase.objects.bulk_create(
        [Phase(roadmap=roadmap, number=n + 1, title=f"Phase {n + 1}", description=LOREM) for n in range(4)]
    )
    if national_axes is None:  # the national roadmap only frames the axes
        return
    statuses = [status for status, _ in Programme.Status.choices]
    programmes = Programme.objects.bulk_create(
        [
            Programme(
                roadmap=roadmap,
                axis=axes[n % len(axes)],
                number=n + 1,
                title=f"Programme {n + 1} : des services numériques partagés",
                description=LOREM,
                status=statuses[n % len(statuses)],
                progress=(n * 17) % 101,
                position=n,
            )
            for n in range(size["programmes"])
        ]
    )
    Objective.objects.bulk_create(
        [Objective(programme=pr, text=f"Objectif {n + 1}. {LOREM}", position=n) for pr in programmes for n in range(2)]
    )
    Action.objects.bulk_create(
        [
            Action(
                programme=programmes[n % len(programmes)],
                what=f"Action {n + 1} : accompagner les établissements",
                how=LOREM,
                who="DRANE, collectivités, Canopé",
                when="2022-2024",
                start_date=datetime.date(2022, 9, 1),
                end_date=datetime.date(2024, 6, 30),
                success_indicators="Nombre d'établissements accompagnés",
                progress=(n * 13) % 101,
                position=n // len(programmes),
                created_by_id=user_pk,
            )
            for n in range(size["actions"])
        ],
        batch_size=2000,
    )
    _m2m(Axis.partners.field, [(axis.pk, pk) for axis in axes for pk in random.sample(organisations, k=2)])
    _m2m(Programme.lead_organisations.field, [(pr.pk, random.choice(organisations)) for pr in programmes])
    _m2m(
        Programme.contributing_organisations.field,
        [(pr.pk, pk) for pr in programmes for pk in random.sample(organisations, k=2)],
    )
    _m2m(Programme.commons.field, [(pr.pk, random.choice(commons)) for pr in programmes])
    units = [unit for unit, _ in Indicator.Unit.choices]
    first_year = 2025 - size["years"]
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                roadmap=roadmap,
                programme=programmes[n % len(programmes)],
                name=f"Indicateur {n + 1} : part des établissements équipés",
                unit=units[n % len(units)],
                direction=Indicator.Direction.UP,
                baseline_value=Decimal(10 + n % 20),
                baseline_date=datetime.date(first_year, 6, 30),
                target_value=Decimal(80 + n % 20),
                target_date=datetime.date(2027, 6, 30),
                source="Enquête académique",
                position=n,
            )
            for n in range(size["indicators"])
        ],
        batch_size=2000,
    )
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=indicator,
                measured_on=IndicatorValue.school_year_end(year),
                school_year=year,
                value=Decimal(10 + (year - first_year) * 6 + (indicator.pk % 7)),
                entered_by_id=user_pk,
            )
            for indicator in indicators
            for year in range(first_year, 2025)
        ],
        batch_size=5000,
    )


@generator(40)
def roadmaps(scale: str, data: dict) -> dict:
    from django.utils import timezone

    from commons_portal.territories.models import Territory
    from roadmaps.models import Axis, Roadmap

    size = SIZES[scale]
    user_pk = data["users"]["national_admin"]
    organisations = _organisation_pks()
    commons = data["commons_pks"]
    now = timezone.now()
    national = Roadmap.objects.create(
        territory=Territory.objects.get(code="national"),
        slug=f"bench-{scale}-nationale",
        title=f"Stratégie nationale du numérique éducatif ({scale})",
        period_start=2021,
        period_end=2024,
        status=Roadmap.Status.VALIDATED,
        validated_at=now,
        validated_by_id=user_pk,
        introduction=LOREM,
    )
    _roadmap_content(
        national, size=size, national_axes=None, organisations=organisations, commons=commons, user_pk=user_pk
    )
    national_axes = list(Axis.objects.filter(roadmap=national).order_by("position"))
    slugs = {}
    for region in Territory.objects.filter(level=Territory.Level.REGION).order_by("path"):
        v1 = Roadmap.objects.create(
            territory=region,
            slug=f"bench-{scale}-{region.code.lower()}-v1",
            title=f"Feuille de route du numérique éducatif — {region.name}",
            period_start=2021,
            period_end=2024,
            edition=1,
            status=Roadmap.Status.VALIDATED,
            validated_at=now,
            validated_by_id=user_pk,
            parent=national,
            introduction=LOREM,
            conclusion=LOREM,
        )
        v2 = Roadmap.objects.create(
            territory=region,
            slug=f"bench-{scale}-{region.code.lower()}-v2",
            title=f"Feuille de route du numérique éducatif — {region.name}",
            period_start=2021,
            period_end=2024,
            edition=2,
            status=Roadmap.Status.DRAFT,
            parent=national,
            previous_version=v1,
            introduction=LOREM,
            conclusion=LOREM,
        )
        for roadmap in (v1, v2):
            _roadmap_content(
                roadmap,
                size=size,
                national_axes=national_axes,
                organisations=organisations,
                commons=commons,
                user_pk=user_pk,
            )
        slugs[region.code] = (v1.slug, v2.slug)
    roadmap, draft = slugs["R27"]
    indicator = Roadmap.objects.get(slug=roadmap).indicators.order_by("position").first()
    return {"roadmap": roadmap, "roadmap_draft": draft, "indicator": indicator.pk}


# --- RETEX: experience reports, events, sessions and their workshop records -----------------------

SIZES["small"].update(reports=60, authors=3, sessions=5, sessions_per_event=5, records=2)
SIZES["large"].update(reports=50_000, authors=40, sessions=300, sessions_per_event=10, records=5)

REPORT_STATUSES = (
    # (status, weight): mostly published, a review queue, some drafts and superseded editions.
    ("published", 60),
    ("submitted", 12),
    ("returned", 5),
    ("draft", 15),
    ("superseded", 8),
)


@generator(50)
def retex(scale: str, data: dict) -> dict:
    import datetime

    from django.utils import timezone

    from commons_portal.accounts.models import Membership, Role, User
    from commons_portal.territories.models import Territory
    from retex.models import (
        ActionPlanItem,
        AgendaItem,
        DiagnosticRow,
        Event,
        ExperienceReport,
        FlagshipProposal,
        ParticipantCategory,
        ParticipantCount,
        Projection,
        Session,
        Speaker,
        Theme,
    )

    size = SIZES[scale]
    organisations = _organisation_pks()
    password = User.objects.get(pk=data["users"]["editor"]).password
    authors = []
    for n in range(size["authors"]):
        user, created = User.objects.get_or_create(
            email=f"bench.partenaire.{scale}.{n}@exemple.fr", defaults={"password": password}
        )
        if created:
            Membership.objects.create(user=user, role=Role.PARTNER, organisation_id=organisations[n])
        authors.append(user.pk)
    places = _territory_pks(Territory.Level.REGION, Territory.Level.ACADEMIE, Territory.Level.DEPARTEMENT)
    regions = list(Territory.objects.filter(level=Territory.Level.REGION).order_by("path"))
    bfc = next(region for region in regions if region.code == "R27")
    themes = list(Theme.objects.values_list("pk", flat=True))
    statuses = [status for status, weight in REPORT_STATUSES for _ in range(weight)]
    now = timezone.now()
    reports = []
    for n in range(size["reports"]):
        status = statuses[n * 37 % len(statuses)]  # 37 is prime to 100: every status, even on a few rows
        moment = now - datetime.timedelta(days=random.randint(1, 1500), minutes=n % 1440)
        reports.append(
            ExperienceReport(
                title=f"RETEX {n} : un espace numérique de travail partagé ({scale})",
                summary="Ce qui a marché et ce qui a coincé dans le déploiement, en deux lignes.",
                # Bourgogne-Franche-Comté's fair share, so that its reviewers' queue is never empty.
                territory_id=bfc.pk if n % 18 == 0 else random.choice(places),
                organisation_id=random.choice(organisations),
                author_id=authors[n % len(authors)],
                strengths="Une équipe motivée\nDes formations courtes\nUn référent par établissement",
                pain_points="Des comptes à créer à la main\nUn réseau lent\nPeu de temps dégagé",
                status=status,
                submitted_at=moment if status != "draft" else None,
                published_at=moment if status in ("published", "superseded") else None,
                review_comment="Précisez le nombre d'établissements." if status == "returned" else "",
            )
        )
    ExperienceReport.objects.bulk_create(reports, batch_size=2000)
    field = ExperienceReport.themes.field
    _m2m(field, [(r.pk, pk) for r in reports for pk in random.sample(themes, k=random.randint(1, 2))])
    published = [r.pk for r in reports if r.status == "published"]
    _m2m(ExperienceReport.commons.field, [(pk, random.choice(data["commons_pks"])) for pk in published[::10]])
    _m2m(ExperienceReport.adopted_in.field, [(pk, random.choice(places)) for pk in published[::20]])

    event_count = max(1, size["sessions"] // size["sessions_per_event"])
    kinds = [kind for kind, _ in Event.Kind.choices]
    events = Event.objects.bulk_create(
        [
            Event(
                title=f"États généraux du numérique {n} ({scale})",
                slug=f"bench-{scale}-evenement-{n}",
                kind=kinds[n % len(kinds)],
                territory=bfc if n == 0 else regions[n % len(regions)],
                organiser="DRANE",
                place="Lycée du centre-ville",
                description=LOREM,
                start_date=datetime.date(2024, 1 + n % 12, 1),
                end_date=datetime.date(2024, 1 + n % 12, 3),
            )
            for n in range(event_count)
        ]
    )
    sessions = Session.objects.bulk_create(
        [
            Session(
                event=events[n // size["sessions_per_event"] % len(events)],
                slug=f"bench-{scale}-session-{n}",
                title=f"Atelier {n} : gouvernance des communs",
                date=datetime.date(2024, 1 + n % 12, 1 + n % 3),
                start_time=datetime.time(9, 0),
                end_time=datetime.time(17, 0),
                places="Salle polyvalente",
                facilitators_text="Une animatrice DRANE, un conseiller numérique",
                restitution_status="published" if n % 10 < 7 else "draft",
                restitution_published_at=now if n % 10 < 7 else None,
            )
            for n in range(size["sessions"])
        ]
    )
    agenda = AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                session=session,
                position=n,
                start_time=datetime.time(9 + n, 0),
                end_time=datetime.time(9 + n, 50),
                kind=[kind for kind, _ in AgendaItem.Kind.choices][n % len(AgendaItem.Kind.choices)],
                title=f"Temps {n + 1} de la journée",
                description=LOREM,
            )
            for session in sessions
            for n in range(5)
        ],
        batch_size=5000,
    )
    Speaker.objects.bulk_create(
        [
            Speaker(agenda_item=item, position=n, name=f"Intervenant {n + 1}", organisation="Canopé", role="Chargé")
            for item in agenda
            for n in range(2)
        ],
        batch_size=5000,
    )
    ParticipantCount.objects.bulk_create(
        [
            ParticipantCount(session=session, category=category, count=5 + n, establishments=2 + n)
            for session in sessions
            for n, category in enumerate(ParticipantCategory.values)
        ],
        batch_size=5000,
    )
    records = size["records"]
    DiagnosticRow.objects.bulk_create(
        [
            DiagnosticRow(
                session=session,
                position=n,
                theme_id=themes[n % len(themes)],
                report_id=random.choice(published),
                pain_points="Des comptes à créer à la main\nUn réseau lent",
                strengths="Une équipe motivée",
            )
            for session in sessions
            for n in range(records)
        ],
        batch_size=5000,
    )
    Projection.objects.bulk_create(
        [
            Projection(
                session=session,
                position=n,
                theme_id=themes[n % len(themes)],
                pain_point="Des comptes à créer à la main",
                need="Un annuaire fédéré",
                lever="Mutualiser l'annuaire entre collectivités",
            )
            for session in sessions
            for n in range(records)
        ],
        batch_size=5000,
    )
    ActionPlanItem.objects.bulk_create(
        [
            ActionPlanItem(
                session=session,
                position=n,
                theme_id=themes[n % len(themes)],
                what="Mutualiser l'annuaire",
                how="Un groupe de travail et une convention",
                who="DRANE, Région, départements",
                when="Rentrée prochaine",
                indicators="Nombre de comptes créés automatiquement",
            )
            for session in sessions
            for n in range(records)
        ],
        batch_size=5000,
    )
    FlagshipProposal.objects.bulk_create(
        [
            FlagshipProposal(
                session=session,
                title="Un annuaire fédéré pour toutes les écoles",
                summary=LOREM,
                territory_label="Académie",
                referent="DRANE",
                financial_means="Fonds de la région",
                human_means="Deux ingénieurs",
                difficulties="La coordination entre collectivités",
                impact_establishments=120,
                impact_pupils=30_000,
                impact_teachers=2_000,
                effort="medium",
                time_horizon="medium",
            )
            for session in sessions
        ],
        batch_size=5000,
    )
    data["users"]["partner"] = authors[0]
    return {
        "users": data["users"],
        "report": published[0],
        "event": events[0].slug,
        "session": sessions[0].slug,  # in Bourgogne-Franche-Comté, published: the editor records it
    }
