"""The roadmaps' demo data, loaded by `manage.py load_demo` (order 30) and idempotent: each roadmap is
looked up by its slug and left alone when it exists.

- `national-2023-2027`: the national strategy (4 axes, its 16 objectives as programmes), validated;
- `bfc-2017-2020`: the Bourgogne-Franche-Comté roadmap 2017-2020, imported through the importer from
  `bfc-2017-2020.md` (written from seed 001), declining the national axes, validated (version 1);
- `bfc-2017-2020-v2`: version 2 drafted from version 1, with actions, indicators and three school
  years of values.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from commons_portal.accounts.models import User
from commons_portal.core.demo import DEMO_DOMAIN
from commons_portal.territories.models import Territory

from .. import services
from ..importer import parse_markdown
from ..models import Axis, Indicator, Programme, Roadmap

HERE = Path(__file__).resolve().parent
NATIONAL_SLUG = "national-2023-2027"
BFC_SLUG = "bfc-2017-2020"
BFC_V2_SLUG = "bfc-2017-2020-v2"

# BFC axis (kind, number) → the national axis number it declines.
BFC_DECLINES = {
    (Axis.Kind.STRUCTURING, 1): 1,
    (Axis.Kind.STRUCTURING, 2): 1,
    (Axis.Kind.STRUCTURING, 3): 2,
    (Axis.Kind.OPERATIONAL, 1): 3,
    (Axis.Kind.OPERATIONAL, 2): 3,
    (Axis.Kind.OPERATIONAL, 3): 4,
    (Axis.Kind.OPERATIONAL, 4): 2,
}

# Programme number → (status, progress) in version 1, as the 2018 follow-up could have recorded them.
V1_PROGRESS = {
    1: ("in_progress", 60),
    2: ("in_progress", 40),
    5: ("in_progress", 30),
    13: ("done", 100),
    14: ("in_progress", 50),
}

V2_ACTIONS = {
    1: [
        (
            "Installer le COSRN et adopter son règlement intérieur",
            "Deux séances plénières par an",
            "DRANE, Région",
            100,
        ),
        ("Publier la cartographie des instances", "Page dédiée sur le portail", "DRANE", 50),
    ],
    9: [
        (
            "Former 300 enseignants par an aux usages pédagogiques",
            "Parcours hybrides M@gistère",
            "DRANE, Canopé, INSPÉ",
            70,
        ),
        ("Créer un réseau d'enseignants référents par bassin", "Appel à candidatures", "DRANE, IEN", 40),
    ],
    13: [("Raccorder tous les collèges au GAR", "Plan de déploiement par département", "DRASI, départements", 90)],
    14: [("Définir un cahier des charges ENT commun avec la Région", "Groupe de travail ENT", "DRANE, Région", 60)],
}

# name, unit, direction, baseline (value, date), target (value, date), source, programme number, values by year
V2_INDICATORS = [
    (
        "Collèges raccordés au GAR",
        Indicator.Unit.PERCENT,
        Indicator.Direction.UP,
        (Decimal("35"), datetime.date(2017, 9, 1)),
        (Decimal("100"), datetime.date(2021, 6, 30)),
        "Console de déploiement du GAR",
        13,
        {2017: "48", 2018: "71", 2019: "88"},
    ),
    (
        "Enseignants formés au numérique dans l'année",
        Indicator.Unit.COUNT,
        Indicator.Direction.UP,
        (Decimal("400"), datetime.date(2017, 9, 1)),
        (Decimal("1600"), datetime.date(2021, 6, 30)),
        "Plans académiques de formation",
        9,
        {2017: "620", 2018: "780", 2019: "910"},
    ),
    (
        "Délai moyen de réponse du centre de services",
        Indicator.Unit.DAYS,
        Indicator.Direction.DOWN,
        (Decimal("6"), datetime.date(2017, 9, 1)),
        (Decimal("2"), datetime.date(2021, 6, 30)),
        "Outil de suivi des demandes",
        5,
        {2017: "5.5", 2018: "4.2", 2019: "3.1"},
    ),
]


def _user(local_part: str) -> User | None:
    return User.objects.filter(email=f"{local_part}@{DEMO_DOMAIN}").first()


def _import(filename: str, *, slug: str, territory, user, parent=None) -> Roadmap:
    parsed = parse_markdown((HERE / filename).read_text(encoding="utf-8"))
    if parsed.errors:
        raise ValueError(f"{filename}: " + "; ".join(str(error) for error in parsed.errors))
    return services.roadmap_create_from_import(parsed=parsed, territory=territory, user=user, slug=slug, parent=parent)


def load_national() -> Roadmap:
    existing = Roadmap.objects.filter(slug=NATIONAL_SLUG).first()
    if existing is not None:
        return existing
    admin = _user("admin.national")
    national = _import(
        "national-2023-2027.md", slug=NATIONAL_SLUG, territory=Territory.objects.get(code="national"), user=admin
    )
    national.validate(user=admin)
    return national


def load_bfc_v1(national: Roadmap) -> Roadmap:
    existing = Roadmap.objects.filter(slug=BFC_SLUG).first()
    if existing is not None:
        return existing
    editor, admin = _user("drane.bfc"), _user("admin.bfc")
    roadmap = _import(
        "bfc-2017-2020.md", slug=BFC_SLUG, territory=Territory.objects.get(code="R27"), user=editor, parent=national
    )
    national_axes = {axis.number: axis for axis in national.axes.all()}
    for axis in roadmap.axes.all():
        services.object_update(
            obj=axis,
            data={"national_axis": national_axes[BFC_DECLINES[(axis.kind, axis.number)]]},
            version=axis.version,
            user=editor,
        )
    for programme in Programme.objects.filter(roadmap=roadmap, number__in=V1_PROGRESS):
        status, progress = V1_PROGRESS[programme.number]
        services.object_update(
            obj=programme, data={"status": status, "progress": progress}, version=programme.version, user=editor
        )
    roadmap.submit(user=editor)
    roadmap.validate(user=admin)
    return roadmap


def load_bfc_v2(v1: Roadmap) -> Roadmap:
    existing = Roadmap.objects.filter(slug=BFC_V2_SLUG).first()
    if existing is not None:
        return existing
    editor = _user("drane.bfc")
    v2 = services.roadmap_create_next_version(roadmap=v1, user=editor, slug=BFC_V2_SLUG)
    programmes = {programme.number: programme for programme in v2.programmes.all()}
    for number, actions in V2_ACTIONS.items():
        for what, how, who, progress in actions:
            services.action_create(
                programme=programmes[number],
                what=what,
                how=how,
                who=who,
                when="2018-2020",
                progress=progress,
                user=editor,
            )
    programme = programmes[9]
    services.object_update(
        obj=programme,
        data={"status": Programme.Status.IN_PROGRESS, "weight": Decimal("2")},
        version=programme.version,
        user=editor,
    )
    for name, unit, direction, baseline, target, source, number, values in V2_INDICATORS:
        indicator = services.indicator_create(
            roadmap=v2,
            name=name,
            unit=unit,
            direction=direction,
            baseline_value=baseline[0],
            baseline_date=baseline[1],
            target_value=target[0],
            target_date=target[1],
            source=source,
            programme=programmes[number],
            user=editor,
        )
        for year, value in values.items():
            services.indicator_value_create(
                indicator=indicator, value=Decimal(value), school_year=year, user=editor, comment=""
            )
    services.object_update(
        obj=v2,
        data={
            "conclusion": v2.conclusion
            + "\n\nLa version 2 ajoute les indicateurs de suivi annoncés par la version 1 et le plan d'actions de "
            "plusieurs programmes."
        },
        version=v2.version,
        user=editor,
    )
    return v2


def load() -> None:
    national = load_national()
    v1 = load_bfc_v1(national)
    load_bfc_v2(v1)
