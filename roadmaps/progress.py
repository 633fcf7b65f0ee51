"""Progress rolls up action → programme → axis → roadmap.

Each level is the weighted average of the level below, with the weights the editors set; an item
without a weight counts for 1; when no item of a level has a weight (or they all weigh 0), it is the
plain average. A programme without actions keeps the progress its editors mark by hand.
"""

from dataclasses import dataclass
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


def roll_up(roadmap) -> int | None:
    """Compute progress at every level of a roadmap whose tree is prefetched
    (`Roadmap.objects.with_tree()`), store it as `.rolled_progress` on each axis and programme, and
    return the roadmap's."""
    axes = list(roadmap.axes.all())
    programmes = [programme for axis in axes for programme in axis.programmes.all()]
    progress = roll_up_figures(
        axes=[(axis.pk, roadmap.pk, axis.weight) for axis in axes],
        programmes=[(p.pk, p.axis_id, p.progress, p.weight) for p in programmes],
        actions=[(a.programme_id, a.progress, a.weight) for p in programmes for a in p.actions.all()],
    )
    for axis in axes:
        axis.rolled_progress = progress.axes[axis.pk]
    for programme in programmes:
        programme.rolled_progress = progress.programmes[programme.pk]
    roadmap.rolled_progress = progress.roadmaps.get(roadmap.pk)
    return roadmap.rolled_progress


@dataclass
class RolledProgress:
    roadmaps: dict
    axes: dict
    programmes: dict


def roll_up_figures(*, axes, programmes, actions) -> RolledProgress:
    """The roll-up from bare figures, for one roadmap or many at once.

    `axes`: (id, roadmap_id, weight); `programmes`: (id, axis_id, progress, weight); `actions`:
    (programme_id, progress, weight). A programme without actions keeps its own progress.
    """
    action_pairs: dict[int, list] = {}
    for programme_id, progress, weight in actions:
        action_pairs.setdefault(programme_id, []).append((progress, weight))
    programme_progress, programme_pairs = {}, {}
    for programme_id, axis_id, progress, weight in programmes:
        rolled = average(action_pairs[programme_id]) if programme_id in action_pairs else progress
        programme_progress[programme_id] = rolled
        programme_pairs.setdefault(axis_id, []).append((rolled, weight))
    axis_progress, axis_pairs = {}, {}
    for axis_id, roadmap_id, weight in axes:
        axis_progress[axis_id] = average(programme_pairs.get(axis_id, []))
        axis_pairs.setdefault(roadmap_id, []).append((axis_progress[axis_id], weight))
    return RolledProgress(
        roadmaps={roadmap_id: average(pairs) for roadmap_id, pairs in axis_pairs.items()},
        axes=axis_progress,
        programmes=programme_progress,
    )
