"""The one place that answers "may this user do this on this object".

Roles come from memberships (`accounts.Membership`): a role on a territory covers that territory and
everything below it (a territorial administrator of the région académique Bourgogne-Franche-Comté
administers its académies and départements too); a partner role is held in an organisation.

Each domain registers its rules with django-rules (its `perms.py`) built from the predicates below, so
`user.has_perm("roadmaps.change_roadmap", roadmap)` works in views, the API, templates (`{% has_perm %}`)
and downloads alike, and querysets filter with `Scope.territory_q()`. Nothing else re-derives a rule.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

import rules
from django.db.models import Q

from commons_portal.accounts.models import Membership, Role

_CACHE_ATTR = "_commons_portal_scope"


@dataclass(frozen=True)
class Scope:
    """What a user's memberships cover, loaded once per user object (one query)."""

    national_admin: bool = False
    paths: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> territory paths
    organisation_ids: frozenset[int] = frozenset()

    def roles_paths(self, roles: Iterable[str]) -> tuple[str, ...]:
        return tuple(path for role in roles for path in self.paths.get(role, ()))

    def covers(self, territory, roles: Iterable[str]) -> bool:
        """Whether one of `roles` is held on `territory` or on one of its ancestors."""
        if territory is None:
            return False
        return any(territory.path.startswith(path) for path in self.roles_paths(roles))

    def territory_q(self, roles: Iterable[str], field_name: str = "territory") -> Q:
        """A filter on objects whose territory (through `field_name`) is covered by one of `roles`."""
        paths = self.roles_paths(roles)
        if not paths:
            return Q(pk__in=[])
        query = Q()
        for path in paths:
            query |= Q(**{f"{field_name}__path__startswith": path})
        return query

    @property
    def is_staff_member(self) -> bool:
        """DRANE/DRASI staff or administrators: the people who may see contact persons."""
        return self.national_admin or bool(self.roles_paths(Role.territorial()))


EMPTY_SCOPE = Scope()

# Roles that may edit a territory's content; roles that may administer it.
EDITING_ROLES = (Role.NATIONAL_ADMIN, Role.TERRITORIAL_ADMIN, Role.EDITOR)
ADMIN_ROLES = (Role.NATIONAL_ADMIN, Role.TERRITORIAL_ADMIN)


def scope_of(user) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    paths: dict[str, list[str]] = {}
    organisation_ids = set()
    for membership in Membership.objects.filter(user=user).select_related("territory"):
        if membership.organisation_id:
            organisation_ids.add(membership.organisation_id)
        if membership.territory_id:
            paths.setdefault(membership.role, []).append(membership.territory.path)
    scope = Scope(
        national_admin=user.is_superuser or bool(paths.get(Role.NATIONAL_ADMIN)),
        paths={role: tuple(values) for role, values in paths.items()},
        organisation_ids=frozenset(organisation_ids),
    )
    if scope.national_admin:
        # A national administrator covers the whole tree: the root's path prefixes every path.
        scope.paths[Role.NATIONAL_ADMIN] = ("",)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope after the user's memberships changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- predicates the domains build their rules from -------------------------------------------------


@rules.predicate
def is_national_admin(user) -> bool:
    return scope_of(user).national_admin


@rules.predicate
def is_any_admin(user) -> bool:
    scope = scope_of(user)
    return scope.national_admin or bool(scope.roles_paths([Role.TERRITORIAL_ADMIN]))


@rules.predicate
def is_staff_member(user) -> bool:
    return scope_of(user).is_staff_member


@rules.predicate
def is_partner(user) -> bool:
    return bool(scope_of(user).organisation_ids)


def administers(user, territory) -> bool:
    """National administrators, and territorial administrators of the territory or an ancestor."""
    return scope_of(user).covers(territory, ADMIN_ROLES)


def edits(user, territory) -> bool:
    """Editors (DRANE/DRASI) and administrators of the territory or an ancestor."""
    return scope_of(user).covers(territory, EDITING_ROLES)


def administers_any(user, territories: Iterable) -> bool:
    scope = scope_of(user)
    return scope.national_admin or any(scope.covers(t, ADMIN_ROLES) for t in territories)


def is_member_of(user, organisation) -> bool:
    return organisation is not None and organisation.pk in scope_of(user).organisation_ids


# What a visitor who is not logged in may ever do: read. Every write needs an account.
ANONYMOUS_ACTIONS = frozenset({"view"})


def may_ever(user, action: str) -> bool:
    """False when no rule can allow `action` to `user` whatever the object (a visitor who is not logged
    in and an action other than reading), so the object's rules need not be asked."""
    return action in ANONYMOUS_ACTIONS or (user is not None and user.is_authenticated)


def abilities(user, obj, actions: Iterable[str] = ("view", "change", "delete")) -> dict[str, bool]:
    """`{"view": True, "change": False, ...}` for `obj`, from the rules registered as
    `<app_label>.<action>_<model_name>`: what views hand to templates and the API to clients."""
    meta = obj._meta
    return {
        action: may_ever(user, action) and user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}", obj)
        for action in actions
    }
