"""Every route × anonymous, partner, editor, territorial administrator, national administrator."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import MATRIX_ROLES

from .routes import EXCLUDED_PREFIXES, World, all_routes, world_builders

ROUTES = all_routes()

pytestmark = pytest.mark.django_db


def _route_names(patterns=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_route_has_a_row():
    missing = sorted(name for name in _route_names() - set(ROUTES) if not name.startswith(EXCLUDED_PREFIXES))
    assert not missing, f"routes with no row in tests/security/routes.py: {missing}"


def test_no_row_names_a_route_that_does_not_exist():
    assert set(ROUTES) <= _route_names()


@pytest.fixture
def world(users, make_user):
    """The kernel's users plus, from each domain's tests/<app>/routes.py, the objects its rows need."""
    world = World(users=users)
    for build in world_builders():
        build(world, make_user)
    return world


@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_route_status_for_role(route, role, world, client_for):
    row = ROUTES[route]
    kwargs = row.kwargs(world) if row.kwargs else {}
    url = reverse(route, kwargs=kwargs) + (f"?{row.query}" if row.query else "")
    response = client_for(world.users[role]).get(url)
    response.close()  # a file download left unread would warn (ResourceWarning) in a later test
    assert response.status_code == row.expected[role], f"GET {url} as {role}"


JUNK = {
    "email": "pas-une-adresse\x00",
    "username": "x" * 5000,
    "password": "\x00",
    "title": "<script>alert(1)</script>",
    "number": "99999999999999999999999999",
    "version": "-1",
    "territory": "999999999",
    "organisation": "abc",
    "role": "superhero",
}


@pytest.mark.parametrize("role", ["anonymous", "national_admin"])
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_junk_post_never_breaks_a_route(route, role, world, client_for):
    """Whatever is posted to a route, the answer is a page or a 4xx, never a server error."""
    row = ROUTES[route]
    kwargs = row.kwargs(world) if row.kwargs else {}
    client = client_for(world.users[role])
    client.raise_request_exception = False
    response = client.post(reverse(route, kwargs=kwargs), JUNK)
    assert response.status_code < 500, f"POST {route} as {role}: {response.status_code}"
