"""Factories of the roadmaps app (kernel factories are in tests/factories.py)."""

import datetime
from decimal import Decimal

import factory

from roadmaps.models import Action, Axis, Indicator, IndicatorValue, Objective, Programme, Roadmap, Stake
from tests.factories import territory


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    territory = factory.LazyFunction(lambda: territory("R27"))
    slug = factory.Sequence(lambda n: f"feuille-{n}")
    title = factory.Sequence(lambda n: f"Feuille de route numéro {n}")
    period_start = 2024
    period_end = 2027
    status = Roadmap.Status.DRAFT

    class Params:
        validated = factory.Trait(status=Roadmap.Status.VALIDATED)
        national = factory.Trait(territory=factory.LazyFunction(lambda: territory("national")))


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axis

    roadmap = factory.SubFactory(RoadmapFactory)
    kind = Axis.Kind.STRUCTURING
    number = factory.Sequence(lambda n: n + 1)
    position = factory.SelfAttribute("number")
    title = factory.Sequence(lambda n: f"Axe numéro {n}")


class StakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stake

    axis = factory.SubFactory(AxisFactory)
    text = factory.Sequence(lambda n: f"Enjeu {n}")
    position = factory.Sequence(lambda n: n)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    axis = factory.SubFactory(AxisFactory)
    roadmap = factory.SelfAttribute("axis.roadmap")
    number = factory.Sequence(lambda n: n + 1)
    position = factory.SelfAttribute("number")
    title = factory.Sequence(lambda n: f"Programme numéro {n}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    programme = factory.SubFactory(ProgrammeFactory)
    text = factory.Sequence(lambda n: f"Objectif {n}")
    position = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    programme = factory.SubFactory(ProgrammeFactory)
    what = factory.Sequence(lambda n: f"Action {n}")
    position = factory.Sequence(lambda n: n)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    roadmap = factory.SubFactory(RoadmapFactory)
    name = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = Indicator.Unit.PERCENT
    direction = Indicator.Direction.UP
    baseline_value = Decimal("20")
    baseline_date = datetime.date(2024, 9, 1)
    target_value = Decimal("80")
    target_date = datetime.date(2027, 6, 30)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    school_year = 2024
    measured_on = datetime.date(2025, 6, 30)
    value = Decimal("30")


def roadmap_with_content(*, axes: int = 2, programmes: int = 2, **kwargs) -> Roadmap:
    """A roadmap with `axes` axes of `programmes` programmes each, numbered 1..n across the roadmap."""
    roadmap = RoadmapFactory(**kwargs)
    number = 0
    for axis_number in range(1, axes + 1):
        axis = AxisFactory(roadmap=roadmap, number=axis_number, position=axis_number)
        StakeFactory(axis=axis)
        for position in range(programmes):
            number += 1
            programme = ProgrammeFactory(axis=axis, number=number, position=position)
            ObjectiveFactory(programme=programme)
    return roadmap
