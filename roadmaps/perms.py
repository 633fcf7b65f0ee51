"""Who may do what on roadmaps. The business rules:

- everyone, even anonymous, reads validated and archived roadmaps (they carry no personal data);
- drafts and roadmaps in review are seen only inside their territory: editors (DRANE/DRASI) and
  administrators of the roadmap's territory or of an ancestor (a national administrator sees all);
- those same people write: they create a roadmap for their territory (or one below it), edit the
  content of a draft or a roadmap in review, move it along the workflow (submit, reopen, validate,
  archive) and draft the next version; a validated edition is frozen;
- a roadmap of the national territory is thus written by national administrators only;
- a draft that was never validated may be deleted by them.

Axes, programmes, actions, indicators and their values follow their roadmap's rules.
"""

import rules

from commons_portal import permissions as p


@rules.predicate
def is_published(user, roadmap) -> bool:
    return roadmap is not None and roadmap.status in roadmap.PUBLISHED_STATUSES


@rules.predicate
def edits_territory(user, roadmap) -> bool:
    return roadmap is not None and p.edits(user, roadmap.territory)


@rules.predicate
def is_open(user, roadmap) -> bool:
    return roadmap is not None and not roadmap.is_frozen


@rules.predicate
def is_draft(user, roadmap) -> bool:
    return roadmap is not None and roadmap.status == roadmap.Status.DRAFT


@rules.predicate
def may_edit_somewhere(user) -> bool:
    return bool(p.scope_of(user).roles_paths(p.EDITING_ROLES))


@rules.predicate
def is_unspecified(user, roadmap) -> bool:
    """No roadmap given: the question is whether the user may create one at all."""
    return roadmap is None


@rules.predicate
def can_transition(user, roadmap) -> bool:
    return roadmap is not None and bool(roadmap.available_transitions())


rules.add_perm("roadmaps.view_roadmap", is_published | edits_territory)
# Without a roadmap: may create one somewhere; with an unsaved one: may create it for its territory.
rules.add_perm("roadmaps.add_roadmap", may_edit_somewhere & (is_unspecified | edits_territory))
rules.add_perm("roadmaps.change_roadmap", edits_territory & is_open)
rules.add_perm("roadmaps.delete_roadmap", edits_territory & is_draft)
rules.add_perm("roadmaps.submit_roadmap", edits_territory & is_draft)
rules.add_perm("roadmaps.validate_roadmap", edits_territory & is_open)
rules.add_perm("roadmaps.archive_roadmap", edits_territory & is_published)
rules.add_perm("roadmaps.new_version_roadmap", edits_territory)
# The territory dashboard and the editor list: people who write somewhere.
rules.add_perm("roadmaps.view_dashboard", may_edit_somewhere)

# The rule each workflow step asks (reopening a roadmap in review changes it back into a draft).
TRANSITION_ACTIONS = {"submit": "submit", "reopen": "change", "validate": "validate", "archive": "archive"}
