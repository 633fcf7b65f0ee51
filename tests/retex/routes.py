"""Rows of the permission matrix for workshops and RETEX (see tests/security/routes.py).

The users are on Bourgogne-Franche-Comté (R27); the partner (P) wrote the draft; the submitted report
is another partner's, in R27; the session is an unpublished R27 session without facilitator accounts.
"""

from tests.factories import UserFactory
from tests.security.routes import LOGIN, A, E, N, P, Row, T, admins_only, everyone, logged_in

from .factories import ActionPlanItemFactory, AttachmentFactory, ProjectionFactory, ReportFactory, SessionFactory

STAFF = {A: LOGIN, P: 403, E: 200, T: 200, N: 200}
POST_ONLY = {**everyone(405), A: LOGIN}
AUTHOR_ONLY = {A: LOGIN, P: 200, E: 404, T: 404, N: 404}
TERRITORY_STAFF = {A: LOGIN, P: 404, E: 200, T: 200, N: 200}


def build_world(world, make_user) -> None:
    draft = ReportFactory(author=world.users[P])
    session = SessionFactory()
    world.objects.update(
        {
            "retex.draft": draft,
            "retex.submitted": ReportFactory(author=UserFactory(partner=True), submitted=True),
            "retex.attachment": AttachmentFactory(report=draft),
            "retex.session": session,
            "retex.projection": ProjectionFactory(session=session),
            "retex.action": ActionPlanItemFactory(session=session),
        }
    )


def _pk(key):
    return lambda world: {"pk": world.objects[key].pk}


def _session(section=None, record=None, item=None):
    def build(world):
        kwargs = {"slug": world.objects["retex.session"].slug}
        if section:
            kwargs["section"] = section
        if record:
            kwargs["record_pk"] = world.objects[record].pk
        if item:
            kwargs["item_pk"] = world.objects[item].pk
        return kwargs

    return build


def _attachment(world):
    attachment = world.objects["retex.attachment"]
    return {"pk": attachment.report_id, "attachment_pk": attachment.pk}


ROUTES: dict[str, Row] = {
    "retex:report_list": Row(everyone()),
    "retex:my_reports": Row(logged_in()),
    "retex:review_queue": Row(STAFF),
    "retex:invite_partner": Row(admins_only()),
    "retex:report_create": Row(POST_ONLY),
    "retex:report_detail": Row(
        {A: 404, P: 200, E: 404, T: 404, N: 404}, kwargs=_pk("retex.draft"), notes="a draft: its author only"
    ),
    "retex:report_step": Row(
        AUTHOR_ONLY, kwargs=lambda world: {"pk": world.objects["retex.draft"].pk, "step": "identite"}
    ),
    "retex:report_revise": Row(POST_ONLY, kwargs=_pk("retex.draft")),
    "retex:report_review": Row(TERRITORY_STAFF, kwargs=_pk("retex.submitted"), notes="reviewers of R27"),
    "retex:report_adoption": Row(POST_ONLY, kwargs=_pk("retex.draft")),
    "retex:attachment_download": Row(
        {A: 404, P: 200, E: 404, T: 404, N: 404}, kwargs=_attachment, notes="a draft's file: its author only"
    ),
    "retex:attachment_delete": Row(POST_ONLY, kwargs=_attachment),
    "retex:event_list": Row(everyone()),
    "retex:event_create": Row(STAFF),
    "retex:session_create": Row(
        {A: LOGIN, P: 403, E: 200, T: 200, N: 200},
        kwargs=lambda world: {"slug": world.objects["retex.session"].event.slug},
    ),
    "retex:event_detail": Row(everyone(), kwargs=lambda world: {"slug": world.objects["retex.session"].event.slug}),
    "retex:session_detail": Row(
        {A: 404, P: 404, E: 200, T: 200, N: 200}, kwargs=_session(), notes="unpublished restitution"
    ),
    "retex:session_approve": Row(POST_ONLY, kwargs=_session()),
    "retex:session_record": Row(TERRITORY_STAFF, kwargs=_session()),
    "retex:record_add": Row(POST_ONLY, kwargs=_session("projections")),
    "retex:record_edit": Row(TERRITORY_STAFF, kwargs=_session("projections", record="retex.projection")),
    "retex:record_delete": Row(POST_ONLY, kwargs=_session("projections", record="retex.projection")),
    "retex:action_promote": Row(TERRITORY_STAFF, kwargs=_session(item="retex.action")),
}
