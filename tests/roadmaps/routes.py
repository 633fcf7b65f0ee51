"""Rows of the permission matrix for the roadmaps (see tests/security/routes.py).

The rows use a draft of Bourgogne-Franche-Comté (R27), the users' territory: drafts are seen and written
only by the editors and administrators of their territory, a 404 for everyone else (never a hint they
exist). A validated roadmap of R27 and a draft of Corse (R94) are built for tests/security/test_idor.py.
"""

from tests.factories import territory
from tests.security.routes import LOGIN, A, E, N, P, Row, T, everyone

from .factories import AxisFactory, IndicatorFactory, IndicatorValueFactory, RoadmapFactory, roadmap_with_content

EDITORS = {A: LOGIN, P: 403, E: 200, T: 200, N: 200}
# A draft: a 404 outside its territory, anonymous visitors sent to log in on pages that need a login.
DRAFT_PUBLIC_PAGE = {A: 404, P: 404, E: 200, T: 200, N: 200}
DRAFT_PAGE = {A: LOGIN, P: 404, E: 200, T: 200, N: 200}
POST_ONLY = {**everyone(405), A: LOGIN}


def _roadmap_with_indicator(code: str, **kwargs):
    roadmap = roadmap_with_content(axes=1, programmes=1, territory=territory(code), **kwargs)
    indicator = IndicatorFactory(roadmap=roadmap)
    IndicatorValueFactory(indicator=indicator)
    return roadmap


def build_world(world, make_user) -> None:
    own = _roadmap_with_indicator("R27")
    other = _roadmap_with_indicator("R94")
    published = RoadmapFactory(validated=True, territory=territory("R27"))
    AxisFactory(roadmap=published)
    world.objects.update({"roadmaps.draft": own, "roadmaps.other_draft": other, "roadmaps.published": published})


def _slug(world, key="roadmaps.draft"):
    return world.objects[key].slug


def _axis(world, key="roadmaps.draft"):
    roadmap = world.objects[key]
    return {"slug": roadmap.slug, "kind": "axe", "pk": roadmap.axes.first().pk}


def _indicator(world, key="roadmaps.draft"):
    roadmap = world.objects[key]
    return {"slug": roadmap.slug, "pk": roadmap.indicators.first().pk}


def _value(world, key="roadmaps.draft"):
    indicator = world.objects[key].indicators.first()
    return {"slug": indicator.roadmap.slug, "pk": indicator.pk, "value_pk": indicator.values.first().pk}


ROUTES: dict[str, Row] = {
    "roadmaps:list": Row(everyone()),
    "roadmaps:create": Row(EDITORS),
    "roadmaps:import": Row(EDITORS),
    "roadmaps:import_model": Row(everyone()),
    "roadmaps:dashboard": Row(EDITORS),
    "roadmaps:national": Row(everyone()),
    "roadmaps:detail": Row(DRAFT_PUBLIC_PAGE, kwargs=lambda world: {"slug": _slug(world)}),
    "roadmaps:edit": Row(DRAFT_PAGE, kwargs=lambda world: {"slug": _slug(world)}),
    "roadmaps:delete": Row(DRAFT_PAGE, kwargs=lambda world: {"slug": _slug(world)}, notes="GET: confirmation"),
    "roadmaps:new_version": Row(POST_ONLY, kwargs=lambda world: {"slug": _slug(world)}),
    "roadmaps:transition": Row(POST_ONLY, kwargs=lambda world: {"slug": _slug(world), "transition": "submit"}),
    "roadmaps:compare": Row(DRAFT_PUBLIC_PAGE, kwargs=lambda world: {"slug": _slug(world)}),
    "roadmaps:history": Row(DRAFT_PAGE, kwargs=lambda world: {"slug": _slug(world)}),
    "roadmaps:object_history": Row(DRAFT_PAGE, kwargs=_axis),
    "roadmaps:indicator": Row(DRAFT_PUBLIC_PAGE, kwargs=_indicator),
    "roadmaps:indicator_value_add": Row(POST_ONLY, kwargs=_indicator),
    "roadmaps:indicator_value_delete": Row(POST_ONLY, kwargs=_value),
    "roadmaps:object_add": Row(DRAFT_PAGE, kwargs=lambda world: {"slug": _slug(world), "kind": "axe"}),
    "roadmaps:object_edit": Row(DRAFT_PAGE, kwargs=_axis),
    "roadmaps:object_delete": Row(POST_ONLY, kwargs=_axis),
    "roadmaps:object_move": Row(POST_ONLY, kwargs=_axis),
}
