"""Database constraints several models share."""

from django.db import models
from django.db.models import Q


def ends_after_start(name: str, start: str = "start_date", end: str = "end_date", *, strict: bool = False):
    """`end` is not before `start` (after it when `strict`), unless either is empty."""
    order = Q(**{f"{end}__gt" if strict else f"{end}__gte": models.F(start)})
    return models.CheckConstraint(
        name=name, condition=Q(**{f"{start}__isnull": True}) | Q(**{f"{end}__isnull": True}) | order
    )
