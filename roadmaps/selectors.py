"""Reads that span several models: history, the territory dashboard and the national comparison. Each
runs a fixed number of queries, whatever the amount of content."""

from dataclasses import dataclass
from heapq import merge
from itertools import islice

from django.db.models import Count, Prefetch, prefetch_related_objects

from commons_portal.territories.models import Territory

from .models import Action, Axis, Indicator, IndicatorValue, Programme, Roadmap
from .progress import roll_up, roll_up_figures

# The history tables searched for a roadmap's latest changes, and how each reaches its roadmap.
HISTORY_SOURCES = (
    (Roadmap, "id", "feuille"),
    (Axis, "roadmap_id", "axe"),
    (Programme, "roadmap_id", "programme"),
    (Indicator, "roadmap_id", "indicateur"),
)
CHANGE_LABELS = {"+": "création", "~": "modification", "-": "suppression"}


@dataclass
class HistoryEntry:
    when: object
    who: object
    kind: str
    label: str
    change: str
    reason: str
    object_id: int
    changes: list


def _entry(record, kind: str, previous=None) -> HistoryEntry:
    changes = []
    if previous is not None:
        delta = record.diff_against(previous, excluded_fields=["version", "position", "updated_at", "search_document"])
        changes = [
            (str(record.instance_type._meta.get_field(change.field).verbose_name), change.old, change.new)
            for change in delta.changes
        ]
    return HistoryEntry(
        when=record.history_date,
        who=record.history_user,
        kind=kind,
        label=str(record.instance),
        change=CHANGE_LABELS.get(record.history_type, record.history_type),
        reason=record.history_change_reason or "",
        object_id=record.id,
        changes=changes,
    )


def latest_changes(*, roadmaps, limit: int = 20) -> list[HistoryEntry]:
    """The most recent changes to the roadmaps, their axes, programmes and indicators, newest first."""
    ids = [roadmap.pk for roadmap in roadmaps]
    streams = []
    for model, field, kind in HISTORY_SOURCES:
        records = (
            model.history.filter(**{f"{field}__in": ids})
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        )
        streams.append([_entry(record, kind) for record in records])
    newest_first = merge(*streams, key=lambda entry: entry.when, reverse=True)
    return list(islice(newest_first, limit))


def object_history(obj) -> list[HistoryEntry]:
    """Every recorded version of one object with what changed from the version before."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
    kind = type(obj)._meta.verbose_name
    entries, previous = [], None
    for record in records:
        entries.append(_entry(record, str(kind), previous))
        previous = record
    return list(reversed(entries))


def with_rolled_progress(roadmaps: list[Roadmap]) -> list[Roadmap]:
    """Sets `rolled_progress` on each roadmap (and on its axes when they are prefetched), reading only
    the weights and progress figures: three light queries, however many programmes and actions."""
    ids = [roadmap.pk for roadmap in roadmaps]
    progress = roll_up_figures(
        axes=Axis.objects.filter(roadmap_id__in=ids).values_list("id", "roadmap_id", "weight").order_by(),
        programmes=Programme.objects.filter(roadmap_id__in=ids)
        .values_list("id", "axis_id", "progress", "weight")
        .order_by(),
        actions=Action.objects.filter(programme__roadmap_id__in=ids)
        .values_list("programme_id", "progress", "weight")
        .order_by(),
    )
    for roadmap in roadmaps:
        roadmap.rolled_progress = progress.roadmaps.get(roadmap.pk)
        if "axes" in getattr(roadmap, "_prefetched_objects_cache", {}):
            for axis in roadmap.axes.all():
                axis.rolled_progress = progress.axes.get(axis.pk)
    return roadmaps


def with_latest_values(indicators: list[Indicator]) -> list[Indicator]:
    """Sets on each indicator `latest` (its most recent value, or None), `expected` (where the line from baseline
    to target stands on that date) and `off_track`, reading one value per indicator whatever its series."""
    latest_first = IndicatorValue.objects.order_by("-measured_on", "-id")[:1]
    prefetch_related_objects(indicators, Prefetch("values", queryset=latest_first, to_attr="latest_values"))
    for indicator in indicators:
        indicator.latest = indicator.latest_values[0] if indicator.latest_values else None
        indicator.expected = indicator.expected_value(indicator.latest.measured_on) if indicator.latest else None
        indicator.off_track = indicator.is_off_track(indicator.latest)
    return indicators


def dashboard_data(roadmap: Roadmap) -> dict:
    """Programmes by status, indicators off track and the latest changes of one roadmap."""
    counts = dict(
        Programme.objects.filter(roadmap=roadmap).values_list("status").annotate(count=Count("id")).order_by()
    )
    by_status = [(value, label, counts.get(value, 0)) for value, label in Programme.Status.choices]
    indicators = with_latest_values(
        list(Indicator.objects.filter(roadmap=roadmap).select_related("programme", "roadmap"))
    )
    off_track = [indicator for indicator in indicators if indicator.off_track]
    on_track = [indicator for indicator in indicators if not indicator.off_track]
    tree = Roadmap.objects.with_progress_data().get(pk=roadmap.pk)
    progress = roll_up(tree)
    return {
        "by_status": by_status,
        "programme_total": sum(counts.values()),
        "off_track": off_track,
        "on_track": on_track,
        "changes": latest_changes(roadmaps=[roadmap], limit=15),
        "progress": progress,
        "axes": list(tree.axes.all()),
    }


def national_comparison(user) -> dict:
    """For each national roadmap, the territorial roadmaps (readable by the user) that decline it, which
    national axes each of their axes declines, and their progress side by side."""
    nationals = list(
        Roadmap.objects.published()
        .filter(territory__level=Territory.Level.NATIONAL)
        .prefetch_related(Prefetch("axes", queryset=Axis.objects.order_by("position", "id")))
        .order_by("-period_start")
    )
    declinations = with_rolled_progress(
        list(
            Roadmap.objects.visible_to(user)
            .filter(parent__in=nationals)
            .exclude(status=Roadmap.Status.ARCHIVED)
            .with_list_related_data()
            .prefetch_related(Prefetch("axes", queryset=Axis.objects.select_related("national_axis")))
        )
    )
    tables = []
    for national in nationals:
        mine = [roadmap for roadmap in declinations if roadmap.parent_id == national.pk]
        rows = []
        for national_axis in national.axes.all():
            cells = []
            for roadmap in mine:
                local = [axis for axis in roadmap.axes.all() if axis.national_axis_id == national_axis.pk]
                progresses = [axis.rolled_progress for axis in local if axis.rolled_progress is not None]
                cells.append(
                    {
                        "axes": local,
                        "progress": round(sum(progresses) / len(progresses)) if progresses else None,
                    }
                )
            rows.append({"axis": national_axis, "cells": cells})
        tables.append({"national": national, "roadmaps": mine, "rows": rows})
    return {"tables": tables}
