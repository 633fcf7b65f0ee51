"""Rows of the permission matrix for the API (see tests/security/routes.py).

Anonymous clients read what is published; drafts are a 404 outside their territory, as on the pages.
The objects come from the other domains' `build_world` (tests/<app>/routes.py): the rows use those of
Bourgogne-Franche-Comté (R27), the users' territory.
"""

from tests.security.routes import A, E, N, P, Row, T, everyone

# A draft roadmap's parts, an unpublished session: only the people of the territory see them.
TERRITORY_ONLY = {A: 404, P: 404, E: 200, T: 200, N: 200}
# Invitations: administrators only (token authentication first: 401 for anonymous clients).
INVITERS = {A: 401, P: 403, E: 403, T: 200, N: 200}


def _pk(key, attribute=None):
    def kwargs(world):
        obj = world.objects[key]
        return {"pk": (getattr(obj, attribute) if attribute else obj).pk}

    return kwargs


def _slug(key):
    return lambda world: {"slug": world.objects[key].slug}


def _first(key, related):
    return lambda world: {"pk": getattr(world.objects[key], related).first().pk}


def build_world(world, make_user) -> None:
    """What the other domains' worlds lack: an action, a governance body and a phase in the R27 draft, a projection
    and a flagship proposal in the R27 session whose restitution is not published."""
    from commons_portal.accounts.services import invitation_create
    from retex.models import FlagshipProposal
    from roadmaps.models import GovernanceBody, Phase
    from tests.factories import territory
    from tests.retex.factories import ProjectionFactory
    from tests.roadmaps.factories import ActionFactory

    draft = world.objects["roadmaps.draft"]
    ActionFactory(programme=draft.programmes.first())
    world.objects["api.governance_body"] = GovernanceBody.objects.create(roadmap=draft, acronym="COREA")
    world.objects["api.phase"] = Phase.objects.create(roadmap=draft, number=1, title="Analyse")
    session = world.objects["retex.session"]
    world.objects["api.projection"] = ProjectionFactory(session=session)
    world.objects["api.flagship"] = FlagshipProposal.objects.create(session=session, summary="Une forge")
    world.objects["api.invitation"], _link = invitation_create(
        email="invitee@example.org", role="editor", territory=territory("A03"), invited_by=world.users[N]
    )


def _stake(world):
    return {"pk": world.objects["roadmaps.draft"].axes.first().stakes.first().pk}


def _objective(world):
    return {"pk": world.objects["roadmaps.draft"].programmes.first().objectives.first().pk}


def _action(world):
    return {"pk": world.objects["roadmaps.draft"].programmes.first().actions.first().pk}


def _indicator_value(world):
    return {"pk": world.objects["roadmaps.draft"].indicators.first().values.first().pk}


ROUTES: dict[str, Row] = {
    "api:api-root": Row(everyone()),
    "api:schema": Row(everyone()),
    "api:docs": Row(everyone()),
    "api:redoc": Row(everyone()),
    "api:not-found": Row(everyone(404), notes="any other /api/ path: a JSON 404"),
    "api:me": Row({**everyone(), A: 401}, notes="token authentication first: 401 with WWW-Authenticate"),
    "api:territory-list": Row(everyone()),
    "api:territory-detail": Row(everyone(), kwargs=lambda world: {"code": "R27"}),
    "api:roadmap-list": Row(everyone()),
    "api:roadmap-detail": Row(TERRITORY_ONLY, kwargs=_slug("roadmaps.draft")),
    "api:roadmap-submit": Row(everyone(405), kwargs=_slug("roadmaps.draft"), notes="POST only"),
    "api:roadmap-reopen": Row(everyone(405), kwargs=_slug("roadmaps.draft"), notes="POST only"),
    "api:roadmap-validate": Row(everyone(405), kwargs=_slug("roadmaps.draft"), notes="POST only"),
    "api:roadmap-archive": Row(everyone(405), kwargs=_slug("roadmaps.published"), notes="POST only"),
    "api:roadmap-new-version": Row(everyone(405), kwargs=_slug("roadmaps.published"), notes="POST only"),
    "api:axis-list": Row(everyone()),
    "api:axis-detail": Row(TERRITORY_ONLY, kwargs=_first("roadmaps.draft", "axes")),
    "api:stake-list": Row(everyone()),
    "api:stake-detail": Row(TERRITORY_ONLY, kwargs=_stake),
    "api:objective-list": Row(everyone()),
    "api:objective-detail": Row(TERRITORY_ONLY, kwargs=_objective),
    "api:objective-move": Row(everyone(405), kwargs=_objective, notes="POST only"),
    "api:action-list": Row(everyone()),
    "api:action-detail": Row(TERRITORY_ONLY, kwargs=_action),
    "api:axis-move": Row(everyone(405), kwargs=_first("roadmaps.draft", "axes"), notes="POST only"),
    "api:stake-move": Row(everyone(405), kwargs=_stake, notes="POST only"),
    "api:action-move": Row(everyone(405), kwargs=_action, notes="POST only"),
    "api:programme-move": Row(everyone(405), kwargs=_first("roadmaps.draft", "programmes"), notes="POST only"),
    "api:indicator-move": Row(everyone(405), kwargs=_first("roadmaps.draft", "indicators"), notes="POST only"),
    "api:governancebody-list": Row(everyone()),
    "api:governancebody-detail": Row(TERRITORY_ONLY, kwargs=_pk("api.governance_body")),
    "api:governancebody-move": Row(everyone(405), kwargs=_pk("api.governance_body"), notes="POST only"),
    "api:phase-list": Row(everyone()),
    "api:phase-detail": Row(TERRITORY_ONLY, kwargs=_pk("api.phase")),
    "api:programme-list": Row(everyone()),
    "api:programme-detail": Row(TERRITORY_ONLY, kwargs=_first("roadmaps.draft", "programmes")),
    "api:indicator-list": Row(everyone()),
    "api:indicator-detail": Row(TERRITORY_ONLY, kwargs=_first("roadmaps.draft", "indicators")),
    "api:indicatorvalue-list": Row(everyone()),
    "api:indicatorvalue-detail": Row(TERRITORY_ONLY, kwargs=_indicator_value),
    "api:organisation-list": Row(everyone()),
    "api:organisation-detail": Row(everyone(), kwargs=_pk("partners.own_org")),
    "api:commons-list": Row(everyone()),
    "api:commons-detail": Row(everyone(), kwargs=_pk("partners.commons")),
    "api:partnership-list": Row(everyone()),
    "api:partnership-detail": Row(everyone(), kwargs=_pk("partners.own_partnership")),
    "api:experiencereport-list": Row(everyone()),
    "api:experiencereport-detail": Row(
        {A: 404, P: 200, E: 200, T: 200, N: 200},
        kwargs=_pk("retex.submitted"),
        notes="the partner's submitted report (tests/retex/routes.py): its author and the territory's reviewers",
    ),
    "api:experiencereport-submit": Row(everyone(405), kwargs=_pk("retex.submitted"), notes="POST only"),
    "api:experiencereport-publish": Row(everyone(405), kwargs=_pk("retex.submitted"), notes="POST only"),
    "api:experiencereport-return": Row(everyone(405), kwargs=_pk("retex.submitted"), notes="POST only"),
    "api:event-list": Row(everyone()),
    "api:event-detail": Row(everyone(), kwargs=lambda world: {"slug": world.objects["retex.session"].event.slug}),
    "api:session-list": Row(everyone()),
    "api:session-detail": Row(TERRITORY_ONLY, kwargs=_slug("retex.session")),
    "api:diagnosticrow-list": Row(everyone()),
    "api:diagnosticrow-detail": Row(TERRITORY_ONLY, kwargs=_pk("retex.diagnostic")),
    "api:projection-list": Row(everyone()),
    "api:projection-detail": Row(TERRITORY_ONLY, kwargs=_pk("api.projection")),
    "api:actionplanitem-list": Row(everyone()),
    "api:actionplanitem-detail": Row(TERRITORY_ONLY, kwargs=_pk("retex.action_item")),
    "api:actionplanitem-promote": Row(everyone(405), kwargs=_pk("retex.action_item"), notes="POST only"),
    "api:flagshipproposal-list": Row(everyone()),
    "api:flagshipproposal-detail": Row(TERRITORY_ONLY, kwargs=_pk("api.flagship")),
    "api:invitation-list": Row(INVITERS),
    "api:invitation-detail": Row(INVITERS, kwargs=_pk("api.invitation"), notes="an editor invited on A03, in R27"),
    "api:pdfjob-list": Row({**everyone(), A: 401}, notes="one's own syntheses"),
    "api:pdfjob-detail": Row(
        {A: 401, P: 404, E: 200, T: 200, N: 200},
        kwargs=_pk("jobs.own"),
        notes="a synthesis of the R27 draft roadmap follows roadmaps.view_roadmap",
    ),
}
