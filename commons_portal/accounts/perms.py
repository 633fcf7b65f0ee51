"""Who may invite whom. The business rules:

- a national administrator invites anyone to any role, anywhere;
- a territorial administrator invites editors and territorial administrators on the territories they
  administer, and partner members into organisations that act in those territories;
- nobody else invites;
- those who may send an invitation see it, and revoke it while it has not been accepted.
"""

import rules

from commons_portal import permissions as p

from .models import Role


@rules.predicate
def may_invite(user, invitation) -> bool:
    """`invitation` is an unsaved Invitation (or any object with role, territory and organisation)."""
    if p.is_national_admin(user):
        return True
    if invitation.role == Role.NATIONAL_ADMIN:
        return False
    if invitation.role == Role.PARTNER:
        organisation = invitation.organisation
        return organisation is not None and p.administers_any(user, organisation.territories.all())
    return p.administers(user, invitation.territory)


@rules.predicate
def is_pending(user, invitation) -> bool:
    return invitation is not None and not invitation.is_used


rules.add_perm("accounts.add_invitation", may_invite)
rules.add_perm("accounts.view_invitation", may_invite)
rules.add_perm("accounts.delete_invitation", may_invite & is_pending)
rules.add_perm("accounts.invite", p.is_any_admin)
