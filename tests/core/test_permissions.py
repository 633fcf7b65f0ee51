"""The kernel's permission module: scopes cover the territory and everything below it."""

import pytest

from commons_portal import permissions as p
from commons_portal.accounts.models import Role
from tests.factories import OrganisationFactory, territory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def test_territorial_role_covers_descendants_not_neighbours(make_user):
    editor = make_user("editor", territory_code="R27")
    assert p.edits(editor, territory("R27"))
    assert p.edits(editor, territory("A07"))  # Dijon
    assert p.edits(editor, territory("D89"))  # Yonne
    assert not p.edits(editor, territory("R94"))  # Corse
    assert not p.edits(editor, territory("national"))
    assert not p.administers(editor, territory("R27"))


def test_national_admin_covers_everything(make_user):
    admin = make_user("national_admin")
    assert p.administers(admin, territory("D974"))
    assert p.is_national_admin(admin)


def test_partner_is_member_of_their_organisation_only(make_user):
    partner = make_user("partner")
    organisation = partner.memberships.get().organisation
    assert p.is_member_of(partner, organisation)
    assert not p.is_member_of(partner, OrganisationFactory())
    assert not p.scope_of(partner).is_staff_member


def test_anonymous_has_empty_scope():
    from django.contrib.auth.models import AnonymousUser

    assert p.scope_of(AnonymousUser()) is p.EMPTY_SCOPE
    assert not p.edits(AnonymousUser(), territory("R27"))


def test_scope_is_loaded_once_per_user_object(make_user):
    editor = make_user("editor")
    queries, _ = count_queries(lambda: [p.edits(editor, territory("R27")) for _ in range(5)])
    # territory() itself runs one query per call; the scope only one in all.
    assert queries == 5 + 1


def test_territory_q_filters_objects_in_scope(make_user):
    from commons_portal.accounts.models import Membership
    from commons_portal.territories.models import Territory

    editor = make_user("editor", territory_code="R94")
    in_corse = make_user("territorial_admin", territory_code="D2A").memberships.get()
    make_user("territorial_admin", territory_code="R27")
    visible = Membership.objects.filter(p.scope_of(editor).territory_q([Role.EDITOR]))
    assert set(visible) == {editor.memberships.get(), in_corse}
    covered = [t.code for t in Territory.objects.get_descendants(territory("R94"))] + ["R94"]
    assert all(p.scope_of(editor).covers(territory(code), [Role.EDITOR]) for code in covered)
