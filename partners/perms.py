"""Who may do what in the partner ecosystem. The business rules:

- anyone, even anonymous, reads the public directory, the conventions, the commons catalogue, the map
  and the graph (none of them carries personal data);
- national administrators manage every organisation; territorial administrators manage the
  organisations that act in a territory they administer, and invite their partner members;
- a partner member updates the page of their own organisation;
- contact persons are personal data: only logged-in staff (DRANE/DRASI editors and administrators)
  of a territory where the organisation acts (or above or below it) see, record, export and erase
  them; national administrators for every organisation;
- conventions are managed by the administrators of their territory (national ones by national
  administrators); their documents are read by the staff of the convention's territory (or above
  or below it) and by the members of the parties;
- the commons catalogue is kept by staff; a territory's adoption of a commons is recorded by the
  people who edit that territory.
"""

import rules

from commons_portal import permissions as p

from .models import Contact


@rules.predicate
def manages_organisation(user, organisation) -> bool:
    return p.administers_any(user, organisation.territories.all())


@rules.predicate
def member_of_organisation(user, organisation) -> bool:
    return p.is_member_of(user, organisation)


def staff_overlapping(user, territories) -> bool:
    """National administrators, and staff whose territory contains one of `territories` or lies in it
    (the staff of an académie deal with an organisation acting in their région, and the other way)."""
    scope = p.scope_of(user)
    if scope.national_admin:
        return True
    paths = scope.roles_paths(p.EDITING_ROLES)
    return any(t.path.startswith(path) or path.startswith(t.path) for t in territories for path in paths)


@rules.predicate
def staff_of_organisation(user, obj) -> bool:
    """`obj` is an organisation or one of its contact persons."""
    if obj is None:
        return False
    organisation = obj.organisation if isinstance(obj, Contact) else obj
    return staff_overlapping(user, organisation.territories.all())


@rules.predicate
def staff_of_partnership_territory(user, partnership) -> bool:
    return partnership is not None and staff_overlapping(user, [partnership.territory])


@rules.predicate
def administers_partnership_territory(user, partnership) -> bool:
    return p.administers(user, partnership.territory)


@rules.predicate
def member_of_a_party(user, partnership) -> bool:
    organisation_ids = p.scope_of(user).organisation_ids
    return bool(organisation_ids) and partnership.parties.filter(organisation_id__in=organisation_ids).exists()


@rules.predicate
def edits_adoption_territory(user, adoption) -> bool:
    return p.edits(user, adoption.territory)


# Organisations
rules.add_perm("partners.view_organisation", rules.always_allow)
rules.add_perm("partners.add_organisation", p.is_any_admin)
rules.add_perm("partners.change_organisation", p.is_national_admin | manages_organisation | member_of_organisation)
rules.add_perm("partners.delete_organisation", p.is_national_admin | manages_organisation)
rules.add_perm("partners.invite_member", p.is_national_admin | manages_organisation)

# Contact persons (the object is the organisation they belong to, or the contact itself)
rules.add_perm("partners.view_contact", staff_of_organisation)
rules.add_perm("partners.add_contact", staff_of_organisation)
rules.add_perm("partners.delete_contact", staff_of_organisation)

# Conventions
rules.add_perm("partners.view_partnership", rules.always_allow)
rules.add_perm("partners.add_partnership", p.is_any_admin)
rules.add_perm("partners.change_partnership", administers_partnership_territory)
rules.add_perm("partners.delete_partnership", administers_partnership_territory)
rules.add_perm("partners.view_partnershipdocument", staff_of_partnership_territory | member_of_a_party)

# Commons
rules.add_perm("partners.view_commons", rules.always_allow)
rules.add_perm("partners.add_commons", p.is_staff_member)
rules.add_perm("partners.change_commons", p.is_staff_member)
rules.add_perm("partners.delete_commons", p.is_national_admin)
rules.add_perm("partners.add_commonsadoption", edits_adoption_territory)
# Whether to offer the adoption form at all; the territory chosen is then checked with add_commonsadoption.
rules.add_perm("partners.adopt_commons", p.is_staff_member)
