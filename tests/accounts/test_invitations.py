"""Invitations by one-time link: who may invite, accepting, expiry, reuse."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commons_portal.accounts.models import Invitation, Membership, Role, User
from tests.factories import InvitationFactory, OrganisationFactory, territory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-mot-de-passe-tres-solide"


def accept_url(token):
    return reverse("accounts:invitation_accept", args=[token])


def test_territorial_admin_invites_an_editor_who_creates_an_account(
    role_client, client, django_capture_on_commit_callbacks
):
    admin_client = role_client("territorial_admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("accounts:invitation_create"),
            {"email": "nouvelle.drane@ac-besancon.fr", "role": Role.EDITOR, "territory": territory("A03").pk},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    response = client.get(path)
    assert response.status_code == 200
    assert "nouvelle.drane@ac-besancon.fr" in response.content.decode()
    response = client.post(
        path, {"first_name": "Nina", "last_name": "Drane", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle.drane@ac-besancon.fr")
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.filter(user=user, role=Role.EDITOR, territory__code="A03").exists()
    # The link works once.
    response = client.get(path)
    assert response.status_code == 410
    assert "déjà servi" in response.content.decode()


def test_invitation_form_errors_keep_what_was_typed(role_client):
    response = role_client("territorial_admin").post(
        reverse("accounts:invitation_create"), {"email": "quelqu.un@exemple.fr", "role": Role.PARTNER}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Choisissez l&#x27;organisation de la personne invitée." in content
    assert 'value="quelqu.un@exemple.fr"' in content


def test_territorial_admin_cannot_invite_outside_their_territory(role_client):
    response = role_client("territorial_admin").post(
        reverse("accounts:invitation_create"),
        {"email": "x@exemple.fr", "role": Role.EDITOR, "territory": territory("R94").pk},
    )
    assert response.status_code == 200
    assert "Vous ne pouvez pas inviter" in response.content.decode()
    assert not Invitation.objects.exists()


def test_territorial_admin_invites_a_partner_of_an_organisation_in_their_territory(role_client):
    organisation = OrganisationFactory(territories=[territory("D21")])
    response = role_client("territorial_admin").post(
        reverse("accounts:invitation_create"),
        {"email": "membre@commune.fr", "role": Role.PARTNER, "organisation": organisation.pk},
    )
    assert response.status_code == 302
    assert Invitation.objects.get().organisation == organisation


@pytest.mark.parametrize(("role", "status"), [("partner", 403), ("editor", 403), ("national_admin", 200)])
def test_who_may_open_the_invitation_page(role_client, role, status):
    assert role_client(role).get(reverse("accounts:invitation_create")).status_code == status


def test_expired_invitation_says_so(client):
    InvitationFactory(token="perime", expires_at=timezone.now() - timezone.timedelta(minutes=1))
    response = client.get(accept_url("perime"))
    assert response.status_code == 410
    assert "a expiré le" in response.content.decode()


def test_unknown_token_says_so(client):
    response = client.get(accept_url("nimporte-quoi"))
    assert response.status_code == 410
    assert "n'est pas valide" in response.content.decode().replace("&#x27;", "'")


def test_accept_form_errors_keep_typed_values(client):
    InvitationFactory(token="abc")
    response = client.post(
        accept_url("abc"), {"first_name": "Léa", "last_name": "", "password1": "court", "password2": "autre"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Léa"' in content
    assert "Les deux mots de passe ne sont pas identiques." in content
    assert not User.objects.filter(first_name="Léa").exists()


def test_existing_account_logs_in_then_accepts(client, make_user):
    user = make_user("partner")
    InvitationFactory(token="xyz", email=user.email, role=Role.EDITOR)
    response = client.post(accept_url("xyz"))
    assert response.status_code == 302 and "connexion" in response["Location"]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(accept_url("xyz")).status_code == 302
    assert Membership.objects.filter(user=user, role=Role.EDITOR).exists()
