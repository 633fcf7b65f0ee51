"""Pages of workshops and experience reports. Thin: forms validate, services write, `perms.py` decides."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commons_portal import permissions as p
from commons_portal.accounts import services as account_services
from commons_portal.accounts.models import Invitation
from commons_portal.core.caching import cached_page
from commons_portal.core.uploads import attachment_response
from commons_portal.permissions import abilities
from partners.models import Organisation

from . import forms, services
from .models import (
    ActionPlanItem,
    AgendaItem,
    Attachment,
    DiagnosticRow,
    Event,
    ExperienceReport,
    FlagshipProposal,
    ParticipantCategory,
    Projection,
    ReportStatus,
    Session,
    Speaker,
    TraceLink,
)
from .trace import chain_key, chains_for

# --- the steps of the RETEX form ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type | None = None
    fields: tuple[str, ...] = ()


STEPS = [
    Step("identite", gettext_lazy("Identité et résumé"), forms.IdentityStepForm, ("title", "summary", "link")),
    Step("thematiques", gettext_lazy("Thématiques et territoire"), forms.ThemesStepForm, ("themes", "territory")),
    Step("points-forts", gettext_lazy("Points forts"), forms.StrengthsStepForm, ("strengths",)),
    Step("irritants", gettext_lazy("Irritants"), forms.PainPointsStepForm, ("pain_points",)),
    Step("pieces-jointes", gettext_lazy("Pièces jointes")),
    Step("verification", gettext_lazy("Vérification et envoi")),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}
STEP_OF_FIELD = {name: step for step in STEPS for name in step.fields}


def _report_or_404(request, pk, action="view") -> ExperienceReport:
    report = get_object_or_404(
        ExperienceReport.objects.select_related("territory", "organisation", "author", "revision_of"), pk=pk
    )
    if not request.user.has_perm(f"retex.{action}_experiencereport", report):
        if action == "view" or not request.user.has_perm("retex.view_experiencereport", report):
            raise Http404
        raise PermissionDenied
    return report


def _stepper_context(report, step):
    index = STEPS.index(step)
    return {
        "report": report,
        "step": step,
        "steps": STEPS,
        "step_number": index + 1,
        "step_count": len(STEPS),
        "next_step": STEPS[index + 1] if index + 1 < len(STEPS) else None,
        "previous_step": STEPS[index - 1] if index else None,
    }


def _autosave_response(request, report, error: str = ""):
    return render(
        request,
        "retex/report_step.html#autosave_status",
        {"report": report, "saved_at": timezone.localtime(), "autosave_error": error},
    )


@require_http_methods(["GET", "POST"])
def report_step(request, pk, step):
    report = _report_or_404(request, pk, "change")
    step = STEP_BY_SLUG.get(step)
    if step is None:
        raise Http404
    if step.slug == "pieces-jointes":
        return _attachments_step(request, report, step)
    if step.slug == "verification":
        return _review_step(request, report, step)
    form = step.form_class(request.POST or None, instance=report)
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in step.fields if name != "themes"}
            themes = form.cleaned_data["themes"] if "themes" in step.fields else None
            try:
                services.report_update(
                    report=report,
                    user=request.user,
                    data=data,
                    themes=themes,
                    version=form.cleaned_data["version"],
                    edit_token=form.cleaned_data["edit_token"],
                    autosave=bool(request.htmx),
                )
            except ValidationError as error:
                if request.htmx:
                    return _autosave_response(request, report, error.messages[0])
                form.add_error(None, error)
            else:
                if request.htmx:
                    return _autosave_response(request, report)
                return _after_step_save(request, report, step)
        elif request.htmx:
            return _autosave_response(
                request, report, _("Brouillon non enregistré : une saisie est à corriger (voir le message du champ).")
            )
    return render(request, "retex/report_step.html", {**_stepper_context(report, step), "form": form})


def _after_step_save(request, report, step):
    index = STEPS.index(step)
    if request.POST.get("goto") in STEP_BY_SLUG:
        return redirect("retex:report_step", pk=report.pk, step=request.POST["goto"])
    if "quit" in request.POST:
        messages.success(request, _("Brouillon enregistré. Vous pourrez reprendre ce RETEX plus tard."))
        return redirect("retex:my_reports")
    target = STEPS[index - 1] if "previous" in request.POST and index else STEPS[min(index + 1, len(STEPS) - 1)]
    return redirect("retex:report_step", pk=report.pk, step=target.slug)


def _attachments_step(request, report, step):
    form = forms.AttachmentForm()
    if request.method == "POST":
        if "upload" in request.POST or request.FILES:
            form = forms.AttachmentForm(request.POST, request.FILES)
            if form.is_valid():
                attachment = services.attachment_add(
                    report=report,
                    user=request.user,
                    uploaded_file=form.cleaned_data["file"],
                    content_type=form.content_type,
                )
                messages.success(request, _("Fichier « %(name)s » joint.") % {"name": attachment.original_name})
                return redirect("retex:report_step", pk=report.pk, step=step.slug)
        else:
            return _after_step_save(request, report, step)
    context = {**_stepper_context(report, step), "form": form, "attachments": report.attachments.all()}
    return render(request, "retex/report_attachments.html", context)


def _review_step(request, report, step):
    errors = {}
    if request.method == "POST":
        try:
            version = request.POST.get("version", "")
            services.report_submit(
                report=report, user=request.user, version=int(version) if version.isdigit() and len(version) < 10 else 0
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = {name: messages_[0] for name, messages_ in error.message_dict.items()}
            else:
                errors = {"__all__": error.messages[0]}
        else:
            messages.success(
                request, _("RETEX soumis : l'équipe du territoire va le relire. Un courriel vous le confirme.")
            )
            return redirect("retex:my_reports")
    else:
        errors = report.missing_for_submission()
    rows = [
        (ExperienceReport._meta.get_field(name).verbose_name, name, STEP_OF_FIELD[name], errors.get(name))
        for name in ("title", "summary", "link", "themes", "territory", "strengths", "pain_points")
    ]
    context = {
        **_stepper_context(report, step),
        "rows": rows,
        "errors": errors,
        "general_error": errors.get("__all__", ""),
        "submitted": request.method == "POST",
        "attachments": report.attachments.all(),
        "themes": report.themes.all(),
    }
    return render(
        request, "retex/report_review_step.html", context, status=400 if errors and request.method == "POST" else 200
    )


@require_POST
def report_create(request):
    if not request.user.has_perm("retex.add_experiencereport"):
        raise PermissionDenied
    report = services.report_create(user=request.user)
    return redirect("retex:report_step", pk=report.pk, step=STEPS[0].slug)


@require_POST
def report_revise(request, pk):
    report = _report_or_404(request, pk, "revise")
    revision = services.report_new_revision(report=report, user=request.user)
    messages.info(
        request,
        _("Nouvelle version en brouillon : la version publiée reste en ligne jusqu'à la publication de celle-ci."),
    )
    return redirect("retex:report_step", pk=revision.pk, step=STEPS[0].slug)


@login_not_required
@require_GET
def attachment_download(request, pk, attachment_pk):
    attachment = get_object_or_404(Attachment.objects.select_related("report"), pk=attachment_pk, report_id=pk)
    if not request.user.has_perm("retex.view_attachment", attachment):
        raise Http404
    if not attachment.file.storage.exists(attachment.file.name):
        raise Http404
    response = attachment_response(attachment.file, attachment.original_name)
    response["Content-Type"] = attachment.content_type
    response["Cache-Control"] = "private, no-store" if attachment.report.status != ReportStatus.PUBLISHED else "public"
    return response


@require_POST
def attachment_delete(request, pk, attachment_pk):
    report = _report_or_404(request, pk, "change")
    attachment = get_object_or_404(Attachment, pk=attachment_pk, report=report)
    services.attachment_delete(attachment=attachment, user=request.user)
    messages.success(request, _("Fichier « %(name)s » retiré.") % {"name": attachment.original_name})
    return redirect("retex:report_step", pk=report.pk, step="pieces-jointes")


# --- reading and reviewing reports -------------------------------------------------------------------------


def _status_choices_for(user):
    if not user.is_authenticated:
        return []
    return [(value, label) for value, label in ReportStatus.choices if value != ReportStatus.DRAFT]


@login_not_required
@require_GET
@cached_page("retex:report_list")
def report_list(request):
    statuses = _status_choices_for(request.user) if p.is_staff_member(request.user) else []
    form = forms.ReportFilterForm(request.GET or None, statuses=statuses)
    reports = ExperienceReport.objects.visible_to(request.user).exclude(status=ReportStatus.DRAFT)
    if not statuses:
        reports = reports.filter(status=ReportStatus.PUBLISHED)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("theme"):
            reports = reports.filter(themes=data["theme"])
        if data.get("territory"):
            reports = reports.filter(territory__path__startswith=data["territory"].path)
        if data.get("organisation"):
            reports = reports.filter(organisation__in=Organisation.objects.search(data["organisation"]))
        if data.get("status"):
            reports = reports.filter(status=data["status"])
    ordered = reports.with_list_related_data().order_by("-published_at", "-updated_at", "-pk")
    context = {"form": form, **_paginated(request, ordered)}
    return render(request, "retex/report_list.html", context)


def _paginated(request, queryset, per_page: int = 20) -> dict:
    """The page asked for and the query string that keeps the other parameters across pages."""
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": Paginator(queryset, per_page).get_page(request.GET.get("page")), "query": query.urlencode()}


@require_GET
@cached_page("retex:my_reports")
def my_reports(request):
    reports = (
        ExperienceReport.objects.filter(author=request.user)
        .exclude(status=ReportStatus.SUPERSEDED)
        .with_list_related_data()
        .order_by("-updated_at")
    )
    return render(
        request,
        "retex/my_reports.html",
        {**_paginated(request, reports), "can_add": request.user.has_perm("retex.add_experiencereport")},
    )


@require_GET
@cached_page("retex:review_queue")
def review_queue(request):
    if not p.is_staff_member(request.user):
        raise PermissionDenied
    reports = (
        ExperienceReport.objects.reviewable_by(request.user)
        .filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.RETURNED])
        .with_list_related_data()
        .order_by("status", "submitted_at")
    )
    context = {**_paginated(request, reports), "can_invite": request.user.has_perm("retex.invite_partner")}
    return render(request, "retex/review_queue.html", context)


@login_not_required
@require_GET
@cached_page("retex:report_detail")
def report_detail(request, pk):
    report = _report_or_404(request, pk)
    actions = ("view", "change", "revise", "review", "adopt")
    can = abilities(request.user, report, actions)
    chain = chains_for([report]).get(chain_key(report))
    history = (
        report.history.select_related("history_user").order_by("-history_date")[:20]
        if can["change"] or can["review"] or report.author_id == request.user.pk
        else []
    )
    context = {
        "report": report,
        "can": can,
        "chain": chain,
        "history": history,
        "themes": report.themes.all(),
        "attachments": report.attachments.all(),
        "commons": report.commons.all(),
        "adopted_in": report.adopted_in.all(),
        "published_version": report.revision_of
        if report.revision_of_id and report.status != ReportStatus.PUBLISHED
        else None,
        "pending_revision": report.revisions.exclude(status=ReportStatus.SUPERSEDED).first() if can["view"] else None,
        "adoption_form": forms.AdoptionForm(
            initial={"territories": report.adopted_in.all(), "commons": report.commons.all()}
        )
        if can["adopt"]
        else None,
    }
    return render(request, "retex/report_detail.html", context)


@require_http_methods(["GET", "POST"])
def report_review(request, pk):
    report = _report_or_404(request, pk, "review")
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == forms.ReviewForm.PUBLISH:
                services.report_publish(report=report, user=request.user)
                messages.success(request, _("RETEX publié. Son auteur en est informé par courriel."))
            else:
                services.report_return(report=report, user=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, _("RETEX renvoyé à son auteur avec votre commentaire."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("retex:review_queue")
    context = {"report": report, "form": form, "themes": report.themes.all(), "attachments": report.attachments.all()}
    return render(request, "retex/report_review.html", context)


@require_POST
def report_adoption(request, pk):
    report = _report_or_404(request, pk, "adopt")
    form = forms.AdoptionForm(request.POST)
    if form.is_valid():
        services.report_set_links(
            report=report,
            user=request.user,
            territories=form.cleaned_data["territories"],
            commons=form.cleaned_data["commons"],
        )
        messages.success(request, _("Communs et territoires de reprise enregistrés."))
    else:
        messages.error(request, _("Choix de territoires invalide."))
    return redirect(report)


# --- events and sessions -----------------------------------------------------------------------------------


@login_not_required
@require_GET
def event_list(request):
    events = Event.objects.with_list_related_data()
    context = {"events": events, "can_add": request.user.has_perm("retex.add_event")}
    return render(request, "retex/event_list.html", context)


@login_not_required
@require_GET
@cached_page("retex:event_detail")
def event_detail(request, slug):
    event = get_object_or_404(Event.objects.select_related("territory"), slug=slug)
    sessions = event.sessions.prefetch_related(
        Prefetch("agenda_items", AgendaItem.objects.prefetch_related(Prefetch("speakers", Speaker.objects.all()))),
        "facilitators",
    )
    rows = [(session, request.user.has_perm("retex.view_session", session)) for session in sessions]
    context = {"event": event, "sessions": rows, "can_change": request.user.has_perm("retex.change_event", event)}
    return render(request, "retex/event_detail.html", context)


def _session_or_404(request, slug, action="view") -> Session:
    session = get_object_or_404(
        Session.objects.select_related("event", "event__territory").prefetch_related("facilitators"), slug=slug
    )
    if not request.user.has_perm(f"retex.{action}_session", session):
        if action == "view" or not request.user.has_perm("retex.view_session", session):
            raise Http404
        raise PermissionDenied
    return session


def _session_records(session):
    diagnostic = list(DiagnosticRow.objects.filter(session=session).select_related("theme", "report"))
    projections = list(Projection.objects.filter(session=session).select_related("theme"))
    actions = list(ActionPlanItem.objects.filter(session=session).select_related("theme"))
    for record in (*diagnostic, *projections, *actions):
        record.session = session  # the timeline links to the session's page: no query per record
    chains = chains_for([*diagnostic, *projections, *actions])
    for record in (*diagnostic, *projections, *actions):
        record.chain = chains.get(chain_key(record))
    counts = {c.category: c for c in session.participant_counts.all()}
    participants = [(category, counts.get(category.value)) for category in ParticipantCategory]
    reports = []
    for row in diagnostic:
        if row.report and row.report not in reports:
            reports.append(row.report)
    return {
        "diagnostic": diagnostic,
        "projections": projections,
        "actions": actions,
        "participants": participants,
        "presented_reports": reports,
        # Queried, not read from `session.flagship`: an unsaved form instance may sit in that cache.
        "flagship": FlagshipProposal.objects.filter(session=session).first(),
    }


@login_not_required
@require_GET
@cached_page("retex:session_detail")
def session_detail(request, slug):
    session = _session_or_404(request, slug)
    can = abilities(request.user, session, ("view", "change", "approve"))
    approvals = list(session.approvals.select_related("user"))
    context = {
        "session": session,
        "can": can,
        "approvals": approvals,
        "approved_ids": {a.user_id for a in approvals},
        **_session_records(session),
    }
    return render(request, "retex/session_detail.html", context)


SECTIONS = {
    "identite": forms.SessionIdentityForm,
    "participants": forms.ParticipantsForm,
    "diagnostic": forms.DiagnosticRowForm,
    "projections": forms.ProjectionForm,
    "plan-action": forms.ActionPlanItemForm,
    "proposition-phare": forms.FlagshipForm,
}
RECORD_MODELS = {"diagnostic": DiagnosticRow, "projections": Projection, "plan-action": ActionPlanItem}
LINK_KINDS = {
    "diagnostic": TraceLink.Kind.DIAGNOSED,
    "projections": TraceLink.Kind.PROJECTED,
    "plan-action": TraceLink.Kind.PLANNED,
}
# The field of each section's form that names the upstream object of the chain.
SOURCE_FIELDS = {"diagnostic": "report", "projections": "source", "plan-action": "source"}


def _record_forms(session, bound_section=None, bound_form=None):
    result = {}
    for section, form_class in SECTIONS.items():
        if section == bound_section:
            result[section.replace("-", "_")] = bound_form
        else:
            result[section.replace("-", "_")] = form_class(session=session, prefix=section)
    return result


def _record_page(request, session, bound_section=None, bound_form=None, status=200):
    context = {
        "session": session,
        "forms": _record_forms(session, bound_section, bound_form),
        "roadmaps_available": services.roadmaps_available(),
        "can_approve": request.user.has_perm("retex.approve_session", session),
        **_session_records(session),
    }
    return render(request, "retex/session_record.html", context, status=status)


@require_GET
@cached_page("retex:session_record")
def session_record(request, slug):
    session = _session_or_404(request, slug, "change")
    return _record_page(request, session)


def _save_section(request, session, section, form):
    """Validate and save one section's form; returns an error message or ''."""
    if not form.is_valid():
        return _("Le formulaire contient des erreurs : voir les messages sous les champs.")
    try:
        services.session_touch(session=session, user=request.user, version=form.cleaned_data["version"])
        if section == "participants":
            services.participants_save(session=session, user=request.user, counts=form.counts())
        elif section == "identite":
            form.save()
        elif section == "proposition-phare":
            data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
            services.flagship_save(session=session, user=request.user, data=data)
        else:
            services.record_save(
                record=form.save(commit=False),
                user=request.user,
                source=form.cleaned_data.get(SOURCE_FIELDS.get(section, "")),
                link_kind=LINK_KINDS.get(section, ""),
            )
    except services.ConcurrentEditError:
        form.add_error(
            None,
            _(
                "Le compte rendu a été modifié entre-temps par une autre personne. Vos saisies sont conservées : "
                "rechargez la page pour voir la dernière version avant d'enregistrer à nouveau."
            ),
        )
        return "conflict"
    except ValidationError as error:
        form.add_error(None, error)
        return "invalid"
    return ""


@require_POST
def record_add(request, slug, section):
    session = _session_or_404(request, slug, "change")
    form_class = SECTIONS.get(section)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, session=session, prefix=section)
    if _save_section(request, session, section, form):
        return _record_page(request, session, section, form, status=200 if request.htmx else 400)
    messages.success(request, _("Compte rendu enregistré."))
    return redirect(reverse("retex:session_record", args=[session.slug]) + f"#section-{section}")


@require_http_methods(["GET", "POST"])
def record_edit(request, slug, section, record_pk):
    session = _session_or_404(request, slug, "change")
    model = RECORD_MODELS.get(section)
    if model is None:
        raise Http404
    record = get_object_or_404(model, pk=record_pk, session=session)
    form = SECTIONS[section](request.POST or None, session=session, instance=record, prefix=section)
    if request.method == "POST":
        if not _save_section(request, session, section, form):
            messages.success(request, _("Compte rendu enregistré."))
            return redirect(reverse("retex:session_record", args=[session.slug]) + f"#section-{section}")
    context = {"session": session, "form": form, "section": section, "record": record}
    return render(request, "retex/record_edit.html", context, status=400 if form.errors else 200)


@require_POST
def record_delete(request, slug, section, record_pk):
    session = _session_or_404(request, slug, "change")
    model = RECORD_MODELS.get(section)
    if model is None:
        raise Http404
    record = get_object_or_404(model, pk=record_pk, session=session)
    services.record_delete(record=record, user=request.user)
    messages.success(request, _("Ligne supprimée."))
    return redirect(reverse("retex:session_record", args=[session.slug]) + f"#section-{section}")


@require_POST
def session_approve(request, slug):
    session = _session_or_404(request, slug, "approve")
    services.session_approve(session=session, user=request.user)
    if session.is_published:
        messages.success(request, _("Restitution validée par tous les animateurs : elle est publiée."))
    else:
        messages.success(
            request, _("Votre validation est enregistrée ; la restitution attend celle des autres animateurs.")
        )
    return redirect(session)


def _editable_programmes(user):
    from roadmaps.models import Programme

    scope = p.scope_of(user)
    candidates = Programme.objects.filter(scope.territory_q(p.EDITING_ROLES, "roadmap__territory")).select_related(
        "roadmap", "roadmap__territory"
    )
    allowed = [programme.pk for programme in candidates if user.has_perm("roadmaps.change_roadmap", programme.roadmap)]
    return Programme.objects.filter(pk__in=allowed).select_related("roadmap", "roadmap__territory")


@require_http_methods(["GET", "POST"])
def action_promote(request, slug, item_pk):
    session = _session_or_404(request, slug, "change")
    item = get_object_or_404(ActionPlanItem, pk=item_pk, session=session)
    if not services.roadmaps_available():
        raise Http404
    form = forms.PromoteForm(request.POST or None, programmes=_editable_programmes(request.user))
    if request.method == "POST" and form.is_valid():
        action = services.action_plan_item_promote(
            item=item, programme=form.cleaned_data["programme"], user=request.user
        )
        messages.success(
            request,
            _("Action « %(what)s » ajoutée au programme « %(programme)s ».")
            % {"what": action, "programme": form.cleaned_data["programme"]},
        )
        return redirect(reverse("retex:session_record", args=[session.slug]) + "#section-plan-action")
    return render(request, "retex/promote.html", {"session": session, "item": item, "form": form})


# --- invitations ---------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def invite_partner(request):
    """Invite a partner to a session or to a call for experience reports, by one-time link."""
    if not request.user.has_perm("retex.invite_partner"):
        raise PermissionDenied
    sessions = Session.objects.visible_to(request.user).with_list_related_data().order_by("-date")
    form = forms.InvitePartnerForm(request.POST or None, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        candidate = Invitation(email=data["email"], role=form.role, organisation=data["organisation"])
        if not request.user.has_perm("accounts.add_invitation", candidate):
            form.add_error(
                "organisation",
                _("Vous ne pouvez pas inviter dans cette organisation : elle n'agit pas sur vos territoires."),
            )
        else:
            session = data.get("session")
            if session:
                purpose = _("Vous êtes invité(e) à l'atelier « %(session)s » du %(date)s.") % {
                    "session": session.title,
                    "date": session.date.strftime("%d/%m/%Y"),
                }
            else:
                purpose = _(
                    "Vous êtes invité(e) à partager un retour d'expérience (RETEX) : une fois connecté(e), ouvrez "
                    "« Mes RETEX » pour le rédiger en plusieurs étapes."
                )
            message = "\n\n".join(part for part in (purpose, data["message"]) if part)
            account_services.invitation_create(
                email=data["email"],
                role=form.role,
                organisation=data["organisation"],
                message=message,
                invited_by=request.user,
            )
            messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": data["email"]})
            return redirect("retex:invite_partner")
    context = {
        "form": form,
        "page_title": _("Inviter un partenaire"),
        "submit_label": _("Envoyer l'invitation"),
        "intro": _(
            "Le partenaire reçoit un lien à usage unique qui lui donne accès au portail dans son organisation, "
            "pour un atelier ou un appel à retours d'expérience."
        ),
    }
    return render(request, "core/form_page.html", context)


def _editable_territories(user):
    """Régions académiques and académies the user edits (their own territory and what lies below)."""
    from django.db.models import Q

    from commons_portal.territories.models import Territory

    query = Q(pk__in=[])
    for path in p.scope_of(user).roles_paths(p.EDITING_ROLES):
        query |= Q(path__startswith=path)
    return Territory.objects.filter(query).exclude(level=Territory.Level.DEPARTEMENT)


@require_http_methods(["GET", "POST"])
def event_create(request):
    if not request.user.has_perm("retex.add_event"):
        raise PermissionDenied
    form = forms.EventForm(request.POST or None, territories=_editable_territories(request.user))
    if request.method == "POST" and form.is_valid():
        event = services.event_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("Événement créé : ajoutez-lui ses sessions."))
        return redirect("retex:session_create", slug=event.slug)
    context = {"form": form, "page_title": _("Nouvel événement"), "submit_label": _("Créer l'événement")}
    return render(request, "core/form_page.html", context)


@require_http_methods(["GET", "POST"])
def session_create(request, slug):
    event = get_object_or_404(Event.objects.select_related("territory"), slug=slug)
    if not request.user.has_perm("retex.change_event", event):
        raise PermissionDenied
    form = forms.SessionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        facilitators = data.pop("facilitator_emails")
        try:
            session = services.session_create(event=event, user=request.user, facilitators=facilitators, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Session créée : ses animateurs peuvent en rédiger le compte rendu."))
            return redirect("retex:session_record", slug=session.slug)
    context = {
        "form": form,
        "page_title": _("Nouvelle session — %(event)s") % {"event": event.title},
        "submit_label": _("Créer la session"),
    }
    return render(request, "core/form_page.html", context)
