"""Rows of the permission matrix for workshops and experience reports (see tests/security/routes.py).

In Bourgogne-Franche-Comté (R27), the users' territory: the partner's draft (nobody else reads it, not
even an administrator), the partner's report submitted for review (its author and the territory's
reviewers read it), and an event whose session restitution is not published yet (its recorders only).
The same in Corse (R94), for tests/security/test_idor.py.
"""

from tests.factories import UserFactory, territory
from tests.security.routes import LOGIN, A, E, N, P, Row, T, admins_only, everyone, logged_in

from .factories import (
    ActionPlanItemFactory,
    AttachmentFactory,
    DiagnosticRowFactory,
    EventFactory,
    ReportFactory,
    SessionFactory,
)

POST_ONLY = {**everyone(405), A: LOGIN}
REVIEWERS = {A: LOGIN, P: 403, E: 200, T: 200, N: 200}
AUTHOR_ONLY_PUBLIC = {A: 404, P: 200, E: 404, T: 404, N: 404}
AUTHOR_ONLY = {A: LOGIN, P: 200, E: 404, T: 404, N: 404}
RECORDERS_PUBLIC = {A: 404, P: 404, E: 200, T: 200, N: 200}
RECORDERS = {A: LOGIN, P: 404, E: 200, T: 200, N: 200}


def _territory_objects(prefix: str, code: str, author) -> dict:
    organisation = author.memberships.get().organisation
    draft = ReportFactory(territory=territory(code), author=author, organisation=organisation)
    submitted = ReportFactory(territory=territory(code), author=author, organisation=organisation, submitted=True)
    session = SessionFactory(event=EventFactory(territory=territory(code)))
    return {
        f"{prefix}draft": draft,
        f"{prefix}draft_attachment": AttachmentFactory(report=draft),
        f"{prefix}submitted": submitted,
        f"{prefix}published": ReportFactory(
            territory=territory(code), author=author, organisation=organisation, published=True
        ),
        f"{prefix}session": session,
        f"{prefix}diagnostic": DiagnosticRowFactory(session=session),
        f"{prefix}action_item": ActionPlanItemFactory(session=session),
    }


def build_world(world, make_user) -> None:
    world.objects.update(_territory_objects("retex.", "R27", world.users[P]))
    other_author = UserFactory(partner=True)
    world.objects["retex.other_author"] = other_author
    world.objects.update(_territory_objects("retex.other_", "R94", other_author))
    # Another partner's draft in the users' own territory: the partner must not reach it either.
    world.objects["retex.foreign_draft"] = ReportFactory(
        territory=territory("R27"), author=other_author, organisation=other_author.memberships.get().organisation
    )


def _pk(key):
    return lambda world: {"pk": world.objects[key].pk}


def _session(key="retex.session"):
    return lambda world: {"slug": world.objects[key].slug}


def _record(key):
    def kwargs(world):
        record = world.objects[key]
        return {"slug": record.session.slug, "section": "diagnostic", "record_pk": record.pk}

    return kwargs


ROUTES: dict[str, Row] = {
    "retex:report_list": Row(everyone()),
    "retex:my_reports": Row(logged_in()),
    "retex:review_queue": Row(REVIEWERS),
    "retex:invite_partner": Row(admins_only()),
    "retex:report_create": Row(POST_ONLY),
    "retex:report_detail": Row(
        {A: 404, P: 200, E: 200, T: 200, N: 200},
        kwargs=_pk("retex.submitted"),
        notes="a submitted report: its author and the territory's reviewers",
    ),
    "retex:report_step": Row(
        AUTHOR_ONLY,
        kwargs=lambda world: {"pk": world.objects["retex.draft"].pk, "step": "identite"},
        notes="nobody reads another person's draft",
    ),
    "retex:report_revise": Row(POST_ONLY, kwargs=_pk("retex.published")),
    "retex:report_review": Row(REVIEWERS, kwargs=_pk("retex.submitted"), notes="the author reads it, cannot review"),
    "retex:report_adoption": Row(POST_ONLY, kwargs=_pk("retex.published")),
    "retex:attachment_download": Row(
        AUTHOR_ONLY_PUBLIC,
        kwargs=lambda world: {
            "pk": world.objects["retex.draft"].pk,
            "attachment_pk": world.objects["retex.draft_attachment"].pk,
        },
    ),
    "retex:attachment_delete": Row(
        POST_ONLY,
        kwargs=lambda world: {
            "pk": world.objects["retex.draft"].pk,
            "attachment_pk": world.objects["retex.draft_attachment"].pk,
        },
    ),
    "retex:event_list": Row(everyone()),
    "retex:event_create": Row(REVIEWERS, notes="staff create events in the territories they edit"),
    "retex:session_create": Row(
        {A: LOGIN, P: 403, E: 200, T: 200, N: 200},
        kwargs=lambda world: {"slug": world.objects["retex.session"].event.slug},
        notes="editors of the event's territory",
    ),
    "retex:event_detail": Row(everyone(), kwargs=lambda world: {"slug": world.objects["retex.session"].event.slug}),
    "retex:session_detail": Row(RECORDERS_PUBLIC, kwargs=_session(), notes="restitution not published yet"),
    "retex:session_approve": Row(POST_ONLY, kwargs=_session()),
    "retex:session_record": Row(RECORDERS, kwargs=_session()),
    "retex:record_add": Row(POST_ONLY, kwargs=lambda world: {**_session()(world), "section": "diagnostic"}),
    "retex:record_edit": Row(RECORDERS, kwargs=_record("retex.diagnostic")),
    "retex:record_delete": Row(POST_ONLY, kwargs=_record("retex.diagnostic")),
    "retex:action_promote": Row(
        RECORDERS,
        kwargs=lambda world: {
            "slug": world.objects["retex.session"].slug,
            "item_pk": world.objects["retex.action_item"].pk,
        },
    ),
}
