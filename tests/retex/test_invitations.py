"""Inviting a partner to a session or a call for reports, by the kernel's one-time link."""

import pytest
from django.core import mail
from django.urls import reverse

from commons_portal.accounts.models import Invitation, Role
from tests.factories import OrganisationFactory, UserFactory, territory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_territorial_admin_invites_a_partner_to_a_session(client_for, django_capture_on_commit_callbacks):
    admin = UserFactory(territorial_admin=True)
    organisation = OrganisationFactory(territories=[territory("R27")])
    session = SessionFactory(title="Atelier formation")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(
            reverse("retex:invite_partner"),
            {"email": "Invite@Exemple.fr", "organisation": organisation.pk, "session": session.pk, "message": ""},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.organisation) == (
        "invite@exemple.fr",
        Role.PARTNER,
        organisation,
    )
    assert "Atelier formation" in invitation.message
    assert mail.outbox[0].to == ["invite@exemple.fr"]


def test_an_organisation_outside_ones_territories_is_refused_next_to_the_field(client_for):
    admin = UserFactory(territorial_admin=True)
    organisation = OrganisationFactory(territories=[territory("R94")])
    response = client_for(admin).post(
        reverse("retex:invite_partner"),
        {"email": "a@exemple.fr", "organisation": organisation.pk, "message": "Bonjour"},
    )
    assert response.status_code == 200
    assert "elle n&#x27;agit pas sur vos territoires" in response.content.decode()
    assert 'value="a@exemple.fr"' in response.content.decode()
    assert not Invitation.objects.exists()
