"""Pages of the roadmaps: list, public page, editor (htmx fragments that also work without JavaScript),
indicators and their chart, history, edition diff, dashboard and national view.

Each editing view serves both the full page (no JavaScript) and the fragment htmx asks for, from the
same template through django-template-partials. Permissions come from `roadmaps/perms.py` only.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from commons_portal.core.caching import cached_page
from commons_portal.territories.models import Territory

from . import services
from .charts import indicator_chart_svg, indicator_rows
from .diff import roadmap_diff
from .exceptions import ConflictError, RoadmapError
from .forms import (
    ActionAddForm,
    ActionForm,
    AxisAddForm,
    AxisForm,
    CompareForm,
    GovernanceBodyForm,
    ImportForm,
    IndicatorForm,
    IndicatorValueForm,
    MoveForm,
    ObjectiveForm,
    ProgrammeAddForm,
    ProgrammeForm,
    RoadmapCreateForm,
    RoadmapForm,
    StakeForm,
)
from .importer import ParsedRoadmap, parse_document
from .models import (
    Action,
    Axis,
    GovernanceBody,
    Indicator,
    IndicatorValue,
    Objective,
    Programme,
    Roadmap,
    Stake,
)
from .perms import TRANSITION_ACTIONS
from .progress import roll_up
from .selectors import (
    dashboard_data,
    latest_changes,
    national_comparison,
    object_history,
    with_latest_values,
    with_rolled_progress,
)

IMPORT_SESSION_KEY = "roadmaps_import_preview"


# --- the kinds of objects the editor handles -------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type
    form: type
    add_form: type
    label: str
    parent_model: type | None = None
    parent_lookup: str = ""  # how the object reaches its roadmap

    def objects(self, roadmap):
        return self.model.objects.filter(**{self.parent_lookup or "roadmap": roadmap})

    def parent(self, roadmap, pk):
        if self.parent_model is None:
            return None
        try:
            return get_object_or_404(self.parent_model, roadmap=roadmap, pk=int(pk))
        except (TypeError, ValueError):
            raise Http404 from None


KINDS = {
    kind.slug: kind
    for kind in (
        Kind("feuille", Roadmap, RoadmapForm, RoadmapForm, "feuille de route", parent_lookup="pk"),
        Kind("axe", Axis, AxisForm, AxisAddForm, "axe"),
        Kind("enjeu", Stake, StakeForm, StakeForm, "enjeu", Axis, "axis__roadmap"),
        Kind("programme", Programme, ProgrammeForm, ProgrammeAddForm, "programme", Axis),
        Kind("objectif", Objective, ObjectiveForm, ObjectiveForm, "objectif", Programme, "programme__roadmap"),
        Kind("action", Action, ActionForm, ActionAddForm, "action", Programme, "programme__roadmap"),
        Kind("indicateur", Indicator, IndicatorForm, IndicatorForm, "indicateur"),
        Kind("instance", GovernanceBody, GovernanceBodyForm, GovernanceBodyForm, "instance de gouvernance"),
    )
}


def _kind(slug: str) -> Kind:
    if slug not in KINDS:
        raise Http404
    return KINDS[slug]


def _create(kind: Kind, *, roadmap, parent, data: dict, user):
    data = dict(data)
    if kind.slug == "axe":
        return services.axis_create(roadmap=roadmap, user=user, **data)
    if kind.slug == "enjeu":
        return services.stake_create(axis=parent, user=user, **data)
    if kind.slug == "programme":
        return services.programme_create(axis=parent, user=user, **data)
    if kind.slug == "objectif":
        return services.objective_create(programme=parent, user=user, **data)
    if kind.slug == "action":
        return services.action_create(programme=parent, user=user, **data)
    if kind.slug == "indicateur":
        return services.indicator_create(roadmap=roadmap, user=user, **data)
    if kind.slug == "instance":
        return services.governance_body_create(roadmap=roadmap, user=user, **data)
    raise Http404


def _new_instance(kind: Kind, roadmap, parent):
    """An unsaved object placed in its roadmap, so model rules (duplicate titles) run in the form."""
    if kind.slug in ("axe", "indicateur", "instance"):
        return kind.model(roadmap=roadmap)
    if kind.slug == "programme":
        return Programme(roadmap=roadmap, axis=parent)
    if kind.slug == "enjeu":
        return Stake(axis=parent)
    return kind.model(programme=parent)


# --- lookups and permission checks -----------------------------------------------------------------


def _visible_roadmap(request, slug, queryset=None) -> Roadmap:
    """A roadmap the user may read; drafts of other territories are a 404, never a hint they exist."""
    queryset = queryset if queryset is not None else Roadmap.objects.select_related("territory")
    return get_object_or_404(queryset.visible_to(request.user), slug=slug)


def _refuse(request, message: str, status: int = 403):
    return render(request, "roadmaps/refused.html", {"message": message}, status=status)


class Refused(Exception):
    def __init__(self, response):
        self.response = response


def _editable_roadmap(request, slug) -> Roadmap:
    roadmap = _visible_roadmap(request, slug)
    if request.user.has_perm("roadmaps.change_roadmap", roadmap):
        return roadmap
    if request.user.has_perm("roadmaps.new_version_roadmap", roadmap):
        # The user writes here, but this edition is validated: say why and what to do.
        raise Refused(_refuse(request, str(services.FrozenError().message)))
    raise PermissionDenied


def refusing(view):
    """Turn `Refused` into its response (a frozen roadmap's explanation)."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            return refused.response

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _editor_url(roadmap, anchor: str = "") -> str:
    url = reverse("roadmaps:edit", kwargs={"slug": roadmap.slug})
    return f"{url}#{anchor}" if anchor else url


def _editor_context(request, roadmap_pk) -> dict:
    roadmap = Roadmap.objects.with_tree().get(pk=roadmap_pk)
    roll_up(roadmap)
    return {
        "roadmap": roadmap,
        "abilities": roadmap.get_abilities(request.user),
        "axis_add_form": AxisAddForm(roadmap=roadmap, prefix="new-axis"),
        "kinds": Axis.Kind,
    }


def _after_write(request, roadmap, anchor: str = ""):
    """htmx: the refreshed editor body in place of `#editor-body`; otherwise back to the editor page."""
    if request.htmx:
        response = render(request, "roadmaps/editor.html#editor-body", _editor_context(request, roadmap.pk))
        return reswap(retarget(response, "#editor-body"), "outerHTML")
    return redirect(_editor_url(roadmap, anchor))


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- reading ---------------------------------------------------------------------------------------


@require_GET
@login_not_required
@cached_page("roadmaps:roadmap_list")
def roadmap_list(request):
    roadmaps = with_rolled_progress(list(Roadmap.objects.visible_to(request.user).with_list_related_data()))
    return render(
        request,
        "roadmaps/list.html",
        {"roadmaps": roadmaps, "may_add": request.user.has_perm("roadmaps.add_roadmap")},
    )


@require_GET
@login_not_required
@cached_page("roadmaps:roadmap_detail")
def roadmap_detail(request, slug):
    roadmap = _visible_roadmap(request, slug, Roadmap.objects.with_tree(indicator_values=False))
    roll_up(roadmap)
    indicators = with_latest_values(list(roadmap.indicators.all()))
    return render(
        request,
        "roadmaps/detail.html",
        {"roadmap": roadmap, "abilities": roadmap.get_abilities(request.user), "indicators": indicators},
    )


@require_GET
@login_not_required
@cached_page("roadmaps:indicator_detail")
def indicator_detail(request, slug, pk):
    roadmap = _visible_roadmap(request, slug)
    indicator = get_object_or_404(
        Indicator.objects.select_related("programme").prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.select_related("entered_by"))
        ),
        roadmap=roadmap,
        pk=pk,
    )
    return _indicator_page(request, roadmap, indicator, IndicatorValueForm(indicator=indicator))


def _indicator_page(request, roadmap, indicator, form, status=200):
    abilities = roadmap.get_abilities(request.user)
    context = {
        "roadmap": roadmap,
        "indicator": indicator,
        "abilities": abilities,
        # Reviewed: the SVG is built and its texts escaped in charts.py.
        "chart": mark_safe(indicator_chart_svg(indicator)),  # noqa: S308  # nosec B308 B703
        "rows": indicator_rows(indicator),
        "form": form,
        # Who entered a value is personal data: shown to the territory's editors only.
        "show_authors": request.user.has_perm("roadmaps.new_version_roadmap", roadmap),
    }
    template = "roadmaps/indicator.html#indicator-body" if request.htmx else "roadmaps/indicator.html"
    return render(request, template, context, status=status)


@require_GET
def roadmap_history(request, slug, kind=None, pk=None):
    """Who changed what and when: the whole roadmap, or one object. Names are personal data, so the
    page is for the people who write in the roadmap's territory."""
    roadmap = _visible_roadmap(request, slug)
    if not request.user.has_perm("roadmaps.new_version_roadmap", roadmap):
        raise PermissionDenied
    if kind is None:
        entries, obj = latest_changes(roadmaps=[roadmap], limit=100), None
    else:
        definition = _kind(kind)
        obj = get_object_or_404(definition.objects(roadmap), pk=pk)
        entries = object_history(obj)
    return render(request, "roadmaps/history.html", {"roadmap": roadmap, "entries": entries, "object": obj})


@require_GET
@login_not_required
def roadmap_compare(request, slug):
    roadmap = _visible_roadmap(request, slug)
    candidates = (
        Roadmap.objects.visible_to(request.user)
        .filter(territory=roadmap.territory)
        .exclude(pk=roadmap.pk)
        .order_by("-edition")
    )
    form = CompareForm(request.GET or None, queryset=candidates)
    other = None
    if form.is_bound and form.is_valid():
        other = form.cleaned_data["other"]
    elif not form.is_bound and roadmap.previous_version_id:
        other = candidates.filter(pk=roadmap.previous_version_id).first()
        form = CompareForm(initial={"other": other.slug if other else None}, queryset=candidates)
    diff = None
    if other is not None:
        trees = {r.pk: r for r in Roadmap.objects.with_tree().filter(pk__in=[roadmap.pk, other.pk])}
        old, new = sorted([trees[other.pk], trees[roadmap.pk]], key=lambda r: (r.edition, r.pk))
        diff = roadmap_diff(old, new)
    return render(request, "roadmaps/compare.html", {"roadmap": roadmap, "form": form, "diff": diff})


@require_GET
@cached_page("roadmaps:dashboard")
def dashboard(request):
    if not request.user.has_perm("roadmaps.view_dashboard"):
        raise PermissionDenied
    roadmaps = list(
        Roadmap.objects.editable_by(request.user).exclude(status=Roadmap.Status.ARCHIVED).with_list_related_data()
    )
    selected = next((r for r in roadmaps if r.slug == request.GET.get("feuille")), roadmaps[0] if roadmaps else None)
    context: dict[str, Any] = {"roadmaps": roadmaps, "selected": selected}
    if selected is not None:
        context.update(dashboard_data(selected))
    return render(request, "roadmaps/dashboard.html", context)


@require_GET
@login_not_required
@cached_page("roadmaps:national_view")
def national_view(request):
    return render(request, "roadmaps/national.html", national_comparison(request.user))


# --- writing: roadmaps ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def roadmap_create(request):
    if not request.user.has_perm("roadmaps.add_roadmap"):
        raise PermissionDenied
    form = RoadmapCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "territory": data["territory"],
            "title": data["title"].strip(),
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "user": request.user,
        }
        try:
            if data["national"]:
                roadmap = services.roadmap_create_from_national(national=data["national"], **common)
            else:
                roadmap = services.roadmap_create(**common)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("La feuille de route est créée : rédigez ses axes et ses programmes."))
            return redirect(_editor_url(roadmap))
    return render(
        request,
        "roadmaps/create.html",
        {"form": form, "page_title": _("Nouvelle feuille de route"), "submit_label": _("Créer")},
    )


@require_POST
def roadmap_new_version(request, slug):
    roadmap = _visible_roadmap(request, slug)
    if not request.user.has_perm("roadmaps.new_version_roadmap", roadmap):
        raise PermissionDenied
    ongoing = roadmap.ongoing_next_version()
    if ongoing is not None:
        messages.info(request, _("La version %(edition)s est déjà en cours : la voici.") % {"edition": ongoing.edition})
        return redirect(_editor_url(ongoing))
    new = services.roadmap_create_next_version(roadmap=roadmap, user=request.user)
    messages.success(
        request,
        _("La version %(edition)s est créée à partir de la version %(previous)s.")
        % {"edition": new.edition, "previous": roadmap.edition},
    )
    return redirect(_editor_url(new))


TRANSITION_PERMS = {name: f"roadmaps.{action}_roadmap" for name, action in TRANSITION_ACTIONS.items()}


@require_POST
def roadmap_transition(request, slug, transition):
    roadmap = _visible_roadmap(request, slug)
    if transition not in TRANSITION_PERMS:
        raise Http404
    if not request.user.has_perm(TRANSITION_PERMS[transition], roadmap):
        raise PermissionDenied
    try:
        roadmap = services.roadmap_transition(roadmap=roadmap, transition=transition, user=request.user)
    except RoadmapError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Feuille de route : %(step)s.") % {"step": str(Roadmap.TRANSITION_LABELS[transition]).lower()},
        )
    return redirect(roadmap.get_absolute_url() if roadmap.is_frozen else _editor_url(roadmap))


@require_http_methods(["GET", "POST"])
def roadmap_delete(request, slug):
    roadmap = _visible_roadmap(request, slug)
    if not request.user.has_perm("roadmaps.delete_roadmap", roadmap):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.roadmap_delete(roadmap=roadmap, user=request.user)
        except RoadmapError as error:  # submitted in the meantime
            messages.error(request, str(error.message))
            return redirect(roadmap.get_absolute_url())
        messages.success(request, _("Le brouillon est supprimé."))
        return redirect("roadmaps:list")
    return render(request, "roadmaps/delete.html", {"roadmap": roadmap})


# --- writing: the editor ---------------------------------------------------------------------------


@require_GET
@refusing
def roadmap_edit(request, slug):
    roadmap = _editable_roadmap(request, slug)
    template = "roadmaps/editor.html#editor-body" if request.htmx else "roadmaps/editor.html"
    return render(request, template, _editor_context(request, roadmap.pk))


def _form_response(request, roadmap, kind, form, *, obj=None, parent=None, conflict_values=None, status=200):
    context = {
        "roadmap": roadmap,
        "kind": kind,
        "form": form,
        "object": obj,
        "parent": parent,
        "conflict": conflict_values is not None,
        "conflict_values": conflict_values or [],
    }
    if request.htmx:
        return render(request, "roadmaps/object_form.html#object-form", context, status=status)
    return render(request, "roadmaps/object_form.html", context, status=status)


def _field_values(obj, form) -> list[tuple[str, str]]:
    """The saved values of `obj` for the fields of `form`, to show next to what the user typed."""
    values = []
    for name, field in form.fields.items():
        if name == "version":
            continue
        model_field = obj._meta.get_field(name)
        if model_field.many_to_many:
            shown = ", ".join(str(item) for item in getattr(obj, name).all())
        elif model_field.choices:
            shown = getattr(obj, f"get_{name}_display")()
        else:
            raw = getattr(obj, name)
            shown = "" if raw is None else str(raw)
        values.append((str(field.label), shown))
    return values


def _form_kwargs(kind, roadmap) -> dict:
    return {"roadmap": roadmap} if kind.slug != "feuille" else {}


@require_http_methods(["GET", "POST"])
@refusing
def object_edit(request, slug, kind, pk):
    roadmap = _editable_roadmap(request, slug)
    definition = _kind(kind)
    obj = get_object_or_404(definition.objects(roadmap), pk=pk)
    if request.method == "GET":
        return _form_response(
            request, roadmap, definition, definition.form(instance=obj, **_form_kwargs(definition, roadmap)), obj=obj
        )
    form = definition.form(request.POST, instance=obj, **_form_kwargs(definition, roadmap))
    if not form.is_valid():
        return _form_response(request, roadmap, definition, form, obj=obj)
    try:
        version = form.cleaned_data.get("version")
        saved = services.object_update(
            obj=obj, data=form.data_for_service(), version=version if version is not None else -1, user=request.user
        )
    except ConflictError as conflict:
        # Show the saved version; keep what was typed, now based on the saved version, so that saving
        # again is a deliberate choice.
        current = conflict.current
        saved_values = _field_values(current, definition.form(instance=current, **_form_kwargs(definition, roadmap)))
        data = request.POST.copy()
        data["version"] = current.version
        form = definition.form(data, instance=obj, **_form_kwargs(definition, roadmap))
        form.is_valid()
        form.add_error(None, str(conflict.message))
        return _form_response(request, roadmap, definition, form, obj=current, conflict_values=saved_values, status=409)
    except ValidationError as error:
        _apply_errors(form, error)
        return _form_response(request, roadmap, definition, form, obj=obj)
    except RoadmapError as error:
        form.add_error(None, str(error.message))
        return _form_response(request, roadmap, definition, form, obj=obj)
    return _after_write(request, roadmap, f"{kind}-{saved.pk}")


@require_http_methods(["GET", "POST"])
@refusing
def object_add(request, slug, kind):
    roadmap = _editable_roadmap(request, slug)
    definition = _kind(kind)
    if definition.slug == "feuille":
        raise Http404
    parent = definition.parent(roadmap, request.POST.get("parent") or request.GET.get("parent"))
    prefix = request.POST.get("prefix") or request.GET.get("prefix") or None
    form_class = definition.add_form if request.POST.get("quick") or request.GET.get("quick") else definition.form
    kwargs = {"roadmap": roadmap, "instance": _new_instance(definition, roadmap, parent), "prefix": prefix}
    if request.method == "GET":
        return _form_response(request, roadmap, definition, form_class(**kwargs), parent=parent)
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        return _form_response(request, roadmap, definition, form, parent=parent)
    try:
        created = _create(definition, roadmap=roadmap, parent=parent, data=form.data_for_service(), user=request.user)
    except ValidationError as error:
        _apply_errors(form, error)
        return _form_response(request, roadmap, definition, form, parent=parent)
    except RoadmapError as error:
        form.add_error(None, str(error.message))
        return _form_response(request, roadmap, definition, form, parent=parent)
    if definition.slug == "indicateur" and not request.htmx:
        return redirect(created.get_absolute_url())
    return _after_write(request, roadmap, f"{kind}-{created.pk}")


@require_POST
@refusing
def object_delete(request, slug, kind, pk):
    roadmap = _editable_roadmap(request, slug)
    definition = _kind(kind)
    if definition.slug == "feuille":
        raise Http404
    obj = get_object_or_404(definition.objects(roadmap), pk=pk)
    try:
        services.object_delete(obj=obj, user=request.user)
    except RoadmapError as error:
        messages.error(request, str(error.message))
    return _after_write(request, roadmap)


@require_POST
@refusing
def object_move(request, slug, kind, pk):
    roadmap = _editable_roadmap(request, slug)
    definition = _kind(kind)
    if definition.slug == "feuille":
        raise Http404
    obj = get_object_or_404(definition.objects(roadmap), pk=pk)
    direction = request.POST.get("direction", "")
    position = None
    if direction not in ("up", "down"):
        form = MoveForm(request.POST)
        if not form.is_valid():
            if request.htmx:
                return HttpResponse(status=400)
            messages.error(request, _("Position invalide : indiquez un nombre entier à partir de 1."))
            return redirect(_editor_url(roadmap, f"{kind}-{pk}"))
        position, direction = form.cleaned_data["position"], ""
    try:
        services.object_move(obj=obj, user=request.user, direction=direction, position=position)
    except RoadmapError as error:
        messages.error(request, str(error.message))
    return _after_write(request, roadmap, f"{kind}-{pk}")


@require_POST
@refusing
def indicator_value_add(request, slug, pk):
    roadmap = _editable_roadmap(request, slug)
    indicator = get_object_or_404(Indicator.objects.filter(roadmap=roadmap), pk=pk)
    form = IndicatorValueForm(request.POST, indicator=indicator)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.indicator_value_create(
                indicator=indicator,
                value=data["value"],
                school_year=data.get("school_year"),
                measured_on=data.get("measured_on"),
                comment=data.get("comment", ""),
                user=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        except RoadmapError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("La valeur est enregistrée."))
            if not request.htmx:
                return redirect(indicator.get_absolute_url())
            form = IndicatorValueForm(indicator=indicator)
    indicator = Indicator.objects.prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.select_related("entered_by"))
    ).get(pk=indicator.pk)
    return _indicator_page(request, roadmap, indicator, form)


@require_POST
@refusing
def indicator_value_delete(request, slug, pk, value_pk):
    roadmap = _editable_roadmap(request, slug)
    entry = get_object_or_404(IndicatorValue, indicator__roadmap=roadmap, indicator_id=pk, pk=value_pk)
    services.object_delete(obj=entry, user=request.user)
    messages.success(request, _("La valeur est supprimée."))
    return redirect(reverse("roadmaps:indicator", kwargs={"slug": slug, "pk": pk}))


# --- import ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def roadmap_import(request):
    """Upload → preview (with errors by line) → confirm; nothing is saved before the confirmation."""
    if not request.user.has_perm("roadmaps.add_roadmap"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    preview = None
    if request.method == "POST" and request.POST.get("confirm"):
        return _import_confirm(request)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        preview = parse_document(upload.name, upload.read())
        if preview.errors:
            for issue in preview.errors[:30]:
                form.add_error("document", str(issue))
        else:
            request.session[IMPORT_SESSION_KEY] = {
                "parsed": preview.to_dict(),
                "territory": form.cleaned_data["territory"].pk,
            }
    return render(request, "roadmaps/import.html", {"form": form, "preview": preview})


def _import_confirm(request):
    stored = request.session.get(IMPORT_SESSION_KEY)
    if not stored:
        messages.error(request, _("Aucun document en attente d'import : déposez-le à nouveau."))
        return redirect("roadmaps:import")
    territory = Territory.objects.filter(pk=stored["territory"]).first()
    if territory is None or not request.user.has_perm("roadmaps.new_version_roadmap", Roadmap(territory=territory)):
        raise PermissionDenied
    parsed = ParsedRoadmap.from_dict(stored["parsed"])
    try:
        roadmap = services.roadmap_create_from_import(parsed=parsed, territory=territory, user=request.user)
    except (RoadmapError, ValidationError) as error:
        messages.error(request, str(getattr(error, "message", error)))
        return redirect("roadmaps:import")
    del request.session[IMPORT_SESSION_KEY]
    messages.success(
        request,
        _("Feuille de route importée : %(axes)s axes et %(programmes)s programmes.")
        % {"axes": len(parsed.axes), "programmes": parsed.programme_count},
    )
    return redirect(_editor_url(roadmap))


@require_GET
@login_not_required
def import_model(request):
    """The documented shape of an importable document, as a Markdown file to start from."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent / "demo" / "national-2023-2027.md").read_text(encoding="utf-8")
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="modele-feuille-de-route.md"'
    return response
