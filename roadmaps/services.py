"""Writes on roadmaps. Every function takes keyword arguments, runs in a transaction, refuses writes on
a validated (frozen) edition with `FrozenError`, and, for updates, refuses a stale copy with
`ConflictError` (optimistic concurrency on the `version` field)."""

import re
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from commons_portal.core.slugs import unique_slug

from .exceptions import ConflictError, FrozenError, RoadmapError, TransitionError
from .models import (
    Action,
    Axis,
    GovernanceBody,
    Indicator,
    IndicatorValue,
    Objective,
    Phase,
    Programme,
    Roadmap,
    Stake,
)

# A temporary offset moves numbers out of the way while renumbering (numbers are unique).
_RENUMBER_OFFSET = 10_000


# --- shared helpers --------------------------------------------------------------------------------


def roadmap_of(obj) -> Roadmap:
    """The roadmap an object belongs to, whatever its depth."""
    if isinstance(obj, Roadmap):
        return obj
    if isinstance(obj, Axis | Programme | Indicator | GovernanceBody | Phase):
        return obj.roadmap
    if isinstance(obj, Stake):
        return obj.axis.roadmap
    if isinstance(obj, Objective | Action):
        return obj.programme.roadmap
    if isinstance(obj, IndicatorValue):
        return obj.indicator.roadmap
    raise TypeError(f"not a roadmap object: {obj!r}")


def ensure_writable(roadmap: Roadmap) -> None:
    """Refuse any write on a validated or archived edition (read from the database, not a stale copy)."""
    status = Roadmap.objects.filter(pk=roadmap.pk).values_list("status", flat=True).first()
    if status in Roadmap.PUBLISHED_STATUSES:
        raise FrozenError()


def _set_fields(obj, data: dict) -> dict:
    """Set plain fields on `obj`; return the many-to-many values to set once it is saved."""
    many = {}
    for name, value in data.items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        else:
            setattr(obj, name, value)
    return many


def _save(obj, *, user, many: dict | None = None, reason: str = ""):
    obj.full_clean()
    obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.save()
    for name, values in (many or {}).items():
        getattr(obj, name).set(values)
    return obj


def _next_position(queryset) -> int:
    current = queryset.aggregate(top=Max("position"))["top"]
    return 0 if current is None else current + 1


@transaction.atomic
def object_update(*, obj, data: dict, version: int, user):
    """Update any roadmap object from the values of a form.

    `version` is the one the editor's form was built from: if the row changed since, nothing is written
    and `ConflictError` carries the current object so the form can show both versions.
    """
    ensure_writable(roadmap_of(obj))
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    if current.version != version:
        raise ConflictError(current)
    many = _set_fields(current, data)
    current.full_clean()
    # The row is locked until the transaction ends: no one can slip a write between read and save.
    current.version = version + 1
    current._history_user = user
    current.save()
    for name, values in many.items():
        getattr(current, name).set(values)
    if isinstance(current, Axis | Programme):
        renumber(roadmap=roadmap_of(current))
        current.refresh_from_db()
    return current


@transaction.atomic
def object_delete(*, obj, user) -> None:
    """Remove an axis, stake, programme, objective, action, indicator, value, body or phase."""
    roadmap = roadmap_of(obj)
    ensure_writable(roadmap)
    obj._history_user = user
    obj.delete()
    if isinstance(obj, Axis | Programme):
        renumber(roadmap=roadmap)


def _siblings(obj):
    """The ordered list an object is moved within."""
    if isinstance(obj, Axis):
        return Axis.objects.filter(roadmap_id=obj.roadmap_id)
    if isinstance(obj, Programme):
        return Programme.objects.filter(axis_id=obj.axis_id).order_by("position", "number", "id")
    if isinstance(obj, Stake):
        return Stake.objects.filter(axis_id=obj.axis_id)
    if isinstance(obj, Objective):
        return Objective.objects.filter(programme_id=obj.programme_id)
    if isinstance(obj, Action):
        return Action.objects.filter(programme_id=obj.programme_id)
    if isinstance(obj, Indicator):
        return Indicator.objects.filter(roadmap_id=obj.roadmap_id)
    if isinstance(obj, GovernanceBody):
        return GovernanceBody.objects.filter(roadmap_id=obj.roadmap_id)
    raise TypeError(f"cannot reorder {obj!r}")


@transaction.atomic
def object_move(*, obj, user, direction: str = "", position: int | None = None):
    """Move an object one step up or down, or to a position (1-based) among its siblings; axes and
    programmes are then renumbered across the roadmap."""
    roadmap = roadmap_of(obj)
    ensure_writable(roadmap)
    ordered = list(_siblings(obj).order_by("position", "id"))
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == obj.pk)
    if direction == "up":
        target = index - 1
    elif direction == "down":
        target = index + 1
    elif position is not None:
        if not 1 <= position <= len(ordered):
            raise RoadmapError(
                _("La position doit être comprise entre 1 et %(count)s.") % {"count": len(ordered)},
            )
        target = position - 1
    else:
        raise RoadmapError(_("Indiquez un sens ou une position."))
    target = min(max(target, 0), len(ordered) - 1)
    moved = ordered.pop(index)
    ordered.insert(target, moved)
    _store_positions(ordered)
    if isinstance(obj, Axis | Programme):
        renumber(roadmap=roadmap)
    obj.refresh_from_db()
    # Record the move in the moved object's history (the siblings only shift); its version stays, as a
    # move does not conflict with someone editing its text.
    obj._history_user = user
    obj._change_reason = _("Déplacé en position %(position)s") % {"position": target + 1}
    obj.save(update_fields=["position"])
    return obj


@transaction.atomic
def programme_move(*, programme: Programme, to_axis: Axis, user, position: int | None = None) -> Programme:
    """Move a programme to another axis of the same roadmap (at the end, or at a 1-based position)."""
    ensure_writable(programme.roadmap)
    if to_axis.roadmap_id != programme.roadmap_id:
        raise RoadmapError(_("Cet axe n'appartient pas à la même feuille de route."))
    programme.axis = to_axis
    programme.position = _next_position(Programme.objects.filter(axis=to_axis))
    programme.version += 1
    programme._history_user = user
    programme.save()
    if position is not None:
        return object_move(obj=programme, user=user, position=position)
    renumber(roadmap=programme.roadmap)
    programme.refresh_from_db()
    return programme


def _store_positions(ordered: Iterable) -> None:
    ordered = list(ordered)
    for index, item in enumerate(ordered):
        item.position = index
    if ordered:
        type(ordered[0]).objects.bulk_update(ordered, ["position"])


def renumber(*, roadmap: Roadmap) -> None:
    """Number axes within their kind and programmes across the roadmap (1..n) in reading order: axes
    by position, programmes by axis then position. Numbers follow moves, as in the printed roadmap."""
    axes = list(Axis.objects.filter(roadmap=roadmap).order_by("position", "id"))
    counters: dict[str, int] = {}
    for index, axis in enumerate(axes):
        counters[axis.kind] = counters.get(axis.kind, 0) + 1
        axis.position = index
        axis.number = counters[axis.kind]
    axis_rank = {axis.pk: index for index, axis in enumerate(axes)}
    programmes = sorted(
        Programme.objects.filter(roadmap=roadmap), key=lambda p: (axis_rank.get(p.axis_id, 0), p.position, p.number)
    )
    for number, programme in enumerate(programmes, start=1):
        programme.number = number
    # Out of the way first, then in place, so the unique constraints never see two equal numbers. The
    # shift is above the current largest number: PostgreSQL checks uniqueness row by row during an
    # UPDATE, so no row may land on a value another row still holds.
    for queryset in (Axis.objects.filter(roadmap=roadmap), Programme.objects.filter(roadmap=roadmap)):
        top = queryset.aggregate(top=Max("number"))["top"] or 0
        queryset.update(number=F("number") + top + 1)
    Axis.objects.bulk_update(axes, ["position", "number"])
    Programme.objects.bulk_update(programmes, ["number"])


# --- roadmaps --------------------------------------------------------------------------------------


def _unique_slug(base: str) -> str:
    return unique_slug(Roadmap, base, fallback="feuille-de-route")


@transaction.atomic
def roadmap_create(
    *,
    territory,
    title: str,
    period_start: int,
    period_end: int,
    user,
    slug: str = "",
    introduction: str = "",
    conclusion: str = "",
    parent: Roadmap | None = None,
) -> Roadmap:
    """An empty draft roadmap (version 1) for a territory."""
    roadmap = Roadmap(
        territory=territory,
        title=title,
        slug=slug or _unique_slug(f"{territory.code}-{period_start}-{period_end}"),
        period_start=period_start,
        period_end=period_end,
        introduction=introduction,
        conclusion=conclusion,
        parent=parent,
        created_by=user,
    )
    return _save(roadmap, user=user, reason=_("Création"))


@transaction.atomic
def roadmap_create_from_national(
    *, national: Roadmap, territory, title: str, period_start: int, period_end: int, user, slug: str = ""
) -> Roadmap:
    """A draft that declines the national roadmap: its axes (and their stakes) are copied, each linked to
    the national axis it declines; programmes are left for the territory to write."""
    roadmap = roadmap_create(
        territory=territory,
        title=title,
        period_start=period_start,
        period_end=period_end,
        user=user,
        slug=slug,
        parent=national,
    )
    for axis in national.axes.prefetch_related("stakes").order_by("position", "id"):
        copy = _save(
            Axis(
                roadmap=roadmap,
                kind=axis.kind,
                number=axis.number,
                title=axis.title,
                framing=axis.framing,
                strategic_approach=axis.strategic_approach,
                position=axis.position,
                national_axis=axis,
            ),
            user=user,
            reason=_("Copié de la feuille de route nationale"),
        )
        Stake.objects.bulk_create(
            Stake(axis=copy, text=stake.text, position=stake.position) for stake in axis.stakes.all()
        )
    return roadmap


def _next_version_slug(roadmap: Roadmap, edition: int) -> str:
    base = re.sub(r"-v\d+$", "", roadmap.slug)
    return _unique_slug(f"{base}-v{edition}")


@transaction.atomic
def roadmap_create_next_version(*, roadmap: Roadmap, user, slug: str = "", title: str = "") -> Roadmap:
    """Draft version n+1 from version n: a deep copy (axes, stakes, partners, programmes with their
    objectives, organisations, actions, indicators with their values, governance bodies and phases) that
    the editors amend; the copied version stays as it is."""
    edition = (Roadmap.objects.filter(pk=roadmap.pk).values_list("edition", flat=True).get() or roadmap.edition) + 1
    new = Roadmap(
        territory=roadmap.territory,
        slug=slug or _next_version_slug(roadmap, edition),
        title=title or roadmap.title,
        period_start=roadmap.period_start,
        period_end=roadmap.period_end,
        edition=edition,
        introduction=roadmap.introduction,
        conclusion=roadmap.conclusion,
        parent=roadmap.parent,
        previous_version=roadmap,
        created_by=user,
    )
    _save(new, user=user, reason=_("Rédigée à partir de la version %(edition)s") % {"edition": roadmap.edition})
    for body in roadmap.governance_bodies.all():
        _copy(body, user, roadmap=new)
    for phase in roadmap.phases.all():
        _copy(phase, user, roadmap=new)
    programme_map = {}
    for axis in roadmap.axes.prefetch_related("stakes", "partners").order_by("position", "id"):
        axis_copy = _copy(axis, user, roadmap=new, many=("partners",))
        for stake in axis.stakes.all():
            _copy(stake, user, axis=axis_copy)
        for programme in axis.programmes.prefetch_related(
            "objectives", "actions", "lead_organisations", "contributing_organisations", "commons"
        ):
            programme_copy = _copy(
                programme,
                user,
                roadmap=new,
                axis=axis_copy,
                many=("lead_organisations", "contributing_organisations", "commons"),
            )
            programme_map[programme.pk] = programme_copy
            for objective in programme.objectives.all():
                _copy(objective, user, programme=programme_copy)
            for action in programme.actions.all():
                _copy(action, user, programme=programme_copy)
    for indicator in roadmap.indicators.prefetch_related("values"):
        indicator_copy = _copy(indicator, user, roadmap=new, programme=programme_map.get(indicator.programme_id))
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                indicator=indicator_copy,
                measured_on=value.measured_on,
                school_year=value.school_year,
                value=value.value,
                comment=value.comment,
                entered_by_id=value.entered_by_id,
            )
            for value in indicator.values.all()
        )
    return new


def _copy(obj, user, many: tuple[str, ...] = (), **changes):
    """A copy of `obj` with `changes`, its many-to-many links carried over, version reset to 1."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.generated or field.name == "version":
            continue
        values[field.attname] = getattr(obj, field.attname)
    copy = type(obj)(**values)
    for name, value in changes.items():
        setattr(copy, name, value)
    copy._history_user = user
    copy.save()
    for name in many:
        getattr(copy, name).set(getattr(obj, name).all())
    return copy


@transaction.atomic
def roadmap_transition(*, roadmap: Roadmap, transition: str, user) -> Roadmap:
    """Apply a workflow step ("submit", "reopen", "validate", "archive") with the row locked."""
    locked = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    if transition not in Roadmap.TRANSITIONS:
        raise RoadmapError(_("Étape inconnue."))
    getattr(locked, transition)(user=user)
    return locked


@transaction.atomic
def roadmap_delete(*, roadmap: Roadmap, user) -> None:
    """Delete a draft (with its content); a roadmap that went further in the workflow stays."""
    locked = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    if locked.status != Roadmap.Status.DRAFT:
        raise TransitionError(locked.deletion_refusal())
    locked._history_user = user
    locked.delete()


# --- content ----------------------------------------------------------------------------------------


@transaction.atomic
def axis_create(*, roadmap: Roadmap, kind: str, title: str, user, **fields) -> Axis:
    """A new axis at the end of the roadmap; it is numbered within its kind."""
    ensure_writable(roadmap)
    partners = fields.pop("partners", None)
    axis = Axis(
        roadmap=roadmap,
        kind=kind,
        title=title,
        number=Axis.objects.filter(roadmap=roadmap, kind=kind).count() + 1,
        position=_next_position(Axis.objects.filter(roadmap=roadmap)),
        **fields,
    )
    _save(axis, user=user, many={"partners": partners} if partners is not None else None)
    renumber(roadmap=roadmap)
    axis.refresh_from_db()
    return axis


@transaction.atomic
def stake_create(*, axis: Axis, text: str, user) -> Stake:
    ensure_writable(axis.roadmap)
    return _save(Stake(axis=axis, text=text, position=_next_position(axis.stakes.all())), user=user)


@transaction.atomic
def programme_create(*, axis: Axis, title: str, user, **fields) -> Programme:
    """A new programme at the end of its axis; programmes after it are renumbered."""
    roadmap = axis.roadmap
    ensure_writable(roadmap)
    many = {name: fields.pop(name) for name in ("lead_organisations", "contributing_organisations") if name in fields}
    # It takes the number after the last programme of its axis; the following ones move up by one, so
    # that its history records the number it really has.
    renumber(roadmap=roadmap)
    axis.refresh_from_db()
    number = Programme.objects.filter(roadmap=roadmap, axis__position__lte=axis.position).count() + 1
    programme = Programme(
        roadmap=roadmap,
        axis=axis,
        title=title,
        number=number,
        position=_next_position(Programme.objects.filter(axis=axis)),
        **fields,
    )
    Programme.objects.filter(roadmap=roadmap, number__gte=number).update(number=F("number") + _RENUMBER_OFFSET)
    _save(programme, user=user, many=many)
    renumber(roadmap=roadmap)
    programme.refresh_from_db()
    return programme


@transaction.atomic
def objective_create(*, programme: Programme, text: str, user) -> Objective:
    ensure_writable(programme.roadmap)
    return _save(
        Objective(programme=programme, text=text, position=_next_position(programme.objectives.all())), user=user
    )


@transaction.atomic
def action_create(
    *,
    programme: Programme,
    what: str,
    user,
    how: str = "",
    who: str = "",
    when: str = "",
    success_indicators: str = "",
    source_label: str = "",
    **fields,
) -> Action:
    """A new action at the end of a programme's action plan. Public: the RETEX app calls it to promote
    a workshop action plan item, passing `source_label` to keep where it came from."""
    ensure_writable(programme.roadmap)
    action = Action(
        programme=programme,
        what=what,
        how=how,
        who=who,
        when=when,
        success_indicators=success_indicators,
        source_label=source_label,
        position=_next_position(programme.actions.all()),
        created_by=user,
        **fields,
    )
    return _save(action, user=user, reason=source_label)


@transaction.atomic
def indicator_create(*, roadmap: Roadmap, name: str, user, **fields) -> Indicator:
    ensure_writable(roadmap)
    indicator = Indicator(roadmap=roadmap, name=name, position=_next_position(roadmap.indicators.all()), **fields)
    return _save(indicator, user=user)


@transaction.atomic
def indicator_value_create(
    *, indicator: Indicator, value, user, measured_on=None, school_year: int | None = None, comment: str = ""
) -> IndicatorValue:
    """Record a value for a date or a school year (dated by the last day of that school year)."""
    ensure_writable(indicator.roadmap)
    if measured_on is None and school_year is None:
        raise RoadmapError(_("Indiquez une date ou une année scolaire."))
    if measured_on is None:
        measured_on = IndicatorValue.school_year_end(school_year)
    entry = IndicatorValue(
        indicator=indicator,
        value=value,
        measured_on=measured_on,
        school_year=school_year,
        comment=comment,
        entered_by=user,
    )
    return _save(entry, user=user)


@transaction.atomic
def governance_body_create(*, roadmap: Roadmap, acronym: str, user, **fields) -> GovernanceBody:
    ensure_writable(roadmap)
    body = GovernanceBody(
        roadmap=roadmap, acronym=acronym, position=_next_position(roadmap.governance_bodies.all()), **fields
    )
    return _save(body, user=user)


@transaction.atomic
def phase_create(*, roadmap: Roadmap, number: int, title: str, user, description: str = "") -> Phase:
    ensure_writable(roadmap)
    return _save(Phase(roadmap=roadmap, number=number, title=title, description=description), user=user)


@transaction.atomic
def roadmap_create_from_import(
    *, parsed, territory, user, slug: str = "", title: str = "", parent: Roadmap | None = None
) -> Roadmap:
    """Save a previewed import (`roadmaps.importer.ParsedRoadmap` without errors) as a draft."""
    if parsed.errors:
        raise RoadmapError(_("Le document contient des erreurs : corrigez-les avant d'importer."))
    if not (parsed.period_start and parsed.period_end):
        raise RoadmapError(_("Le document n'indique pas sa période (« Période : 2017-2020 »)."))
    roadmap = roadmap_create(
        territory=territory,
        title=title or parsed.title,
        period_start=parsed.period_start,
        period_end=parsed.period_end,
        user=user,
        slug=slug,
        introduction=parsed.introduction,
        conclusion=parsed.conclusion,
        parent=parent,
    )
    for position, body in enumerate(parsed.governance_bodies):
        _save(
            GovernanceBody(
                roadmap=roadmap,
                acronym=body.acronym,
                name=body.name,
                composition=body.composition,
                frequency=body.frequency,
                scope=body.scope,
                position=position,
            ),
            user=user,
        )
    for phase in parsed.phases:
        phase_create(roadmap=roadmap, number=phase.number, title=phase.title, description=phase.description, user=user)
    for position, parsed_axis in enumerate(parsed.axes):
        axis = _save(
            Axis(
                roadmap=roadmap,
                kind=parsed_axis.kind,
                number=parsed_axis.number,
                title=parsed_axis.title,
                framing=parsed_axis.framing,
                strategic_approach=parsed_axis.strategic_approach,
                partners_text="\n".join(parsed_axis.partners),
                position=position,
            ),
            user=user,
            reason=_("Importé d’un document"),
        )
        Stake.objects.bulk_create(
            Stake(axis=axis, text=text, position=index) for index, text in enumerate(parsed_axis.stakes)
        )
        for index, parsed_programme in enumerate(parsed_axis.programmes):
            programme = _save(
                Programme(
                    roadmap=roadmap,
                    axis=axis,
                    number=parsed_programme.number,
                    title=parsed_programme.title,
                    description=parsed_programme.description,
                    position=index,
                ),
                user=user,
                reason=_("Importé d’un document"),
            )
            Objective.objects.bulk_create(
                Objective(programme=programme, text=text, position=i)
                for i, text in enumerate(parsed_programme.objectives)
            )
            Action.objects.bulk_create(
                Action(
                    programme=programme,
                    what=text[:300],
                    position=i,
                    created_by=user,
                    source_label=_("Importée d’un document"),
                )
                for i, text in enumerate(parsed_programme.actions)
            )
    return roadmap
