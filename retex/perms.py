"""Who may do what on workshops and experience reports. The business rules:

- everyone, even anonymous, reads published reports and published session restitutions;
- a partner (member of an organisation) or a territory's staff writes reports; the author alone edits
  their report, and only while it is a draft or has been returned; the author of a published report
  may start a new revision of it; they may delete their report while it is a draft (never submitted);
- reviewers are the editors and administrators of the report's territory (or an ancestor): they read
  the reports submitted there and publish them or return them with a comment; nobody reads another
  person's draft;
- a session is recorded by its facilitators and by the editors of its event's territory; each
  facilitator validates the restitution, which is published once all of them have (editors publish it
  when the session has no facilitator account);
- events are created by staff and managed by the editors of their territory.
"""

import rules

from commons_portal import permissions as p

from .models import ReportStatus


def _author(user, report) -> bool:
    return user.is_authenticated and report.author_id == user.pk


@rules.predicate
def can_view_report(user, report) -> bool:
    if report is None:
        return True
    if report.status == ReportStatus.PUBLISHED or _author(user, report):
        return True
    return report.status != ReportStatus.DRAFT and p.edits(user, report.territory)


@rules.predicate
def can_change_report(user, report) -> bool:
    return report is not None and _author(user, report) and report.is_editable_status


@rules.predicate
def can_delete_report(user, report) -> bool:
    return report is not None and _author(user, report) and report.status == ReportStatus.DRAFT


@rules.predicate
def can_revise_report(user, report) -> bool:
    return (
        report is not None
        and _author(user, report)
        and report.status == ReportStatus.PUBLISHED
        and not report.revisions.exclude(status=ReportStatus.SUPERSEDED).exists()
    )


@rules.predicate
def can_review_report(user, report) -> bool:
    if report is None:
        return p.is_staff_member(user)
    return report.status == ReportStatus.SUBMITTED and p.edits(user, report.territory)


@rules.predicate
def can_mark_adoption(user, report) -> bool:
    return report is not None and report.status == ReportStatus.PUBLISHED and p.is_staff_member(user)


@rules.predicate
def can_view_session(user, session) -> bool:
    if session is None:
        return True
    return session.is_published or can_record_session(user, session)


@rules.predicate
def is_facilitator(user, session) -> bool:
    if session is None or not user.is_authenticated:
        return False
    return any(f.pk == user.pk for f in session.facilitators.all())


@rules.predicate
def edits_session_territory(user, session) -> bool:
    return session is not None and p.edits(user, session.event.territory)


@rules.predicate
def can_record_session(user, session) -> bool:
    return is_facilitator(user, session) or edits_session_territory(user, session)


@rules.predicate
def can_approve_session(user, session) -> bool:
    if session is None or session.is_published:
        return False
    if session.facilitators.exists():
        return is_facilitator(user, session)
    return edits_session_territory(user, session)


@rules.predicate
def can_change_event(user, event) -> bool:
    return event is not None and p.edits(user, event.territory)


@rules.predicate
def record_changeable(user, record) -> bool:
    """A workshop record (diagnostic row, projection, action plan item, flagship) of a session one records."""
    return record is not None and can_record_session(user, record.session)


rules.add_perm("retex.view_experiencereport", can_view_report)
rules.add_perm("retex.add_experiencereport", p.is_partner | p.is_staff_member)
rules.add_perm("retex.change_experiencereport", can_change_report)
rules.add_perm("retex.submit_experiencereport", can_change_report)
rules.add_perm("retex.delete_experiencereport", can_delete_report)
rules.add_perm("retex.revise_experiencereport", can_revise_report)
rules.add_perm("retex.review_experiencereport", can_review_report)
rules.add_perm("retex.adopt_experiencereport", can_mark_adoption)
rules.add_perm("retex.view_attachment", lambda user, attachment: can_view_report(user, attachment.report))

rules.add_perm("retex.view_event", rules.always_allow)
rules.add_perm("retex.add_event", p.is_staff_member)
rules.add_perm("retex.change_event", can_change_event)
rules.add_perm("retex.view_session", can_view_session)
rules.add_perm("retex.change_session", can_record_session)
rules.add_perm("retex.approve_session", can_approve_session)
rules.add_perm("retex.invite_partner", p.is_any_admin)
for _model in ("diagnosticrow", "projection", "actionplanitem", "flagshipproposal"):
    rules.add_perm(f"retex.change_{_model}", record_changeable)
rules.add_perm("retex.promote_actionplanitem", record_changeable)
