"""Who may do what on partner organisations. The business rules:

- anyone, even anonymous, reads the public directory (organisations carry no personal data);
- national administrators manage every organisation; territorial administrators manage the
  organisations that act in a territory they administer;
- a partner member updates the page of their own organisation.
"""

import rules

from commons_portal import permissions as p


@rules.predicate
def manages_organisation(user, organisation) -> bool:
    return p.administers_any(user, organisation.territories.all())


@rules.predicate
def member_of_organisation(user, organisation) -> bool:
    return p.is_member_of(user, organisation)


rules.add_perm("partners.view_organisation", rules.always_allow)
rules.add_perm("partners.add_organisation", p.is_any_admin)
rules.add_perm("partners.change_organisation", p.is_national_admin | manages_organisation | member_of_organisation)
rules.add_perm("partners.delete_organisation", p.is_national_admin | manages_organisation)
rules.add_perm("partners.invite_member", p.is_national_admin | manages_organisation)
