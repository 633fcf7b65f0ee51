"""Invitations in the API: listed, sent and revoked by administrators within what they administer
(territorial administrators for their territory, national administrators everywhere), through the
accounts services; the one-time link and its hash never appear."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from commons_portal.accounts import services
from commons_portal.accounts.models import Invitation
from tests.conftest import MATRIX_ROLES
from tests.factories import OrganisationFactory, territory
from tests.utils import assert_queries_do_not_grow

from .conftest import expect

pytestmark = pytest.mark.django_db

URL = "/api/v1/invitations/"


def invite(by, **fields):
    fields.setdefault("email", "invitee@example.org")
    invitation, _link = services.invitation_create(invited_by=by, **fields)
    return invitation


@pytest.fixture
def invitations(users, organisations):
    admin = users["national_admin"]
    accepted = invite(admin, role="editor", territory=territory("R27"), email="accepted@example.org")
    accepted.accepted_at = timezone.now()
    accepted.save()
    return {
        "editor_bfc": invite(admin, role="editor", territory=territory("A03")),
        "editor_corse": invite(admin, role="editor", territory=territory("R94")),
        "partner_bfc": invite(admin, role="partner", organisation=organisations["bfc"]),
        "partner_corse": invite(admin, role="partner", organisation=organisations["corse"]),
        "national": invite(admin, role="national_admin", territory=territory("national")),
        "accepted_bfc": accepted,
    }


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("territorial_admin", {"editor_bfc", "partner_bfc", "accepted_bfc"}),
        ("national_admin", {"editor_bfc", "editor_corse", "partner_bfc", "partner_corse", "national", "accepted_bfc"}),
    ],
)
def test_administrators_list_what_they_administer(role, visible, users, invitations, api_for):
    response = api_for(users[role]).get(URL, {"page_size": 200})
    assert response.status_code == 200, response.content
    assert {item["id"] for item in response.json()["results"]} == {invitations[key].pk for key in visible}


CREATE = {
    "editor_bfc": {"role": "editor", "territory": "A03"},
    "admin_bfc": {"role": "territorial_admin", "territory": "R27"},
    "editor_corse": {"role": "editor", "territory": "R94"},
    "partner_bfc": {"role": "partner", "organisation": "{bfc}"},
    "partner_corse": {"role": "partner", "organisation": "{corse}"},
    "national": {"role": "national_admin", "territory": "national"},
}

MATRIX = [
    ("list", None, expect(401, 403, 403, 200, 200)),
    ("create", "editor_bfc", expect(401, 403, 403, 201, 201)),
    ("create", "admin_bfc", expect(401, 403, 403, 201, 201)),
    ("create", "editor_corse", expect(401, 403, 403, 403, 201)),
    ("create", "partner_bfc", expect(401, 403, 403, 201, 201)),
    ("create", "partner_corse", expect(401, 403, 403, 403, 201)),
    ("create", "national", expect(401, 403, 403, 403, 201)),
    ("retrieve", "editor_bfc", expect(401, 403, 403, 200, 200)),
    ("retrieve", "partner_bfc", expect(401, 403, 403, 200, 200)),
    ("retrieve", "editor_corse", expect(401, 403, 403, 404, 200)),
    ("retrieve", "partner_corse", expect(401, 403, 403, 404, 200)),
    ("retrieve", "national", expect(401, 403, 403, 404, 200)),
    ("destroy", "editor_bfc", expect(401, 403, 403, 204, 204)),
    ("destroy", "partner_bfc", expect(401, 403, 403, 204, 204)),
    ("destroy", "editor_corse", expect(401, 403, 403, 404, 204)),
    ("destroy", "partner_corse", expect(401, 403, 403, 404, 204)),
    ("destroy", "national", expect(401, 403, 403, 404, 204)),
    ("destroy", "accepted_bfc", expect(401, 403, 403, 403, 403)),
    ("update", "editor_bfc", expect(401, 403, 403, 405, 405)),
]


@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize(("action", "target", "expected"), MATRIX, ids=lambda v: str(v)[:14])
def test_invitation_matrix(role, action, target, expected, users, organisations, invitations, api_for):
    client = api_for(users[role])
    if action == "list":
        response = client.get(URL)
    elif action == "create":
        payload = {"email": "nouvelle@example.org", **CREATE[target]}
        if "organisation" in payload:
            payload["organisation"] = organisations[payload["organisation"].strip("{}")].slug
        response = client.post(URL, payload, format="json")
    elif action == "retrieve":
        response = client.get(f"{URL}{invitations[target].pk}/")
    elif action == "update":
        response = client.patch(f"{URL}{invitations[target].pk}/", {"message": "x"}, format="json")
    else:
        response = client.delete(f"{URL}{invitations[target].pk}/")
    assert response.status_code == expected[role], response.content
    assert response.status_code == 204 or "detail" in response.json() or response.status_code < 300
    if action == "destroy" and response.status_code == 204:
        assert not Invitation.objects.filter(pk=invitations[target].pk).exists()
    elif action == "destroy":
        assert Invitation.objects.filter(pk=invitations[target].pk).exists()


def test_sending_creates_a_one_time_link_that_is_never_shown(
    users, django_capture_on_commit_callbacks, mailoutbox, api_for
):
    client = api_for(users["territorial_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            {"email": "Nouvelle@Example.org", "role": "editor", "territory": "R27", "message": "Bienvenue"},
            format="json",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    invitation = Invitation.objects.get(pk=body["id"])
    assert (body["email"], body["status"], body["territory"]) == ("nouvelle@example.org", "pending", "R27")
    assert not {"token", "token_hash", "link"} & set(body)
    assert "Link" not in client.get(URL)  # personal data, not open data
    assert invitation.token_hash not in response.content.decode()
    listed = client.get(URL).content.decode() + client.get(f"{URL}{invitation.pk}/").content.decode()
    assert invitation.token_hash not in listed and "token" not in listed
    # The e-mail carries the link; once revoked, the link no longer works.
    assert len(mailoutbox) == 1
    token = re.search(r"/comptes/invitation/([^/\s]+)/", mailoutbox[0].body).group(1)
    assert Invitation.hash_token(token) == invitation.token_hash
    assert token not in listed
    assert client.delete(f"{URL}{invitation.pk}/").status_code == 204
    with pytest.raises(ValidationError):
        services.invitation_from_token(token)


def test_an_accepted_invitation_says_why_it_is_not_revoked(users, invitations, api_for):
    response = api_for(users["national_admin"]).delete(f"{URL}{invitations['accepted_bfc'].pk}/")
    assert response.status_code == 403
    assert "acceptée" in response.json()["detail"]


def test_status_and_filters(users, invitations, api_for):
    invitation = invitations["editor_bfc"]
    invitation.expires_at = timezone.now() - datetime.timedelta(days=1)
    invitation.save()
    client = api_for(users["national_admin"])
    statuses = {item["id"]: item["status"] for item in client.get(URL).json()["results"]}
    assert statuses[invitation.pk] == "expired"
    assert statuses[invitations["accepted_bfc"].pk] == "accepted"
    pending = {item["id"] for item in client.get(URL, {"pending": "true"}).json()["results"]}
    assert pending == {invitations[key].pk for key in ("editor_corse", "partner_bfc", "partner_corse", "national")}
    editors = {item["id"] for item in client.get(URL, {"role": "editor", "territory": "R94"}).json()["results"]}
    assert editors == {invitations["editor_corse"].pk}


def assert_field_error(response, field):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and field in body["errors"], body


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "pas-une-adresse", "role": "editor", "territory": "R27"}, "email"),
        ({"email": "a\x00@example.org", "role": "editor", "territory": "R27"}, "email"),
        ({"email": "a@example.org", "role": "superhero", "territory": "R27"}, "role"),
        ({"email": "a@example.org", "role": "editor"}, "territory"),
        ({"email": "a@example.org", "role": "editor", "territory": "D25"}, "territory"),
        ({"email": "a@example.org", "role": "editor", "territory": "ZZ9"}, "territory"),
        ({"email": "a@example.org", "role": "editor", "territory": 10**30}, "territory"),
        ({"email": "a@example.org", "role": "national_admin", "territory": "R27"}, "territory"),
        ({"email": "a@example.org", "role": "partner"}, "organisation"),
        ({"email": "a@example.org", "role": "partner", "organisation": "inconnue"}, "organisation"),
        ({"email": "a@example.org", "role": "editor", "territory": "R27", "message": "a\x00b"}, "message"),
        ({"email": "a@example.org", "role": "editor", "territory": "R27", "token_hash": "x"}, "token_hash"),
        ({"email": ["a@example.org"], "role": "editor", "territory": "R27"}, "email"),
    ],
)
def test_bad_input_names_the_field(payload, field, users, api_for):
    assert_field_error(api_for(users["territorial_admin"]).post(URL, payload, format="json"), field)


def test_unknown_ids_and_bad_filters(users, api_for):
    client = api_for(users["national_admin"])
    for pk in ("987654", str(10**30), "abc"):
        assert client.get(f"{URL}{pk}/").status_code == 404
        assert client.delete(f"{URL}{pk}/").status_code == 404
    assert_field_error(client.get(URL, {"role": "\x00"}), "role")
    assert_field_error(client.get(URL, {"pending": "peut-être"}), "pending")
    assert_field_error(client.get(URL, {"territory": "R2\x007"}), "territory")


@pytest.mark.parametrize("role", ["territorial_admin", "national_admin"])
def test_invitation_list_queries_do_not_grow(role, users, api_for):
    client = api_for(users[role])
    admin = users["national_admin"]

    def grow():
        for _ in range(5):
            invite(admin, role="editor", territory=territory("R27"))
            invite(
                admin,
                role="partner",
                organisation=OrganisationFactory(territories=[territory("R27"), territory("A03")]),
            )

    grow()
    client.get(URL)
    assert_queries_do_not_grow(lambda: client.get(URL), grow)


def test_nul_bytes_in_codes_and_slugs_name_the_field(users, api_for):
    """PostgreSQL refuses a NUL character in a query: the field says the value names nothing."""
    client = api_for(users["national_admin"])
    for payload, field in (
        ({"email": "a@example.org", "role": "editor", "territory": "R2\x007"}, "territory"),
        ({"email": "a@example.org", "role": "partner", "organisation": "a\x00b"}, "organisation"),
    ):
        assert_field_error(client.post(URL, payload, format="json"), field)
