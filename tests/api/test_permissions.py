"""The API permission matrix: role × resource × action → status, decided by the kernel's rules."""

import pytest
from django.urls import reverse

from tests.conftest import MATRIX_ROLES

from .conftest import etag_of

pytestmark = pytest.mark.django_db

ANON, PARTNER, EDITOR, TADMIN, NADMIN = MATRIX_ROLES


def expect(anonymous, partner, editor, territorial_admin, national_admin):
    return dict(zip(MATRIX_ROLES, (anonymous, partner, editor, territorial_admin, national_admin), strict=True))


def organisation_url(organisation=None):
    if organisation is None:
        return reverse("api:organisation-list")
    return reverse("api:organisation-detail", args=[organisation.pk])


NEW_ORGANISATION = {"name": "Atelier Canopé 25", "kind": "public_operator", "territories": ["D25"]}

# (action, target organisation, expected status per role)
ORGANISATION_MATRIX = [
    ("list", None, expect(200, 200, 200, 200, 200)),
    ("retrieve", "bfc", expect(200, 200, 200, 200, 200)),
    ("retrieve", "corse", expect(200, 200, 200, 200, 200)),
    ("create", None, expect(401, 403, 403, 201, 201)),
    ("update", "bfc", expect(401, 403, 403, 200, 200)),
    ("update", "corse", expect(401, 403, 403, 403, 200)),
    ("update", "own", expect(401, 200, 403, 403, 200)),
    ("destroy", "bfc", expect(401, 403, 403, 204, 204)),
    ("destroy", "corse", expect(401, 403, 403, 403, 204)),
    ("destroy", "own", expect(401, 403, 403, 403, 204)),
]


@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize(("action", "target", "expected"), ORGANISATION_MATRIX, ids=lambda v: str(v)[:12])
def test_organisation_matrix(role, action, target, expected, users, organisations, api_for):
    client = api_for(users[role])
    organisation = organisations.get(target)
    url = organisation_url(organisation)
    if action == "list":
        response = client.get(url)
    elif action == "retrieve":
        response = client.get(url)
    elif action == "create":
        response = client.post(url, NEW_ORGANISATION, format="json")
    elif action == "update":
        response = client.patch(url, {"description": "Mise à jour"}, format="json", HTTP_IF_MATCH=etag_of(client, url))
    else:
        response = client.delete(url, HTTP_IF_MATCH=etag_of(client, url))
    assert response.status_code == expected[role], response.content


@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [
        ("get", "/api/v1/territories/", expect(200, 200, 200, 200, 200)),
        ("get", "/api/v1/territories/R27/", expect(200, 200, 200, 200, 200)),
        ("post", "/api/v1/territories/", expect(401, 405, 405, 405, 405)),
        ("delete", "/api/v1/territories/R27/", expect(401, 405, 405, 405, 405)),
        ("get", "/api/v1/me/", expect(401, 200, 200, 200, 200)),
    ],
    ids=lambda v: str(v)[:20],
)
def test_kernel_endpoints_matrix(role, method, url, expected, users, api_for):
    response = getattr(api_for(users[role]), method)(url, {}, format="json")
    assert response.status_code == expected[role], response.content


def test_abilities_say_what_the_user_may_do(users, organisations, api_for):
    client = api_for(users[TADMIN])
    assert client.get(organisation_url(organisations["bfc"])).json()["abilities"] == {
        "view": True,
        "change": True,
        "delete": True,
    }
    assert client.get(organisation_url(organisations["corse"])).json()["abilities"] == {
        "view": True,
        "change": False,
        "delete": False,
    }


def test_me_lists_the_roles(users, api_for):
    body = api_for(users[EDITOR]).get(reverse("api:me")).json()
    assert body["email"] == users[EDITOR].email
    assert body["roles"] == [
        {"role": "editor", "role_label": "Rédacteur DRANE/DRASI", "territory": "R27", "organisation": None}
    ]


def test_token_authentication_writes(users, organisations):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    token = Token.objects.create(user=users[NADMIN])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(organisation_url(), NEW_ORGANISATION, format="json")
    assert response.status_code == 201, response.content
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get(organisation_url()).status_code == 401


def test_session_writes_need_the_csrf_token(users):
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users[NADMIN], backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(organisation_url(), NEW_ORGANISATION, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    response = client.post(
        organisation_url(), NEW_ORGANISATION, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201, response.content
