"""The permission matrix over every route: each URL pattern × role → expected status of a GET.

A row names a route and, for routes with parameters, how to build their arguments from the `world`
fixture (objects of the user's own territory or organisation, and of another one for IDOR checks).
The kernel's rows are here; each domain keeps its rows in `tests/<app>/routes.py` (a `ROUTES` dict and
a `build_world(world, make_user)` function that adds the objects its rows need to `world.objects`).
`test_every_route_has_a_row` fails when a route is added without a row.
"""

import importlib
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import MATRIX_ROLES

A, P, E, T, N = MATRIX_ROLES  # anonymous, partner, editor, territorial admin, national admin
LOGIN = 302  # anonymous users are sent to the login page


@dataclass(frozen=True)
class Row:
    expected: dict[str, int]
    kwargs: Any = None  # callable(world) -> dict of URL kwargs
    query: str = ""
    notes: str = ""


def everyone(status: int = 200) -> dict[str, int]:
    return dict.fromkeys(MATRIX_ROLES, status)


def logged_in(status: int = 200) -> dict[str, int]:
    return {**dict.fromkeys(MATRIX_ROLES, status), A: LOGIN}


def admins_only(status: int = 200) -> dict[str, int]:
    return {A: LOGIN, P: 403, E: 403, T: status, N: status}


# Routes that are not pages a role browses: the Django admin has its own permission system (staff
# only, tested in tests/core), the debug error pages exist only in embedded mode.
EXCLUDED_PREFIXES = ("admin:",)


ROUTES: dict[str, Row] = {
    "core:home": Row(everyone()),
    "core:accessibility": Row(everyone()),
    "core:legal": Row(everyone()),
    "healthz": Row(everyone()),
    "accounts:login": Row({**everyone(), P: 302, E: 302, T: 302, N: 302}, notes="logged-in users go home"),
    "accounts:logout": Row({**everyone(405), A: LOGIN}, notes="POST only"),
    "accounts:password_reset": Row(everyone()),
    "accounts:password_reset_done": Row(everyone()),
    "accounts:password_reset_confirm": Row(everyone(), kwargs=lambda world: {"uidb64": "MQ", "token": "x-y"}),
    "accounts:password_reset_complete": Row(everyone()),
    "accounts:invitation_create": Row(admins_only()),
    "accounts:invitation_accept": Row(everyone(410), kwargs=lambda world: {"token": "inconnu"}),
    "accounts:profile": Row(logged_in()),
    "accounts:my_data": Row(logged_in()),
}


DOMAIN_ROUTE_MODULES = (
    "tests.partners.routes",
    "tests.roadmaps.routes",
    "tests.retex.routes",
    "tests.jobs.routes",
    "tests.api.routes",
    "tests.search.routes",
    "tests.opendata.routes",
)


def _domain_modules():
    for name in DOMAIN_ROUTE_MODULES:
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


def all_routes() -> dict[str, "Row"]:
    routes = dict(ROUTES)
    for module in _domain_modules():
        routes.update(module.ROUTES)
    return routes


def world_builders():
    return [module.build_world for module in _domain_modules() if hasattr(module, "build_world")]


@dataclass
class World:
    """Objects the rows build URLs from; domain tests extend it through `world` fixtures."""

    users: dict
    objects: dict = field(default_factory=dict)
