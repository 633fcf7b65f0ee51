"""Progress rolls up action → programme → axis → roadmap.

Each level is the weighted average of the level below, with the weights the editors set; an item
without a weight counts for 1; when no item of a level has a weight (or they all weigh 0), it is the
plain average. A programme without actions keeps the progress its editors mark by hand.
"""

from decimal import Decimal


def average(pairs) -> int | None:
    """`pairs` of (progress, weight or None) → the rounded weighted (or plain) average, None if empty."""
    pairs = [(Decimal(value), weight) for value, weight in pairs if value is not None]
    if not pairs:
        return None
    if any(weight is not None for _value, weight in pairs):
        weighted = [(value, Decimal(1) if weight is None else Decimal(weight)) for value, weight in pairs]
        total = sum(weight for _value, weight in weighted)
        if total > 0:
            return round(sum(value * weight for value, weight in weighted) / total)
    return round(sum(value for value, _weight in pairs) / len(pairs))


def programme_progress(programme) -> int:
    actions = list(programme.actions.all())
    if not actions:
        return programme.progress
    return average((action.progress, action.weight) for action in actions)


def roll_up(roadmap) -> int | None:
    """Compute progress at every level of a roadmap whose tree is prefetched
    (`Roadmap.objects.with_tree()`), store it as `.rolled_progress` on each axis and programme, and
    return the roadmap's."""
    axis_pairs = []
    for axis in roadmap.axes.all():
        programme_pairs = []
        for programme in axis.programmes.all():
            programme.rolled_progress = programme_progress(programme)
            programme_pairs.append((programme.rolled_progress, programme.weight))
        axis.rolled_progress = average(programme_pairs)
        axis_pairs.append((axis.rolled_progress, axis.weight))
    roadmap.rolled_progress = average(axis_pairs)
    return roadmap.rolled_progress
