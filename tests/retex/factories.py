"""Factories of the RETEX app: events, sessions, reports and workshop records."""

import datetime

import factory

from retex.models import (
    ActionPlanItem,
    Attachment,
    DiagnosticRow,
    Event,
    ExperienceReport,
    Projection,
    ReportStatus,
    Session,
    Theme,
)
from tests.factories import UserFactory, territory


def theme(number: int = 1) -> Theme:
    return Theme.objects.get(number=number)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Journée des communs {n}")
    slug = factory.Sequence(lambda n: f"journee-{n}")
    kind = Event.Kind.STUDY_DAY
    territory = factory.LazyFunction(lambda: territory("R27"))
    start_date = datetime.date(2025, 3, 11)
    end_date = datetime.date(2025, 3, 11)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    slug = factory.Sequence(lambda n: f"session-{n}")
    title = factory.Sequence(lambda n: f"Atelier {n}")
    date = datetime.date(2025, 3, 11)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(12, 0)

    class Params:
        published = factory.Trait(restitution_status=Session.RestitutionStatus.PUBLISHED)

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create and extracted:
            self.facilitators.set(extracted)


class ReportFactory(factory.django.DjangoModelFactory):
    """A complete report (ready to submit) in a draft, by a partner; traits for the other statuses."""

    class Meta:
        model = ExperienceReport
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Retour d'expérience {n}")
    summary = "Un dispositif de prêt de tablettes aux familles, avec une médiation en médiathèque."
    link = "https://exemple.fr/ressource"
    territory = factory.LazyFunction(lambda: territory("R27"))
    author = factory.SubFactory(UserFactory, partner=True)
    organisation = factory.LazyAttribute(lambda o: o.author.memberships.first().organisation)
    strengths = "Lien avec les familles\nPartenariat avec les médiathèques"
    pain_points = "Maintenance lourde"

    class Params:
        submitted = factory.Trait(status=ReportStatus.SUBMITTED)
        returned = factory.Trait(status=ReportStatus.RETURNED, review_comment="Précisez les chiffres.")
        published = factory.Trait(status=ReportStatus.PUBLISHED)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [theme(1)])


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    report = factory.SubFactory(ReportFactory)
    file = factory.django.FileField(filename="note.pdf", data=b"%PDF-1.4\n%test\n")
    original_name = "note.pdf"
    content_type = "application/pdf"
    size = 15


class DiagnosticRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiagnosticRow

    session = factory.SubFactory(SessionFactory)
    theme = factory.LazyFunction(lambda: theme(2))
    pain_points = "Plateformes improvisées"
    strengths = "Continuité maintenue"


class ProjectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Projection

    session = factory.SubFactory(SessionFactory)
    theme = factory.LazyFunction(lambda: theme(2))
    pain_point = "La formation n'est pas reconnue"
    need = "Valoriser les formateurs"
    lever = "Des certifications prises en compte dans les carrières"


class ActionPlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlanItem

    session = factory.SubFactory(SessionFactory)
    theme = factory.LazyFunction(lambda: theme(2))
    what = factory.Sequence(lambda n: f"Valoriser la formation {n}")
    how = "Intégrer des certifications dans les carrières"
    who = "DAFPEN, DAN, DRH"
    when = "Rentrée 2026"
    indicators = "Certification créée"


def roadmap_programme(*, user, territory_code: str = "R27"):
    """A draft roadmap of the territory with one axis and one programme, made through roadmaps' services."""
    from roadmaps import services as roadmap_services
    from roadmaps.models import Axis

    roadmap = roadmap_services.roadmap_create(
        territory=territory(territory_code),
        title="Feuille de route des communs numériques",
        period_start=2025,
        period_end=2028,
        user=user,
    )
    axis = roadmap_services.axis_create(roadmap=roadmap, kind=Axis.Kind.OPERATIONAL, title="Former", user=user)
    return roadmap_services.programme_create(axis=axis, title="Former les formateurs", user=user)
