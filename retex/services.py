"""Writes on workshops and experience reports. Views check permissions; services keep the rules of the
workflow, the optimistic concurrency (`version`) and send the e-mails after commit."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from commons_portal import permissions as p
from commons_portal.core.slugs import unique_slug

from .models import (
    ActionPlanItem,
    Attachment,
    Event,
    ExperienceReport,
    FlagshipProposal,
    ParticipantCount,
    ReportStatus,
    RestitutionApproval,
    Session,
    TraceLink,
)

REPORT_CONTENT_FIELDS = ("title", "summary", "link", "territory", "organisation", "strengths", "pain_points")


class ConcurrentEditError(ValidationError):
    """Someone saved the object since this person opened it: they are told and keep what they typed."""

    def __init__(self):
        super().__init__(
            _(
                "Ce RETEX a été modifié entre-temps (dans un autre onglet ou par une autre personne). "
                "Vos saisies sont conservées ci-dessous : rechargez la page pour voir la dernière version "
                "avant d'enregistrer à nouveau."
            ),
            code="conflict",
        )


def _bump_version(model, obj, expected_version: int | None, edit_token: str = "") -> None:
    """Increase `version` if it is still `expected_version` (None skips the check), or if the last write
    came from the same page (`edit_token`, for models that keep one)."""
    queryset = model.objects.filter(pk=obj.pk)
    if expected_version is not None:
        same_page = Q(edit_token=edit_token) if edit_token else Q(pk__in=[])
        queryset = queryset.filter(Q(version=expected_version) | same_page)
    if not queryset.update(version=F("version") + 1):
        raise ConcurrentEditError()
    obj.version = model.objects.filter(pk=obj.pk).values_list("version", flat=True).get()


def _notify(report: ExperienceReport, event: str) -> None:
    from .tasks import send_report_email

    transaction.on_commit(partial(send_report_email.delay, report.pk, event))


# --- experience reports ------------------------------------------------------------------------------


@transaction.atomic
def report_create(*, user, organisation=None, territory=None) -> ExperienceReport:
    """A new, empty draft for `user`, in their organisation by default."""
    if organisation is None:
        organisation = user.memberships.filter(organisation__isnull=False).select_related("organisation").first()
        organisation = organisation.organisation if organisation else None
    return ExperienceReport.objects.create(author=user, organisation=organisation, territory=territory)


@transaction.atomic
def report_update(
    *,
    report: ExperienceReport,
    user,
    data: dict,
    version: int | None,
    themes=None,
    edit_token: str = "",
    autosave: bool = False,
) -> ExperienceReport:
    """Save some fields of a draft or returned report (one step of the form); an incomplete draft is fine.

    `edit_token` names the page that saves: its autosaves followed by its own full save are not a conflict.
    The full save closes the page (the token is forgotten): an autosave the page sent just before it left,
    and that arrives after, is then refused instead of moving the version past the next page's.
    """
    if not report.is_editable_status:
        raise ValidationError(_("Ce RETEX ne peut plus être modifié : il a été soumis ou publié."), code="locked")
    _bump_version(ExperienceReport, report, version, edit_token)
    report.edit_token = edit_token if autosave else ""
    changed = ["edit_token"]
    for name, value in data.items():
        if name not in REPORT_CONTENT_FIELDS:
            raise ValueError(f"{name} is not a field of the report's form")
        setattr(report, name, value)
        changed.append(name)
    report.save(update_fields=[*changed, "version", "updated_at"])
    if themes is not None:
        report.themes.set(themes)
    return report


@transaction.atomic
def report_submit(*, report: ExperienceReport, user, version: int | None = None) -> ExperienceReport:
    """Send the report to its territory's reviewers; refused with a message per missing field."""
    report.submit(user=user)
    _bump_version(ExperienceReport, report, version)
    report.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    _notify(report, "submitted")
    return report


@transaction.atomic
def report_return(*, report: ExperienceReport, user, comment: str) -> ExperienceReport:
    """Back to the author with a comment; blocked from publication until they resubmit."""
    report.return_for_changes(user=user, comment=comment)
    _bump_version(ExperienceReport, report, None)
    report.save(update_fields=["status", "review_comment", "version", "updated_at"])
    _notify(report, "returned")
    return report


@transaction.atomic
def report_publish(*, report: ExperienceReport, user) -> ExperienceReport:
    """Publish; a published revision replaces the report it revises."""
    report.publish(user=user)
    _bump_version(ExperienceReport, report, None)
    report.save(update_fields=["status", "published_at", "review_comment", "version", "updated_at"])
    if report.revision_of_id:
        ExperienceReport.objects.filter(pk=report.revision_of_id, status=ReportStatus.PUBLISHED).update(
            status=ReportStatus.SUPERSEDED, updated_at=timezone.now()
        )
    if report.organisation_id:
        trace_link(source=report, target=report.organisation, kind=TraceLink.Kind.INVOLVES, user=user)
    _notify(report, "published")
    return report


@transaction.atomic
def report_new_revision(*, report: ExperienceReport, user) -> ExperienceReport:
    """A draft copy of a published report; the published one stays visible until the copy is published."""
    if report.status != ReportStatus.PUBLISHED:
        raise ValidationError(_("Seul un RETEX publié peut faire l'objet d'une nouvelle version."), code="bad_status")
    existing = report.revisions.exclude(status=ReportStatus.SUPERSEDED).first()
    if existing is not None:
        return existing
    revision = ExperienceReport.objects.create(
        author=report.author,
        revision_of=report,
        **{name: getattr(report, name) for name in REPORT_CONTENT_FIELDS},
    )
    revision.themes.set(report.themes.all())
    revision.commons.set(report.commons.all())
    Attachment.objects.bulk_create(
        Attachment(
            report=revision,
            file=attachment.file.name,
            original_name=attachment.original_name,
            content_type=attachment.content_type,
            size=attachment.size,
            uploaded_by=attachment.uploaded_by,
        )
        for attachment in report.attachments.all()
    )
    return revision


@transaction.atomic
def report_delete(*, report: ExperienceReport, user) -> None:
    """Delete a draft that was never submitted (a draft revision: the published report stays)."""
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("Seul un brouillon peut être supprimé."), code="bad_status")
    names = [(attachment.file.name, attachment.file.storage) for attachment in report.attachments.all()]
    report_type = ContentType.objects.get_for_model(ExperienceReport)
    TraceLink.objects.filter(
        Q(source_type=report_type, source_id=report.pk) | Q(target_type=report_type, target_id=report.pk)
    ).delete()
    report.delete()
    for name, storage in names:
        _delete_file_unless_used(name, storage)


@transaction.atomic
def report_set_links(*, report: ExperienceReport, user, territories, commons=None) -> ExperienceReport:
    """Mark the territories that took the experience up ("essaimage") and the commons it is about; the
    commons are also typed trace links, which the ecosystem graph reads."""
    report.adopted_in.set(territories)
    if commons is not None:
        report.commons.set(commons)
        report_type = ContentType.objects.get_for_model(ExperienceReport)
        kept = {item.pk for item in commons}
        stale = TraceLink.objects.filter(
            kind=TraceLink.Kind.ABOUT_COMMONS, source_type=report_type, source_id=report.pk
        ).exclude(target_id__in=kept)
        stale.delete()
        for item in commons:
            trace_link(source=report, target=item, kind=TraceLink.Kind.ABOUT_COMMONS, user=user)
    return report


@transaction.atomic
def attachment_add(*, report: ExperienceReport, user, uploaded_file, content_type: str) -> Attachment:
    if not report.is_editable_status:
        raise ValidationError(_("Ce RETEX ne peut plus être modifié : il a été soumis ou publié."), code="locked")
    attachment = Attachment(
        report=report,
        original_name=uploaded_file.name[:255],
        content_type=content_type,
        size=uploaded_file.size,
        uploaded_by=user,
    )
    attachment.file.save(uploaded_file.name, uploaded_file, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, user) -> None:
    if not attachment.report.is_editable_status:
        raise ValidationError(_("Ce RETEX ne peut plus être modifié : il a été soumis ou publié."), code="locked")
    name = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    _delete_file_unless_used(name, storage)


def _delete_file_unless_used(name: str, storage) -> None:
    # A revision shares its files with the published report: keep a file another row still uses.
    if not Attachment.objects.filter(file=name).exists():
        transaction.on_commit(partial(storage.delete, name))


def report_email_recipients(report: ExperienceReport, event: str) -> list[str]:
    """The author for every change; the territory's reviewers when a report is submitted."""
    recipients = [report.author.email]
    if event == "submitted" and report.territory_id:
        from commons_portal.accounts.models import Membership

        paths = [report.territory.path[: len(report.territory.path) - i] for i in range(0, len(report.territory.path))]
        reviewers = Membership.objects.filter(role__in=p.EDITING_ROLES, territory__path__in=paths).values_list(
            "user__email", flat=True
        )
        recipients += sorted(set(reviewers))
    return recipients


# --- sessions and their workshop records ---------------------------------------------------------------


@transaction.atomic
def session_touch(*, session: Session, user, version: int | None) -> Session:
    """Check and bump the session's version before a change of its records."""
    _bump_version(Session, session, version)
    return session


@transaction.atomic
def participants_save(*, session: Session, user, counts: dict[str, tuple[int | None, int | None]]) -> Session:
    """`counts`: {category: (participants, establishments)}; a category with neither is removed."""
    for category, (count, establishments) in counts.items():
        if count is None and establishments is None:
            ParticipantCount.objects.filter(session=session, category=category).delete()
        else:
            ParticipantCount.objects.update_or_create(
                session=session, category=category, defaults={"count": count, "establishments": establishments}
            )
    return session


@transaction.atomic
def record_save(*, record, user, source=None, link_kind: str = ""):
    """Create or update a workshop record (diagnostic row, projection, action plan item, flagship);
    `source` is the upstream object it answers, kept as a typed trace link."""
    if record.pk is None and hasattr(record, "position") and not record.position:
        record.position = type(record).objects.filter(session=record.session).count() + 1
    record.full_clean()
    record.save()
    if source is not None and link_kind:
        trace_link(source=source, target=record, kind=link_kind, user=user)
    return record


@transaction.atomic
def record_delete(*, record, user) -> None:
    content_type = ContentType.objects.get_for_model(record)
    TraceLink.objects.filter(source_type=content_type, source_id=record.pk).delete()
    TraceLink.objects.filter(target_type=content_type, target_id=record.pk).delete()
    record.delete()


@transaction.atomic
def flagship_save(*, session: Session, user, data: dict) -> FlagshipProposal:
    flagship = FlagshipProposal.objects.filter(session=session).first() or FlagshipProposal(session=session)
    for name, value in data.items():
        setattr(flagship, name, value)
    flagship.full_clean()
    flagship.save()
    return flagship


@transaction.atomic
def session_approve(*, session: Session, user) -> Session:
    """The user validates the restitution; it is published once every facilitator has."""
    if session.is_published:
        raise ValidationError(_("Cette restitution est déjà publiée."), code="published")
    facilitator_ids = set(session.facilitators.values_list("pk", flat=True))
    if facilitator_ids and user.pk not in facilitator_ids:
        raise ValidationError(_("Seuls les animateurs de la session valident sa restitution."), code="not_facilitator")
    RestitutionApproval.objects.get_or_create(session=session, user=user)
    approved = set(session.approvals.values_list("user_id", flat=True))
    if facilitator_ids <= approved:
        session.restitution_status = Session.RestitutionStatus.PUBLISHED
        session.restitution_published_at = timezone.now()
        session.save(update_fields=["restitution_status", "restitution_published_at"])
    return session


# --- traceability ---------------------------------------------------------------------------------------


def trace_link(*, source, target, kind: str, user=None) -> TraceLink:
    link, _created = TraceLink.objects.get_or_create(
        kind=kind,
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        defaults={"created_by": user},
    )
    return link


def roadmaps_available() -> bool:
    """Whether the roadmaps app offers the service that creates an action (it lands separately)."""
    try:
        from roadmaps import services  # noqa: F401
    except ImportError:
        return False
    return hasattr(services, "action_create")


@transaction.atomic
def action_plan_item_promote(*, item: ActionPlanItem, programme, user):
    """Copy an action plan item into a roadmap programme's actions and keep the link between them."""
    from roadmaps import services as roadmap_services

    session = item.session
    action = roadmap_services.action_create(
        programme=programme,
        what=item.what[:300],
        how=item.how,
        who=item.who,
        when=item.when[:200],
        success_indicators=item.indicators,
        user=user,
        source_label=_("Plan d'action de l'atelier « %(session)s » (%(date)s)")
        % {"session": session.title, "date": session.date.strftime("%d/%m/%Y")},
    )
    trace_link(source=item, target=action, kind=TraceLink.Kind.PROMOTED, user=user)
    # The chain ends on what measures the action: the indicators of the programme it joins.
    for indicator in programme.indicators.all():
        trace_link(source=action, target=indicator, kind=TraceLink.Kind.MEASURED, user=user)
    return action


@transaction.atomic
def event_create(*, user, **fields) -> Event:
    """A new event (training cycle, états généraux, journée...) with a slug made from its title."""
    event = Event(slug=unique_slug(Event, fields["title"], fallback="atelier"), **fields)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def session_create(*, event: Event, user, facilitators=(), **fields) -> Session:
    """A new session of `event`; its facilitators (accounts) record it and validate its restitution."""
    session = Session(
        event=event, slug=unique_slug(Session, f"{event.slug}-{fields['date']}", fallback="atelier"), **fields
    )
    session.full_clean()
    session.save()
    session.facilitators.set(facilitators)
    return session
